import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Public, Roles } from '../common/auth/decorators';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { PageQueryDto } from '../common/pagination/page';
import { dateProblem } from '../common/validation/date-fields';
import { IdParamDto } from '../common/validation/id-param.dto';
import { DisbursementPaymentsService } from '../disbursements/disbursement-payments.service';
import { PayDisbursementDto } from '../disbursements/dto/pay.dto';
import { ConfirmPlacementDto } from '../placements/dto/confirm-placement.dto';
import { DeclinePlacementDto } from '../placements/dto/decline-placement.dto';
import { PlacementDecisionsService } from '../placements/placement-decisions.service';
import { EnterprisePagesService } from './enterprise-pages.service';
import { FieldErrors, filledFields, validateForm } from './page-forms';
import { setFlash } from './page-session';
import { redirect, renderPage } from './page-view';
import { PagesExceptionFilter } from './pages-exception.filter';
import { PagesGuard } from './pages.guard';
import { parseYuanToFen } from './rules/money';

/** Enterprise HR: sponsored students, placements to confirm or decline, winter fares to pay. */
@ApiExcludeController()
@Public()
@UseGuards(PagesGuard)
@UseFilters(PagesExceptionFilter)
@Controller('enterprise')
export class EnterprisePagesController {
  constructor(
    private readonly pages: EnterprisePagesService,
    private readonly decisions: PlacementDecisionsService,
    private readonly payments: DisbursementPaymentsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('enterprise')
  async desk(
    @CurrentUser() actor: AuthUser,
    @Query() query: PageQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    return renderPage(request, reply, 'enterprise', await this.pages.desk(actor, query.page));
  }

  @Post('placements/:id/confirm')
  @Roles('enterprise')
  async confirm(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() form: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const values: Record<string, unknown> = filledFields(form, ['position', 'supervisorName', 'startDate']);
    const salary = filledFields(form, ['monthlySalaryYuan']).monthlySalaryYuan;
    const fen = salary === undefined ? undefined : parseYuanToFen(salary);
    if (fen !== undefined) values.monthlySalaryFen = fen ?? Number.NaN;
    const { value, errors } = await validateForm(ConfirmPlacementDto, values);
    if (!value) return this.back(request, reply, `placement-${id}`, renameSalary(errors));
    return this.attempt(request, reply, `placement-${id}`, 'enterprise.confirmed', () => this.decisions.confirm(actor, id, value));
  }

  @Post('placements/:id/decline')
  @Roles('enterprise')
  async decline(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() form: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const { value, errors } = await validateForm(DeclinePlacementDto, filledFields(form, ['reason']));
    if (!value) return this.back(request, reply, `decline-${id}`, errors);
    return this.attempt(request, reply, `decline-${id}`, 'enterprise.declined', () => this.decisions.decline(actor, id, value));
  }

  /**
   * The key was generated when the form was shown, so the same form sent twice records one payment. The day
   * typed is a business date: it is paid at the start of that day in the business time zone.
   */
  @Post('fares/:id/pay')
  @Roles('enterprise')
  async pay(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() form: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const { paidOn, ...fields } = filledFields(form, ['reference', 'paidOn']);
    if (!paidOn || dateProblem(paidOn))
      return this.back(request, reply, `fare-${id}`, { paidOn: paidOn ? 'error.date' : 'error.required' });
    const paidAt = this.clock.startOf(paidOn).toISOString();
    const { value, errors } = await validateForm(PayDisbursementDto, { ...fields, paidAt });
    if (!value) return this.back(request, reply, `fare-${id}`, renamePaidAt(errors));
    const key = typeof form.idempotencyKey === 'string' ? form.idempotencyKey : undefined;
    return this.attempt(request, reply, `fare-${id}`, 'enterprise.paid', () => this.payments.pay(actor, id, key, value));
  }

  private back(request: FastifyRequest, reply: FastifyReply, form: string, fields: FieldErrors): FastifyReply {
    setFlash(request, { ok: false, text: 'error.title', form, fields });
    return redirect(reply, '/enterprise');
  }

  /** A conflict (already decided, already paid) is shown next to the form; 404 and the rest go to the error page. */
  private async attempt(
    request: FastifyRequest,
    reply: FastifyReply,
    form: string,
    done: string,
    action: () => Promise<unknown>,
  ): Promise<FastifyReply> {
    try {
      await action();
    } catch (error) {
      if (
        !(error instanceof DomainError) ||
        !['CONFLICT', 'ILLEGAL_TRANSITION', 'CAPACITY_FULL', 'ALREADY_PAID', 'IDEMPOTENCY_KEY_REUSED', 'VALIDATION_FAILED'].includes(
          error.code,
        )
      )
        throw error;
      const fields = Object.fromEntries((error.details ?? []).map((d) => [d.field, d.message]));
      setFlash(request, { ok: false, text: error.message, form, fields });
      return redirect(reply, '/enterprise');
    }
    // Shown at the top: the decided placement or paid fare is no longer listed.
    setFlash(request, { ok: true, text: done });
    return redirect(reply, '/enterprise');
  }
}

/** The form asks for yuan; the API's rule speaks of fen. */
function renameSalary(errors: FieldErrors): FieldErrors {
  const { monthlySalaryFen, ...rest } = errors;
  return monthlySalaryFen ? { ...rest, monthlySalaryYuan: monthlySalaryFen } : rest;
}

/** The form asks for the day it was paid; the API's rule speaks of the instant. */
function renamePaidAt(errors: FieldErrors): FieldErrors {
  const { paidAt, ...rest } = errors;
  return paidAt ? { ...rest, paidOn: paidAt } : rest;
}
