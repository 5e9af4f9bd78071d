import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export const COHORT_REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type CohortReportFormat = (typeof COHORT_REPORT_FORMATS)[number];

export class CohortReportQueryDto {
  /** `csv` (UTF-8 with BOM) or `xlsx` downloads the same figures for a spreadsheet. */
  @ApiPropertyOptional({ enum: COHORT_REPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(COHORT_REPORT_FORMATS)
  format: CohortReportFormat = 'json';
}
