import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Min } from 'class-validator';
import { IsDateField } from '../../common/validation/date-fields';
import { DISBURSEMENT_KINDS, DisbursementKind } from '../../disbursements/rules/schedule';

export class CreatePaymentBatchDto {
  /** Lines of this cohort only; every cohort when left out. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  cohortId?: number;

  /** YYYY-MM-DD: APPROVED programme lines due on or before this day are taken. */
  @IsDateField()
  dueOnOrBefore!: string;

  /** Lines of this kind only; every kind when left out. */
  @IsOptional()
  @IsIn(DISBURSEMENT_KINDS)
  kind?: DisbursementKind;
}
