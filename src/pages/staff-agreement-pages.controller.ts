import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AgreementBatchService } from '../agreements/agreement-batch.service';
import { AgreementBundleService } from '../agreements/agreement-bundle.service';
import { AGREEMENT_KINDS } from '../agreements/agreement-kind';
import { CreateAgreementDto, languageOf } from '../agreements/dto/agreement.dto';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Public, Roles } from '../common/auth/decorators';
import { IdParamDto } from '../common/validation/id-param.dto';
import { JobsService } from '../jobs/jobs.service';
import { pageOf } from './enterprise-pages.service';
import { filledFields, validateForm } from './page-forms';
import { setFlash } from './page-session';
import { download, redirect, renderPage } from './page-view';
import { PagesGuard } from './pages.guard';
import { StaffAgreementPagesService } from './staff-agreement-pages.service';

const REFRESH_SECONDS = 2;

/** A cohort's agreements for staff: the list, the bundle to print, a cohort's agreements made in the background and its progress. */
@ApiExcludeController()
@Public()
@UseGuards(PagesGuard)
@Roles('admin', 'staff')
@Controller('staff')
export class StaffAgreementPagesController {
  constructor(
    private readonly pages: StaffAgreementPagesService,
    private readonly batches: AgreementBatchService,
    private readonly bundles: AgreementBundleService,
    private readonly jobs: JobsService,
  ) {}

  /** Every agreement of the cohort (every version), a download each. */
  @Get('cohorts/:id/agreements')
  async agreementList(
    @Param() { id }: IdParamDto,
    @Query() raw: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    const page = pageOf(raw.page);
    const kind = AGREEMENT_KINDS.find((k) => k === raw.kind) ?? null;
    return renderPage(request, reply, 'staff-cohort-agreements', {
      ...(await this.pages.agreements(id, page, kind)),
      kinds: AGREEMENT_KINDS,
    });
  }

  /** The cohort's latest agreements of one kind as one PDF to print (the list page offers the kinds it has). */
  @Get('cohorts/:id/agreements/bundle')
  async bundle(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Query('kind') raw: unknown,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    const kind = AGREEMENT_KINDS.find((k) => k === raw);
    if (!kind) return redirect(reply, `/staff/cohorts/${id}/agreements`);
    return download(reply, await this.bundles.bundle(actor, id, kind));
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
    const values = filledFields(form, ['kind', 'lang']);
    const { value, errors } = await validateForm(CreateAgreementDto, { kind: values.kind });
    if (!value) {
      setFlash(request, { ok: false, text: 'error.title', form: 'agreements', fields: errors });
      return redirect(reply, `/staff/cohorts/${id}`);
    }
    return redirect(
      reply,
      `/staff/jobs/${await this.batches.startForCohort(actor, id, { kind: value.kind, language: languageOf(values) })}`,
    );
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
    // Named apart from the template helper `percent`, which a bare {{percent}} would call instead.
    const progress = job.total > 0 ? Math.min(100, Math.floor((job.done * 100) / job.total)) : running ? 0 : 100;
    const source = await this.pages.jobCohort(job.id);
    const failed = await this.pages.failedWithNames(job.failed);
    return renderPage(request, reply, 'staff-job', {
      job: { ...job, failed },
      progress,
      running,
      source,
      refreshSeconds: running ? REFRESH_SECONDS : null,
    });
  }
}
