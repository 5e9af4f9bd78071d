import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { CsvEncoding } from './spreadsheet-reader';

export class ImportQueryDto {
  /** true: check the file and report, save nothing. */
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  dryRun: boolean = false;

  /** CSV text encoding; auto reads a UTF-8 BOM as UTF-8, otherwise the reading that looks like Chinese text (a warning says so when in doubt). */
  @IsOptional()
  @IsIn(['auto', 'utf-8', 'gb18030'])
  encoding: CsvEncoding = 'auto';
}
