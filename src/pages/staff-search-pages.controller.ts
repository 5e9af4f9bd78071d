import { Controller, Get, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { Public, Roles } from '../common/auth/decorators';
import { PageQueryDto, pageWindow } from '../common/pagination/page';
import { maskNationalId } from '../students/rules/national-id';
import { pager } from './enterprise-pages.service';
import { renderPage } from './page-view';
import { PagesGuard } from './pages.guard';
import { StaffSearchRepository } from './staff-search.repository';

export class StaffSearchQueryDto extends PageQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(64)
  q?: string;
}

/** One box for staff: a student of any cohort by name, phone, ID tail or full ID, linking to the staff's student page. */
@ApiExcludeController()
@Public()
@UseGuards(PagesGuard)
@Roles('admin', 'staff')
@Controller('staff/search')
export class StaffSearchPagesController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly students: StaffSearchRepository,
  ) {}

  @Get()
  async search(@Query() query: StaffSearchQueryDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<unknown> {
    const q = query.q?.trim() ?? '';
    const [rows, total] = q ? await this.students.search(this.dataSource.manager, q, pageWindow(query)) : [[], 0];
    return renderPage(request, reply, 'staff-search', {
      q,
      searched: q !== '',
      total,
      students: rows.map((s) => ({
        id: s.id,
        fullName: s.fullName,
        cohortName: s.cohortName,
        status: s.status,
        nationalIdMasked: maskNationalId(s.nationalId),
      })),
      pager: pager(query.page, query.pageSize, total),
      pagerBase: `/staff/search?q=${encodeURIComponent(q)}&`,
    });
  }
}
