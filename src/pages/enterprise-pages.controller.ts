import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Public, Roles } from '../common/auth/decorators';
import { Clock } from '../common/clock';
import { notFound } from '../common/errors/domain-error';
import { dateProblem } from '../common/validation/date-fields';
import { IdParamDto } from '../common/validation/id-param.dto';
import { DisbursementPaymentsService } from '../disbursements/disbursement-payments.service';
import { PayDisbursementDto } from '../disbursements/dto/pay.dto';
import { ConfirmPlacementDto } from '../placements/dto/confirm-placement.dto';
import { DeclinePlacementDto } from '../placements/dto/decline-placement.dto';
import { PlacementDecisionsService } from '../placements/placement-decisions.service';
import { EnterprisePagesService, FormFailure, pageOf, placementsHref, placementsQuery, PlacementsQuery } from './enterprise-pages.service';
import { Lang, translate } from './i18n';
import { formRefusal, paidOnField } from './page-errors';
import { attemptForm, FieldErrors, filledFields, validateForm } from './page-forms';
import { resolveLang, setFlash } from './page-session';
import { redirect, renderPage } from './page-view';
import { PagesGuard } from './pages.guard';
import { payableUntil } from './rules/fare-horizon';
import { parseYuanToFen } from './rules/money';

const CONFIRM_FIELDS = ['position', 'supervisorName', 'startDate', 'monthlySalaryYuan'] as const;

/**
 * Enterprise HR: a summary of what to act on, its placements to confirm or decline (one at a time or several
 * ticked at once), its winter fares to pay (several with one transfer) and the students it sponsors. Each form
 * returns to its own item; a refusal shows the page again with the reason beside the item and the values kept.
 */
