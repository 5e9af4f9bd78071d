import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AssignmentService } from '../assignment/assignment.service';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Public, Roles } from '../common/auth/decorators';
import { DomainError, ERROR_STATUS } from '../common/errors/domain-error';
import { Clock } from '../common/clock';
import { FilePart, uploadedFile } from '../common/http/file-part';
import { ApproveDueDto } from '../disbursements/dto/approve-due.dto';
import { EnrolCohortDto } from '../disbursements/dto/enrol-cohort.dto';
import { CohortReportService } from '../reports/cohort-report.service';
import { CreateStudentDto } from '../students/dto/create-student.dto';
import { ChangeStatusDto } from '../students/dto/change-status.dto';
import { StudentExportService } from '../students/export/student-export.service';
import { StudentsService } from '../students/students.service';
import { Lang, translate } from './i18n';
import { attemptForm, FieldErrors, filledFields, validateForm } from './page-forms';
import { resolveLang } from './page-session';
import { IdParamDto } from '../common/validation/id-param.dto';
import { ProposePlacementsDto } from '../placements/dto/propose-placements.dto';
import { PlacementProposalsService } from '../placements/placement-proposals.service';
import { StudentAccountSheets } from '../student-accounts/student-account-sheets';
import { StudentAccountsService } from '../student-accounts/student-accounts.service';
import { cohortStudentFilterOf, StudentListQueryDto } from '../students/dto/student-query.dto';
import { IMPORT_FILE_LIMIT_BYTES } from '../students/import/student-import.controller';
import { StudentImportService } from '../students/import/student-import.service';
import { ImportReportDto } from '../students/import/import-report.dto';
import { setFlash } from './page-session';
import { download, redirect, renderPage } from './page-view';
import { PagesGuard } from './pages.guard';
import { StaffCohortPagesService } from './staff-cohort-pages.service';

const FILTERS = ['status', 'major', 'county', 'q', 'page', 'pageSize'] as const;

/** One cohort for staff: its students with filters, major assignment, proposals, the report (agreements: StaffAgreementPagesController). */
@ApiExcludeController()
@Public()
@UseGuards(PagesGuard)
@Roles('admin', 'staff')
@Controller('staff')
export class StaffCohortPagesController {
  constructor(
    private readonly pages: StaffCohortPagesService,
    private readonly assignment: AssignmentService,
    private readonly proposals: PlacementProposalsService,
    private readonly imports: StudentImportService,
    private readonly accounts: StudentAccountsService,
    private readonly accountSheets: StudentAccountSheets,
    private readonly studentsService: StudentsService,
    private readonly exports: StudentExportService,
    private readonly reports: CohortReportService,
    private readonly clock: Clock,
  ) {}

  @Get('cohorts/:id')
  async cohort(
    @Param() { id }: IdParamDto,
    @Query() raw: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    return renderPage(request, reply, 'staff-cohort', await this.pages.cohort(id, await listQuery(filledFields(raw, FILTERS))));
  }

  /** One applicant typed in: saved and back to the list, or the form again with the reasons and what was typed. */
  @Post('cohorts/:id/students')
  async intake(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() form: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    const lang = resolveLang(request, reply);
    const typed = filledFields(form, INTAKE_TEXT_FIELDS);
    const choices = [1, 2, 3, 4].map((n) => typed[`choice${n}`] ?? '');
    const values = { ...typed, povertyRegistered: form.povertyRegistered === 'true', choices };
    const refuse = async (status: number, message: string, fields: Record<string, string>) =>
      renderPage(
        request,
        reply,
        'staff-cohort',
        { ...(await this.pages.cohort(id, await listQuery({}))), intake: { values, message, fields } },
        status,
      );
    const { value, errors } = await validateForm(CreateStudentDto, intakeBody(typed, values.povertyRegistered));
    if (!value) return refuse(400, translate(lang, 'cohort.fixErrors'), intakeFieldErrors(lang, errors));
    return attemptForm(
      { lang, request, reply },
      () => this.studentsService.intake(actor, id, value),
      ({ status, message, fields }) => refuse(status, message, fields),
      (student) => ({
        flash: { ok: true, text: translate(lang, 'cohort.intakeSaved', { name: student.fullName }), form: 'intake' },
        to: `/staff/cohorts/${id}?q=${encodeURIComponent(student.fullName)}#students`,
      }),
    );
  }

