import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AgreementBatchService } from '../agreements/agreement-batch.service';
import { CreateAgreementDto } from '../agreements/dto/agreement.dto';
import { AssignmentService } from '../assignment/assignment.service';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Public, Roles } from '../common/auth/decorators';
import { DomainError, ERROR_STATUS } from '../common/errors/domain-error';
import { IdParamDto } from '../common/validation/id-param.dto';
import { JobsService } from '../jobs/jobs.service';
import { ProposePlacementsDto } from '../placements/dto/propose-placements.dto';
import { PlacementProposalsService } from '../placements/placement-proposals.service';
import { attachmentDisposition } from '../common/http/attachment';
import { StudentAccountSheets } from '../student-accounts/student-account-sheets';
import { StudentAccountsService } from '../student-accounts/student-accounts.service';
import { StudentListQueryDto } from '../students/dto/student-query.dto';
import { IMPORT_FILE_LIMIT_BYTES } from '../students/import/student-import.controller';
import { StudentImportService } from '../students/import/student-import.service';
import { filledFields, validateForm } from './page-forms';
import { setFlash } from './page-session';
import { redirect, renderPage } from './page-view';
import { PagesExceptionFilter } from './pages-exception.filter';
import { PagesGuard } from './pages.guard';
import { StaffCohortPagesService } from './staff-cohort-pages.service';

const FILTERS = ['status', 'major', 'county', 'q', 'page', 'pageSize'] as const;
const REFRESH_SECONDS = 2;

/** One cohort for staff: its students with filters, major assignment, proposals, agreements, the report. */
@ApiExcludeController()
@Public()
@UseGuards(PagesGuard)
@UseFilters(PagesExceptionFilter)
@Roles('admin', 'staff')
@Controller('staff')
export class StaffCohortPagesController {
  constructor(
    private readonly pages: StaffCohortPagesService,
    private readonly assignment: AssignmentService,
    private readonly proposals: PlacementProposalsService,
    private readonly batches: AgreementBatchService,
    private readonly jobs: JobsService,
    private readonly imports: StudentImportService,
    private readonly accounts: StudentAccountsService,
    private readonly accountSheets: StudentAccountSheets,
  ) {}

  @Get('cohorts/:id')
  async cohort(
    @Param() { id }: IdParamDto,
    @Query() raw: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    const { value, errors } = await validateForm(StudentListQueryDto, filledFields(raw, FILTERS));
    if (!value)
      throw new DomainError(
        'VALIDATION_FAILED',
        Object.entries(errors)
          .map(([f, m]) => `${f}: ${m}`)
          .join('; '),
      );
    return renderPage(request, reply, 'staff-cohort', await this.pages.cohort(id, value));
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
    return renderPage(request, reply, 'staff-assignment', {
      cohortId: id,
      dryRun,
      assigned: outcome.assigned.length,
      unassigned: outcome.unassigned,
      cutoffs: Object.entries(outcome.cutoffs).map(([code, score]) => ({ code, score })),
    });
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
    const part = request.isMultipart() ? await request.file({ limits: { fileSize: IMPORT_FILE_LIMIT_BYTES } }) : undefined;
    if (!part || part.fieldname !== 'file' || !part.filename) {
      setFlash(request, { ok: false, text: 'error.title', form: 'import', fields: { file: 'error.required' } });
      return redirect(reply, `/staff/cohorts/${id}`);
    }
    const file = { buffer: await part.toBuffer(), filename: part.filename, mimetype: part.mimetype };
    try {
      // The encoding is detected as the API does by default; a doubtful guess is among the warnings.
      const report = await this.imports.import(actor, id, file, { dryRun, encoding: 'auto' });
      return renderPage(request, reply, 'staff-import', { cohortId: id, filename: file.filename, saved: !dryRun, ...report });
    } catch (error) {
      if (
        !(error instanceof DomainError) ||
        !['IMPORT_REJECTED', 'UNPROCESSABLE', 'UNSUPPORTED_MEDIA_TYPE', 'PAYLOAD_TOO_LARGE'].includes(error.code)
      )
        throw error;
      const report = error.extra ?? {
        dryRun,
        imported: 0,
        errors: [{ row: null, column: null, message: error.message }],
        warnings: [],
        ineligible: [],
      };
      return renderPage(
        request,
        reply,
        'staff-import',
        { cohortId: id, filename: file.filename, saved: false, ...report },
        ERROR_STATUS[error.code],
      );
    }
  }

  /** Starts the background job and shows its progress page. */
  @Post('cohorts/:id/agreements')
  async agreements(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() form: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    const { value, errors } = await validateForm(CreateAgreementDto, filledFields(form, ['kind']));
    if (!value) {
      setFlash(request, { ok: false, text: 'error.title', form: 'agreements', fields: errors });
      return redirect(reply, `/staff/cohorts/${id}`);
    }
    return redirect(reply, `/staff/jobs/${await this.batches.startForCohort(actor, id, value.kind)}`);
  }

  /** Sign-ins for every enrolled student without one, answered as the printable PDF sheet of one-time passwords. */
  @Post('cohorts/:id/student-accounts')
  async studentAccounts(@CurrentUser() actor: AuthUser, @Param() { id }: IdParamDto, @Res() reply: FastifyReply): Promise<unknown> {
    const sheet = await this.accountSheets.pdf(await this.accounts.createForCohort(actor, id));
    return reply
      .status(200)
      .header('Content-Type', sheet.contentType)
      .header('Content-Disposition', attachmentDisposition(sheet.fileName))
      .header('Cache-Control', 'no-store')
      .send(sheet.stream);
  }

  /** Refreshes itself every two seconds while the job runs: a progress figure without JavaScript. */
  @Get('jobs/:id')
  async job(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    const job = await this.jobs.get(actor, id);
    const running = job.status === 'QUEUED' || job.status === 'RUNNING';
    const percent = job.total > 0 ? Math.floor((job.done * 100) / job.total) : running ? 0 : 100;
    return renderPage(request, reply, 'staff-job', { job, percent, running, refreshSeconds: running ? REFRESH_SECONDS : null });
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
