import { Body, Controller, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AgreementsService } from '../agreements/agreements.service';
import { CreateAgreementDto, languageOf } from '../agreements/dto/agreement.dto';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Public, Roles } from '../common/auth/decorators';
import { Clock } from '../common/clock';
import { DomainError, notFound } from '../common/errors/domain-error';
import { dateProblem } from '../common/validation/date-fields';
import { IdParamDto, MAX_ID } from '../common/validation/id-param.dto';
import { DisbursementPaymentsService } from '../disbursements/disbursement-payments.service';
import { DisbursementsService } from '../disbursements/disbursements.service';
import { PayDisbursementDto } from '../disbursements/dto/pay.dto';
import { StudentAccountsService } from '../student-accounts/student-accounts.service';
import { BankAccountDto } from '../students/dto/bank-account.dto';
import { ChangeMajorDto } from '../students/dto/change-major.dto';
import { ChangeStatusDto } from '../students/dto/change-status.dto';
import { StudentBankAccountService } from '../students/student-bank-account.service';
import { StudentLifecycleService } from '../students/student-lifecycle.service';
import { translate } from './i18n';
import { pageError, paidOnField } from './page-errors';
import { attemptForm, FieldErrors, filledFields, validateForm } from './page-forms';
import { resolveLang } from './page-session';
import { renderPage } from './page-view';
import { PagesGuard } from './pages.guard';
import { PageForm, StaffStudentPagesService } from './staff-student-pages.service';

declare module '@fastify/secure-session' {
  interface SessionData {
    /** The sign-in just made on the staff student page, shown there once with its one-time password. */
    issuedAccount: { studentId: number; username: string; password: string };
  }
}

export class StudentLineParamDto extends IdParamDto {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  lineId!: number;
}

/** What was posted, to show again next to the form it came from when the action is refused. */
interface Attempt {
  actor: AuthUser;
  studentId: number;
  /** The PageForm id the refusal belongs to, and the section the success returns to. */
  form: string;
  anchor: string;
  values: Record<string, string>;
  done: string;
}

/** Why a form was refused: the status to answer with, one sentence for the form and one per field it names. */
type Refusal = { status: number; message: string; fields: FieldErrors };

/** One student for staff: the record, schedule, placements, agreements and history, with the actions allowed now. */
@ApiExcludeController()
@Public()
@UseGuards(PagesGuard)
@Roles('admin', 'staff')
@Controller('staff/students')
export class StaffStudentPagesController {
  constructor(
    private readonly pages: StaffStudentPagesService,
    private readonly lifecycle: StudentLifecycleService,
    private readonly disbursements: DisbursementsService,
    private readonly payments: DisbursementPaymentsService,
    private readonly agreements: AgreementsService,
    private readonly accounts: StudentAccountsService,
    private readonly bankAccounts: StudentBankAccountService,
    private readonly clock: Clock,
  ) {}

  @Get(':id')
  async page(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    return this.render(request, reply, actor, id);
  }

  @Post(':id/status')
  async status(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() form: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    const values = filledFields(form, ['to', 'effectiveDate', 'reason']);
    const attempt = { actor, studentId: id, form: `status-${values.to}`, anchor: 'status', values, done: 'staffStudent.moved' };
    const { value, errors } = await validateForm(ChangeStatusDto, {
      status: values.to,
      effectiveDate: values.effectiveDate,
      reason: values.reason,
    });
    if (!value) return this.refuse(request, reply, attempt, this.invalid(request, reply, errors));
    return this.attempt(request, reply, attempt, () => this.lifecycle.changeStatus(actor, id, value));
  }

  @Post(':id/major')
  async major(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() form: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    const values = filledFields(form, ['majorCode', 'reason', 'force']);
    const attempt = { actor, studentId: id, form: 'major', anchor: 'major', values, done: 'staffStudent.majorChanged' };
    const { value, errors } = await validateForm(ChangeMajorDto, {
      majorCode: values.majorCode,
      reason: values.reason,
      ...(values.force === 'true' ? { force: true } : {}),
    });
    if (!value) return this.refuse(request, reply, attempt, this.invalid(request, reply, errors));
    return this.attempt(request, reply, attempt, () => this.lifecycle.changeMajor(actor, id, value));
  }

  @Post(':id/lines/:lineId/approve')
  async approve(
    @CurrentUser() actor: AuthUser,
    @Param() { id, lineId }: StudentLineParamDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    const attempt = { actor, studentId: id, form: `line-${lineId}`, anchor: 'schedule', values: {}, done: 'staffStudent.approved' };
    await this.ownLine(actor, id, lineId);
    return this.attempt(request, reply, attempt, () => this.disbursements.approve(actor, lineId));
  }

  /**
   * The key was made when the form was shown, so the same form sent twice records one payment. The day typed
   * is a business date: it is paid at the start of that day in the business time zone.
   */
  @Post(':id/lines/:lineId/pay')
  async pay(
    @CurrentUser() actor: AuthUser,
    @Param() { id, lineId }: StudentLineParamDto,
    @Body() form: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    const values = filledFields(form, ['reference', 'paidOn', 'idempotencyKey']);
    const attempt = { actor, studentId: id, form: `line-${lineId}`, anchor: 'schedule', values, done: 'staffStudent.paid' };
    await this.ownLine(actor, id, lineId);
    if (!values.paidOn || dateProblem(values.paidOn))
      return this.refuse(
        request,
        reply,
        attempt,
        this.invalid(request, reply, { paidOn: values.paidOn ? 'error.date' : 'error.required' }),
      );
    const paidAt = this.clock.startOf(values.paidOn).toISOString();
    const { value, errors } = await validateForm(PayDisbursementDto, { reference: values.reference, paidAt });
    if (!value) return this.refuse(request, reply, attempt, this.invalid(request, reply, paidOnField(errors)));
    return this.attempt(request, reply, attempt, () => this.payments.pay(actor, lineId, values.idempotencyKey, value));
  }