  /** Admit or reject the students ticked on the list, in one go; each one refused is listed with the reason. */
  @Post('cohorts/:id/status')
  async changeStatusMany(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() form: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    const lang = resolveLang(request, reply);
    const ids = [...new Set(([] as unknown[]).concat(form.studentIds ?? []).map(Number))].filter((n) => Number.isInteger(n) && n > 0);
    const typed = filledFields(form, ['status', 'reason', 'effectiveDate']);
    const fields: FieldErrors = {};
    let message = '';
    const { value, errors } = await validateForm(ChangeStatusDto, { effectiveDate: this.clock.today(), ...typed });
    if (!value || !BULK_STATUSES.includes(value.status as (typeof BULK_STATUSES)[number])) {
      Object.assign(fields, dateFieldErrors(lang, errors ?? { status: 'error.required' }));
      message = translate(lang, 'cohort.fixErrors');
    } else if (!ids.length) message = translate(lang, 'cohort.noneSelected');
    if (message || !value) {
      const model = await this.pages.cohort(id, await listQuery(filledFields(form, FILTERS)));
      const students = model.students.map((s) => ({ ...s, checked: ids.includes(s.id) }));
      return renderPage(request, reply, 'staff-cohort', { ...model, students, bulk: { values: typed, message, fields } }, 400);
    }
    const to = value.status as (typeof BULK_STATUSES)[number];
    const outcome = await this.pages.changeStatusMany(lang, actor, id, ids, to, value.effectiveDate!, value.reason);
    const cohort = await this.pages.cohort(id, await listQuery({ pageSize: '1' }));
    return renderPage(request, reply, 'staff-cohort-result', {
      cohort: cohort.cohort,
      title: translate(lang, 'cohort.bulkResult', { action: translate(lang, `cohort.bulk.${to}`) }),
      movedTitle: 'cohort.done',
      ...outcome,
    });
  }

  /** Arrival day for the whole class, on the date given (today's business date offered). */
  @Post('cohorts/:id/enrol')
  async enrol(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() form: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    const lang = resolveLang(request, reply);
    const typed = filledFields(form, ['effectiveDate']);
    const { value, errors } = await validateForm(EnrolCohortDto, typed);
    if (!value) {
      const model = await this.pages.cohort(id, await listQuery({}));
      const enrol = { values: typed, message: translate(lang, 'cohort.fixErrors'), fields: dateFieldErrors(lang, errors) };
      return renderPage(request, reply, 'staff-cohort', { ...model, enrol }, 400);
    }
    const outcome = await this.pages.enrol(lang, actor, id, value.effectiveDate);
    const cohort = await this.pages.cohort(id, await listQuery({ pageSize: '1' }));
    return renderPage(request, reply, 'staff-cohort-result', {
      cohort: cohort.cohort,
      title: translate(lang, 'cohort.enrolResult'),
      movedTitle: 'cohort.enrolled',
      ...outcome,
    });
  }

  /** The approval step: what would be approved by the date, and its total, before the approval is posted. */
  @Get('cohorts/:id/approve-due')
  async approveDuePreview(
    @Param() { id }: IdParamDto,
    @Query() raw: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    const lang = resolveLang(request, reply);
    const typed = { dueOnOrBefore: this.clock.today(), ...filledFields(raw, ['dueOnOrBefore']) };
    const { value, errors } = await validateForm(ApproveDueDto, typed);
    if (!value) {
      const model = await this.pages.cohort(id, await listQuery({}));
      const approve = { values: typed, message: translate(lang, 'cohort.fixErrors'), fields: dateFieldErrors(lang, errors) };
      return renderPage(request, reply, 'staff-cohort', { ...model, approve }, 400);
    }
    return renderPage(request, reply, 'staff-approve-due', await this.pages.dueLines(id, value.dueOnOrBefore));
  }

