import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { CsvEncoding } from './spreadsheet-reader';

export class ImportQueryDto {
  /** true: check the file and report, save nothing. */
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  dryRun: boolean = false;

  /** CSV text encoding; auto reads a UTF-8 BOM or valid UTF-8 as UTF-8, anything else as GB18030 (what Chinese Excel writes). */
  @IsOptional()
  @IsIn(['auto', 'utf-8', 'gb18030'])
  encoding: CsvEncoding = 'auto';
}
