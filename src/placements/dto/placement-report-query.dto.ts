import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PLACEMENT_TYPES, PlacementType } from '../placement.entity';

export const PLACEMENT_REPORT_FORMATS = ['json', 'csv'] as const;
export type PlacementReportFormat = (typeof PLACEMENT_REPORT_FORMATS)[number];

export class PlacementReportQueryDto {
  /** Count only placements of this type in proposed, confirmed and declined; graduates and employed are unaffected. */
  @IsOptional()
  @IsIn(PLACEMENT_TYPES)
  type?: PlacementType;

  /** `csv` downloads the same report (UTF-8 with BOM) for a spreadsheet. */
  @ApiPropertyOptional({ enum: PLACEMENT_REPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(PLACEMENT_REPORT_FORMATS)
  format: PlacementReportFormat = 'json';
}