  /** Placement status of the class: counts by status, and by student with the enterprise's name. */
  @Get('cohorts/:id/placements')
  async placements(
    @Param() { id }: IdParamDto,
    @Query() raw: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    const { page } = await listQuery(filledFields(raw, ['page']));
    return renderPage(request, reply, 'staff-cohort-placements', await this.pages.placements(id, page));
  }

  /** The student list as CSV or XLSX, filtered as the page is, with the page's session (the API wants a token). */
  @Get('cohorts/:id/export')
  async exportList(@Param() { id }: IdParamDto, @Query() raw: Record<string, unknown>, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const query = await listQuery(filledFields(raw, [...FILTERS, 'format']));
    const format = query.format === 'xlsx' ? 'xlsx' : 'csv';
    return download(reply, await this.exports.exportCohort(id, format, cohortStudentFilterOf(query)));
  }

  @Get('cohorts/:id/report/export')
  async exportReport(@Param() { id }: IdParamDto, @Query('format') format: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return download(reply, await this.reports.file(id, format === 'xlsx' ? 'xlsx' : 'csv'));
  }

  @Post('cohorts/:id/major-assignment')
  async assign(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() form: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    const dryRun = form.dryRun === 'true';
    const outcome = await this.assignment.run(actor, id, dryRun);
    const lang = resolveLang(request, reply);
    return renderPage(request, reply, 'staff-assignment', { cohortId: id, dryRun, ...(await this.pages.assignment(lang, id, outcome)) });
  }

  @Post('cohorts/:id/internships/propose')
  proposeInternships(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() form: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    return this.propose(actor, id, 'INTERNSHIP', form, request, reply);
  }

  @Post('cohorts/:id/employment/propose')
  proposeJobs(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() form: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    return this.propose(actor, id, 'EMPLOYMENT', form, request, reply);
  }

  /**
   * The county spreadsheet, checked (`?dryRun=true`) or imported: the report is shown either way, with every
   * error by row and column. Nothing is kept between the two steps, so the import sends the file again.
   */
  @Post('cohorts/:id/import')
  async import(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Query('dryRun') dryRunFlag: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    const dryRun = dryRunFlag === 'true';
    let file: FilePart | null;
    try {
      file = await uploadedFile(request, IMPORT_FILE_LIMIT_BYTES);
    } catch (error) {
      return this.importRefused(request, reply, id, error, { dryRun, file: null });
    }
    if (!file?.filename) {
      setFlash(request, { ok: false, text: 'error.title', form: 'import', fields: { file: 'error.required' } });
      return redirect(reply, `/staff/cohorts/${id}`);
    }
    try {
      // The encoding is detected as the API does by default; a doubtful guess is among the warnings.
      const report = await this.imports.import(actor, id, file, { dryRun, encoding: 'auto' });
      const shown = await this.pages.importReport(resolveLang(request, reply), report, file);
      return renderPage(request, reply, 'staff-import', { cohortId: id, filename: file.filename, saved: !dryRun, ...shown });
    } catch (error) {
      return this.importRefused(request, reply, id, error, { dryRun, file });
    }
  }

  /** A file refused whole or row by row: the report page with every problem in words, answered with the error's status. */
  private async importRefused(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    error: unknown,
    { dryRun, file }: { dryRun: boolean; file: FilePart | null },
  ): Promise<unknown> {
    if (
      !(error instanceof DomainError) ||
      !['IMPORT_REJECTED', 'UNPROCESSABLE', 'UNSUPPORTED_MEDIA_TYPE', 'PAYLOAD_TOO_LARGE'].includes(error.code)
    )
      throw error;
    const report = (error.extra as ImportReportDto | undefined) ?? {
      dryRun,
      imported: 0,
      errors: [{ row: null, column: null, message: error.message }],
      warnings: [],
      ineligible: [],
    };
    const shown = await this.pages.importReport(resolveLang(request, reply), report, file);
    return renderPage(
      request,
      reply,
      'staff-import',
      { cohortId: id, filename: file?.filename ?? '', saved: false, ...shown },
      ERROR_STATUS[error.code],
    );
  }

