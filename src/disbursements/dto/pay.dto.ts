import { IsISO8601, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Trim } from '../../students/dto/text';

export class PayDisbursementDto {
  /** ISO-8601 instant with a time zone, e.g. 2020-01-10T08:30:00Z; not in the future. */
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'paidAt must be an ISO-8601 instant' })
  @Matches(/T.*(Z|[+-]\d{2}:?\d{2})$/, { message: 'paidAt must be an instant with a time and a time zone' })
  paidAt!: string;

  /** The transfer's reference, e.g. the bank's transaction number. */
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  reference!: string;
}