@ApiExcludeController()
@Public()
@UseGuards(PagesGuard)
@Roles('enterprise')
@Controller('enterprise')
export class EnterprisePagesController {
  constructor(
    private readonly pages: EnterprisePagesService,
    private readonly decisions: PlacementDecisionsService,
    private readonly payments: DisbursementPaymentsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  async summary(@CurrentUser() actor: AuthUser, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<unknown> {
    return renderPage(request, reply, 'enterprise', await this.pages.summary(actor));
  }

  @Get('placements')
  async placements(
    @CurrentUser() actor: AuthUser,
    @Query() raw: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    return renderPage(request, reply, 'enterprise-placements', await this.pages.placements(actor, placementsQuery(raw)));
  }

  @Post('placements/:id/confirm')
  async confirm(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() form: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    const back = returnQuery(form);
    const typed = filledFields(form, CONFIRM_FIELDS);
    const lang = resolveLang(request, reply);
    const { value, errors } = await confirmForm(typed);
    const item = `placement-${id}`;
    if (!value) return this.refusePlacement(request, reply, actor, back, failure(lang, item, 'enterprise.fixFields', errors, typed), 400);
    return attemptForm(
      { lang, request, reply },
      () => this.decisions.confirm(actor, id, value),
      ({ status, ...shown }) => this.refusePlacement(request, reply, actor, back, { form: item, ...shown, values: typed }, status),
      () => ({ flash: { ok: true, text: 'enterprise.confirmed', form: item }, to: `${placementsHref(back)}#${item}` }),
    );
  }

  @Post('placements/:id/decline')
  async decline(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() form: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    const back = returnQuery(form);
    const typed = filledFields(form, ['reason']);
    const lang = resolveLang(request, reply);
    const { value, errors } = await validateForm(DeclinePlacementDto, typed);
    const item = `decline-${id}`;
    if (!value) return this.refusePlacement(request, reply, actor, back, failure(lang, item, 'enterprise.fixFields', errors, typed), 400);
    return attemptForm(
      { lang, request, reply },
      () => this.decisions.decline(actor, id, value),
      ({ status, ...shown }) => this.refusePlacement(request, reply, actor, back, { form: item, ...shown, values: typed }, status),
      () => ({ flash: { ok: true, text: 'enterprise.declined', form: `placement-${id}` }, to: `${placementsHref(back)}#placement-${id}` }),
    );
  }

  /**
   * The ticked placements, confirmed with the same position, supervisor, start and pay, or declined with one
   * reason. Each is decided on its own: those refused are named beside their item, the others are done.
   */
  @Post('placements/decide')
  async decideMany(
    @CurrentUser() actor: AuthUser,
    @Body() form: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    const back = returnQuery(form);
    const lang = resolveLang(request, reply);
    const ids = idList(form.ids);
    const declining = form.action === 'decline';
    const typed: Record<string, string | string[]> = {
      ...filledFields(form, [...CONFIRM_FIELDS, 'reason']),
      ids: ids.map(String),
    };
    const refuse = (f: FormFailure, status: number) => this.refusePlacement(request, reply, actor, back, f, status);
    if (!ids.length) return refuse(failure(lang, 'bulk', 'enterprise.selectSome', {}, typed), 400);
    const { value, errors } = declining
      ? await validateForm(DeclinePlacementDto, filledFields(form, ['reason']))
      : await confirmForm(filledFields(form, CONFIRM_FIELDS));
    if (!value) return refuse(failure(lang, 'bulk', 'enterprise.fixFields', errors, typed), 400);
    const own = await this.pages.ownPlacementIds(actor, ids);
    const foreign = ids.find((id) => !own.has(id));
    if (foreign !== undefined) throw notFound('Placement', foreign);
    const items: Record<string, string> = {};
    let done = 0;
    for (const id of ids) {
      try {
        if (value instanceof DeclinePlacementDto) await this.decisions.decline(actor, id, value);
        else await this.decisions.confirm(actor, id, value);
        done += 1;
      } catch (error) {
        items[String(id)] = formRefusal(lang, error).message;
      }
    }
    const text = declining ? 'enterprise.declinedMany' : 'enterprise.confirmedMany';
    if (Object.keys(items).length) {
      const message = `${translate(lang, text, { count: done })} ${translate(lang, 'enterprise.someRefused', { count: Object.keys(items).length })}`;
      return refuse({ form: 'bulk', message, fields: {}, values: typed, items }, 409);
    }
    setFlash(request, { ok: true, text, count: done, form: 'bulk' });
    return redirect(reply, `${placementsHref(back)}#bulk`);
  }

  @Get('fares')
  async fares(
    @CurrentUser() actor: AuthUser,
    @Query() raw: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    return renderPage(request, reply, 'enterprise-fares', await this.pages.fares(actor, raw.show === 'later', pageOf(raw.page)));
  }

  /**
   * The ticked fares paid by one transfer: one reference and one day, all or none. The key was made when the
   * form was shown, so the same form sent twice pays once. Only fares due within the horizon are payable here.
   */
  @Post('fares/pay')
  async pay(
    @CurrentUser() actor: AuthUser,
    @Body() form: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    const lang = resolveLang(request, reply);
    const ids = idList(form.lineIds);
    const fields = filledFields(form, ['reference', 'paidOn', 'idempotencyKey']);
    const typed = { ...fields, lineIds: ids.map(String) };
    const refuse = async (f: FormFailure, status: number) =>
      renderPage(request, reply, 'enterprise-fares', await this.pages.fares(actor, false, 1, f), status);
    if (!ids.length) return refuse(failure(lang, 'pay', 'enterprise.selectFares', {}, typed), 400);
    const { paidOn, reference } = fields;
    const problems: FieldErrors = {};
    if (!paidOn || dateProblem(paidOn)) problems.paidOn = paidOn ? 'error.date' : 'error.required';
    const { value, errors } = await validateForm(PayDisbursementDto, {
      reference,
      paidAt: paidOn && !problems.paidOn ? this.clock.startOf(paidOn).toISOString() : undefined,
    });
    if (!value || problems.paidOn) {
      const { paidAt: _paidAt, ...rest } = errors ?? {};
      return refuse(failure(lang, 'pay', 'enterprise.fixFields', { ...rest, ...problems }, typed), 400);
    }
    const until = payableUntil(this.clock.today());
    const due = await this.pages.fareDueDates(actor, ids);
    const foreign = ids.find((id) => !due.has(id));
    if (foreign !== undefined) throw notFound('Disbursement', foreign);
    const notYet = ids.find((id) => due.get(id)! > until);
    if (notYet !== undefined) {
      const message = translate(lang, 'enterprise.notDueYet', { date: due.get(notYet)!, until });
      return refuse({ form: 'pay', message, fields: {}, values: typed }, 409);
    }
    return attemptForm(
      { lang, request, reply },
      () => this.payments.payMany(actor, ids, fields.idempotencyKey, value),
      ({ status, message, fields: problems }) => refuse({ form: 'pay', message, fields: paidOnField(problems), values: typed }, status),
      () => ({ flash: { ok: true, text: 'enterprise.paidMany', count: ids.length, form: 'pay' }, to: '/enterprise/fares#pay' }),
    );
  }

  @Get('students')
  async students(
    @CurrentUser() actor: AuthUser,
    @Query() raw: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    return renderPage(request, reply, 'enterprise-students', await this.pages.studentList(actor, pageOf(raw.page)));
  }

  private async refusePlacement(
    request: FastifyRequest,
    reply: FastifyReply,
    actor: AuthUser,
    back: PlacementsQuery,
    shown: FormFailure,
    status: number,
  ): Promise<unknown> {
    return renderPage(request, reply, 'enterprise-placements', await this.pages.placements(actor, back, shown), status);
  }
}

/** The form asks for yuan; the API's rule speaks of fen. */
async function confirmForm(typed: Record<string, string>) {
  const { monthlySalaryYuan, ...values } = typed as Record<string, unknown>;
  if (typeof monthlySalaryYuan === 'string') values.monthlySalaryFen = parseYuanToFen(monthlySalaryYuan) ?? Number.NaN;
  const { value, errors } = await validateForm(ConfirmPlacementDto, values);
  if (value) return { value, errors: null };
  const { monthlySalaryFen, ...rest } = errors;
  return { value: null, errors: monthlySalaryFen ? { ...rest, monthlySalaryYuan: 'enterprise.salaryInvalid' } : rest };
}

/** A form's own field messages in the page's language: required, a date, or "check this value". */
function failure(lang: Lang, form: string, message: string, errors: FieldErrors, values: FormFailure['values']): FormFailure {
  const known = (m: string) => m === 'error.required' || m === 'error.date' || m.startsWith('enterprise.');
  const fields = Object.fromEntries(
    Object.entries(errors).map(([field, m]) => [field, translate(lang, known(m) ? m : 'enterprise.fieldInvalid')]),
  );
  return { form, message: translate(lang, message), fields, values };
}

/** Ticked boxes: one value or several, each an id. */
function idList(raw: unknown): number[] {
  const values = ([] as unknown[]).concat(raw ?? []);
  const ids = values.filter((v): v is string => typeof v === 'string' && /^\d{1,9}$/.test(v)).map(Number);
  return [...new Set(ids.filter((id) => id >= 1))];
}

/** The list the form was sent from (its filters and page), carried in a hidden field. */
function returnQuery(form: Record<string, unknown>): PlacementsQuery {
  const raw = typeof form.returnTo === 'string' ? form.returnTo : '';
  const search = /^\/enterprise\/placements(\?[\w=&%.-]*)?$/.test(raw) ? (raw.split('?')[1] ?? '') : '';
  return placementsQuery(Object.fromEntries(new URLSearchParams(search)));
}