  /** Sign-ins for every enrolled student without one, answered as the printable PDF sheet of one-time passwords. */
  @Post('cohorts/:id/student-accounts')
  async studentAccounts(@CurrentUser() actor: AuthUser, @Param() { id }: IdParamDto, @Res() reply: FastifyReply): Promise<unknown> {
    return download(reply, await this.accountSheets.pdf(await this.accounts.createForCohort(actor, id)));
  }

  @Get('cohorts/:id/report')
  async report(@Param() { id }: IdParamDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<unknown> {
    return renderPage(request, reply, 'staff-report', await this.pages.report(id));
  }

  private async propose(
    actor: AuthUser,
    cohortId: number,
    type: 'INTERNSHIP' | 'EMPLOYMENT',
    form: Record<string, unknown>,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<unknown> {
    const { value, errors } = await validateForm(ProposePlacementsDto, filledFields(form, ['startDate']));
    if (!value) {
      setFlash(request, { ok: false, text: 'error.title', form: `propose-${type}`, fields: errors });
      return redirect(reply, `/staff/cohorts/${cohortId}`);
    }
    const result = await this.proposals.proposeForCohort(actor, cohortId, type, value);
    return renderPage(request, reply, 'staff-proposals', { cohortId, type, proposed: result.proposed.length, unplaced: result.unplaced });
  }
}

const BULK_STATUSES = ['ADMITTED', 'REJECTED'] as const;
const INTAKE_TEXT_FIELDS = [
  'fullName',
  'nationalId',
  'phone',
  'homeProvince',
  'homeCounty',
  'examScore',
  'choice1',
  'choice2',
  'choice3',
  'choice4',
  'intendedEnterpriseId',
  'guardianName',
  'guardianPhone',
  'applicationDate',
] as const;

/** The list's filters and page from a query string; a bad one is a 400 like the API's. */
async function listQuery(raw: Record<string, unknown>): Promise<StudentListQueryDto> {
  const { value, errors } = await validateForm(StudentListQueryDto, raw);
  if (!value) throw new DomainError('VALIDATION_FAILED', Object.keys(errors).join(', '));
  return value;
}

/** The form's text as the API's body: numbers as numbers, the choices as the preference list. */
function intakeBody(typed: Record<string, string>, povertyRegistered: boolean): Record<string, unknown> {
  const number = (text: string | undefined) => (text === undefined ? undefined : Number(text));
  const { choice1, choice2, choice3, choice4, examScore, intendedEnterpriseId, ...rest } = typed;
  return {
    ...rest,
    povertyRegistered,
    examScore: number(examScore),
    intendedEnterpriseId: number(intendedEnterpriseId),
    majorPreferences: [choice1, choice2, choice3, choice4].filter((c): c is string => c !== undefined),
  };
}

/** What to say next to each refused field of the intake form: the DTO's own messages are English. */
const INTAKE_HINTS: Record<string, string> = {
  nationalId: 'cohort.import.nationalId',
  phone: 'cohort.import.phone',
  guardianPhone: 'cohort.import.phone',
  examScore: 'cohort.invalid',
  applicationDate: 'error.date',
};

function intakeFieldErrors(lang: Lang, errors: FieldErrors): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    const key = message === 'error.required' || field === 'majorPreferences' ? 'error.required' : (INTAKE_HINTS[field] ?? 'cohort.invalid');
    out[field === 'majorPreferences' ? 'choice1' : field] = translate(lang, key);
  }
  return out;
}

function dateFieldErrors(lang: Lang, errors: FieldErrors): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([f, m]) => [f, translate(lang, m === 'error.required' ? 'error.required' : 'error.date')]),
  );
}