  @Post(':id/agreements')
  async agreement(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() form: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    const values = filledFields(form, ['kind', 'lang']);
    const attempt = {
      actor,
      studentId: id,
      form: `agreement-${values.kind}`,
      anchor: 'agreements',
      values,
      done: 'staffStudent.generated',
    };
    const { value, errors } = await validateForm(CreateAgreementDto, { kind: values.kind });
    if (!value) return this.refuse(request, reply, attempt, this.invalid(request, reply, errors));
    return this.attempt(request, reply, attempt, () =>
      this.agreements.create(actor, id, { kind: value.kind, language: languageOf(values) }),
    );
  }

  @Post(':id/account')
  async account(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    const attempt = { actor, studentId: id, form: 'account', anchor: 'account', values: {}, done: 'staffStudent.accountCreated' };
    return this.attempt(request, reply, attempt, async () => {
      const [issued] = (await this.accounts.createForStudent(actor, id)).accounts;
      request.session.set('issuedAccount', { studentId: id, username: issued.username, password: issued.oneTimePassword });
    });
  }

  /** The number typed is never put back into the form when refused: a page never shows it. */
  @Post(':id/bank-account')
  async bankAccount(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() form: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    const { accountNumber, ...shown } = filledFields(form, ['bankName', 'accountName', 'accountNumber']);
    const attempt = {
      actor,
      studentId: id,
      form: 'bank-account',
      anchor: 'bank-account',
      values: { bankName: '', accountName: '', ...shown },
      done: 'staffStudent.bankAccountSaved',
    };
    const { value, errors } = await validateForm(BankAccountDto, { ...shown, accountNumber });
    if (!value) return this.refuse(request, reply, attempt, this.invalid(request, reply, errors));
    return this.attempt(request, reply, attempt, () => this.bankAccounts.replace(actor, id, value));
  }

  private async render(request: FastifyRequest, reply: FastifyReply, actor: AuthUser, studentId: number, refused?: Attempt & Refusal) {
    const model = await this.pages.page(actor, studentId, resolveLang(request, reply));
    const issued = request.session.get('issuedAccount');
    if (issued) request.session.set('issuedAccount', undefined);
    // A refusal for a form no longer offered (the status moved on meanwhile) is shown at the top.
    let unplaced: string | null = null;
    if (refused) {
      const forms: (PageForm | null)[] = [
        ...model.statusForms,
        model.majorForm,
        ...model.agreementForms,
        model.accountForm,
        model.bankAccountForm,
        ...model.lines.flatMap((l) => [l.approve, l.pay]),
      ];
      const form = forms.find((f): f is PageForm => f?.id === refused.form);
      if (form) Object.assign(form, { values: { ...form.values, ...refused.values }, errors: refused.fields, message: refused.message });
      else unplaced = refused.message;
    }
    return renderPage(
      request,
      reply,
      'staff-student',
      { ...model, unplaced, issuedAccount: issued?.studentId === studentId ? issued : null },
      refused?.status ?? 200,
    );
  }

  /** The line must be this student's: another student's line answers 404 as an unknown one would. */
  private async ownLine(actor: AuthUser, studentId: number, lineId: number): Promise<void> {
    const { items } = await this.disbursements.forStudent(actor, studentId);
    if (!items.some((line) => line.id === lineId)) throw notFound('Disbursement', lineId);
  }

  /** A form the API's rules refuse: 400, each field's problem in the page's language. */
  private invalid(request: FastifyRequest, reply: FastifyReply, errors: FieldErrors): Refusal {
    const lang = resolveLang(request, reply);
    const fields = Object.fromEntries(
      Object.entries(errors).map(([field, message]) => [
        field,
        translate(lang, message.startsWith('error.') ? message : 'staffStudent.invalid'),
      ]),
    );
    return { status: 400, message: pageError(lang, new DomainError('VALIDATION_FAILED', 'form')).message, fields };
  }

  private refuse(request: FastifyRequest, reply: FastifyReply, attempt: Attempt, refusal: Refusal): Promise<unknown> {
    return this.render(request, reply, attempt.actor, attempt.studentId, { ...attempt, ...refusal });
  }

  /** Done: back to the section with a flash. Refused by a rule: the same page again, the reason next to the form. */
  private attempt(request: FastifyRequest, reply: FastifyReply, attempt: Attempt, action: () => Promise<unknown>): Promise<unknown> {
    return attemptForm(
      { lang: resolveLang(request, reply), request, reply },
      action,
      ({ status, message, fields }) => this.refuse(request, reply, attempt, { status, message, fields: paidOnField(fields) }),
      () => ({
        flash: { ok: true, text: attempt.done, form: attempt.anchor },
        to: `/staff/students/${attempt.studentId}#${attempt.anchor}`,
      }),
    );
  }
}
