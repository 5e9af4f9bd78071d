import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Roles } from '../common/auth/decorators';
import { toStreamableFile } from '../common/http/attachment';
import { IdParamDto } from '../common/validation/id-param.dto';
import { PlacementReportQueryDto } from './dto/placement-report-query.dto';
import { PlacementReportResponseDto } from './dto/placement-report-response.dto';
import { ProposalResultResponseDto } from './dto/proposal-result-response.dto';
import { ProposePlacementsDto } from './dto/propose-placements.dto';
import { PlacementProposalsService } from './placement-proposals.service';
import { PlacementReportService } from './placement-report.service';

@ApiTags('placements')
@ApiBearerAuth()
@Controller('cohorts')
export class CohortPlacementsController {
  constructor(
    private readonly proposals: PlacementProposalsService,
    private readonly reports: PlacementReportService,
  ) {}

  /**
   * An INTERNSHIP proposal for every ENROLLED student without an open one: the intended enterprise if its
   * quota in the student's major has a seat, else the enterprise with the most free seats there, else unplaced.
   */
  @Post(':id/internships/propose')
  @HttpCode(200)
  @Roles('admin', 'staff')
  proposeInternships(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() dto: ProposePlacementsDto,
  ): Promise<ProposalResultResponseDto> {
    return this.proposals.proposeForCohort(actor, id, 'INTERNSHIP', dto);
  }

  /** The same for GRADUATED students and jobs: the internship enterprise first, then the intended one. */
  @Post(':id/employment/propose')
  @HttpCode(200)
  @Roles('admin', 'staff')
  proposeEmployment(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() dto: ProposePlacementsDto,
  ): Promise<ProposalResultResponseDto> {
    return this.proposals.proposeForCohort(actor, id, 'EMPLOYMENT', dto);
  }

  /**
   * By major and by enterprise: placements proposed, confirmed and declined, graduates (GRADUATED or
   * EMPLOYED students), employed, and the employment rate employed ÷ graduates. `format=csv` downloads it.
   */
  @Get(':id/placement-report')
  @Roles('admin', 'staff')
  @ApiProduces('application/json', 'text/csv')
  @ApiExtraModels(PlacementReportResponseDto)
  @ApiOkResponse({
    description: 'The report (json), or the same as a CSV attachment (UTF-8 with BOM)',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(PlacementReportResponseDto) } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  async report(@Param() { id }: IdParamDto, @Query() query: PlacementReportQueryDto): Promise<PlacementReportResponseDto | StreamableFile> {
    if (query.format === 'json') return this.reports.report(id, query.type);
    return toStreamableFile(await this.reports.csv(id, query.type));
  }
}
