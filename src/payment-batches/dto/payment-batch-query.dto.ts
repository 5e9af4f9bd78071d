import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page';
import { BATCH_STATUSES, BatchStatus } from '../rules/batch-status';

export class PaymentBatchQueryDto extends PageQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  cohortId?: number;

  @IsOptional()
  @IsIn(BATCH_STATUSES)
  status?: BatchStatus;
}

export const BANK_FILE_FORMATS = ['csv', 'xlsx'] as const;
export type BankFileFormat = (typeof BANK_FILE_FORMATS)[number];

export class BankFileQueryDto {
  @IsOptional()
  @IsIn(BANK_FILE_FORMATS)
  format: BankFileFormat = 'xlsx';

  /** A configured layout's name (BANK_FILE_LAYOUTS); `generic` when left out. */
  @IsOptional()
  @IsString()
  @MaxLength(40)
  layout: string = 'generic';
}
