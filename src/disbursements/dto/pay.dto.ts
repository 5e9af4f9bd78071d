import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsInstantField } from '../../common/validation/date-fields';
import { Trim } from '../../students/dto/text';

export class PayDisbursementDto {
  /**
   * ISO-8601 instant with a time zone, e.g. 2020-01-10T08:30:00Z, from 2000 to 2100; not in the future, and not
   * more than a year before the student's first study year.
   */
  @IsInstantField()
  paidAt!: string;

  /** The transfer's reference, e.g. the bank's transaction number. */
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  reference!: string;
}
