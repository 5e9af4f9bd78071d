import { Controller, Get, Param, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AgreementsService } from '../agreements/agreements.service';
import { AuthUser } from '../common/auth/auth-user';
import { AnyRole, CurrentUser, Public, Roles } from '../common/auth/decorators';
import { IdParamDto } from '../common/validation/id-param.dto';
import { redirect, renderPage } from './page-view';
import { PagesGuard } from './pages.guard';
import { homeOf } from './rules/home';
import { StudentPagesService } from './student-pages.service';

/** The student's stipends at a glance, the full schedule and the agreements to download. */
@ApiExcludeController()
@Public()
@UseGuards(PagesGuard)
@Controller('student')
export class StudentPagesController {
  constructor(
    private readonly pages: StudentPagesService,
    private readonly agreements: AgreementsService,
  ) {}

  @Get()
  @Roles('student')
  own(@CurrentUser() actor: AuthUser, @Res() reply: FastifyReply): FastifyReply {
    return redirect(reply, homeOf(actor));
  }

  /** Same readers as GET /api/students/:id: staff, and the student alone (another student's id is 404). */
  @Get(':id')
  @Roles('admin', 'staff', 'student')
  async page(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    return renderPage(request, reply, 'student', await this.pages.page(actor, id));
  }

  /** Same readers as GET /api/agreements/:id/pdf, with the session's user. */
  @Get('agreements/:id/pdf')
  @AnyRole()
  async pdf(@CurrentUser() actor: AuthUser, @Param() { id }: IdParamDto, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const { agreement, bytes } = await this.agreements.pdf(actor, id);
    const name = `agreement-${agreement.id}-${agreement.kind.toLowerCase()}-v${agreement.version}.pdf`;
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'private, no-store')
      .send(bytes);
  }
}
