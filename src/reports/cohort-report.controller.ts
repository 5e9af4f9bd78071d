import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Roles } from '../common/auth/decorators';
import { toStreamableFile } from '../common/http/attachment';
import { IdParamDto } from '../common/validation/id-param.dto';
import { CohortReportService } from './cohort-report.service';
import { CohortReportQueryDto } from './dto/cohort-report-query.dto';
import { CohortReportResponseDto } from './dto/cohort-report-response.dto';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('cohorts')
export class CohortReportController {
  constructor(private readonly reports: CohortReportService) {}

  /**
   * Students by status, major and home county; disbursement totals by kind and status in fen; placements
   * and employment rates by major and enterprise. `format=csv` or `format=xlsx` downloads the same figures.
   */
  @Get(':id/report')
  @Roles('admin', 'staff')
  @ApiProduces('application/json', 'text/csv', XLSX)
  @ApiExtraModels(CohortReportResponseDto)
  @ApiOkResponse({
    description:
      'The report (json), or the same figures as a CSV (UTF-8 with BOM, one table after another) or XLSX (a sheet per table) attachment',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(CohortReportResponseDto) } },
      'text/csv': { schema: { type: 'string' } },
      [XLSX]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  async report(@Param() { id }: IdParamDto, @Query() query: CohortReportQueryDto): Promise<CohortReportResponseDto | StreamableFile> {
    if (query.format === 'json') return this.reports.report(id);
    return toStreamableFile(await this.reports.file(id, query.format));
  }
}
