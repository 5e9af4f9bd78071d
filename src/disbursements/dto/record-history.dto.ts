import { PickType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsDateField } from '../../common/validation/date-fields';
import { Payer, PAYERS } from '../rules/schedule';
import { PayDisbursementDto } from './pay.dto';

/** Payments made before the system was used, recorded for a whole cohort under one transfer reference. */
export class RecordHistoryDto extends PickType(PayDisbursementDto, ['reference'] as const) {
  /** YYYY-MM-DD, not after today: the lines due before this day were paid, each on its due date. */
  @IsDateField()
  paidBefore!: string;

  /** Whose lines: the programme's (the default) or the enterprises' fares. */
  @IsOptional()
  @IsIn(PAYERS)
  payer?: Payer;
}

export class RecordHistoryResponseDto {
  /** Lines recorded as paid by this request; 0 when run again. */
  recorded!: number;
}
