import { Body, Controller, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Public, Roles } from '../common/auth/decorators';
import { Clock } from '../common/clock';
import { IdParamDto } from '../common/validation/id-param.dto';
import { DisbursementsService } from '../disbursements/disbursements.service';
import { ApproveDueDto } from '../disbursements/dto/approve-due.dto';
import { CohortsService } from '../programs/cohorts.service';
import { filledFields, validateForm } from './page-forms';
import { setFlash } from './page-session';
import { redirect, renderPage } from './page-view';
import { PagesGuard } from './pages.guard';
import { PagesRepository } from './pages.repository';

/** Admissions and finance staff: cohorts with their numbers, and approving the payments that fall due. */
@ApiExcludeController()
@Public()
@UseGuards(PagesGuard)
@Controller('staff')
export class StaffPagesController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pages: PagesRepository,
    private readonly cohorts: CohortsService,
    private readonly disbursements: DisbursementsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('admin', 'staff')
  async cohortList(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<unknown> {
    const cohorts = await this.pages.cohortsWithCounts(this.dataSource.manager);
    return renderPage(request, reply, 'staff', {
      // The approval form offers lines due by today's business date.
      today: this.clock.today(),
      cohorts: cohorts.map((c) => ({
        ...c,
        total: Object.values(c.counts).reduce((a, b) => a + b, 0),
        counts: Object.entries(c.counts).map(([status, n]) => ({ status, n })),
      })),
    });
  }

  /** POST /api/cohorts/:id/disbursements/approve-due from a form: every SCHEDULED programme line due by the date. */
  @Post('cohorts/:id/approve-due')
  @Roles('admin', 'staff')
  async approveDue(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() form: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const formId = `approve-${id}`;
    await this.cohorts.get(id);
    const { value, errors } = await validateForm(ApproveDueDto, filledFields(form, ['dueOnOrBefore']));
    if (!value) {
      setFlash(request, { ok: false, text: 'error.title', form: formId, fields: errors });
      return redirect(reply, '/staff');
    }
    const { approved } = await this.disbursements.approveDue(actor, id, value.dueOnOrBefore);
    setFlash(request, { ok: true, text: 'staff.approved', form: formId, count: approved });
    return redirect(reply, '/staff');
  }
}
