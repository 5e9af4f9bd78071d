import { IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsDateField } from '../../common/validation/date-fields';
import { MAX_ID } from '../../common/validation/id-param.dto';

export class CreateCohortDto {
  /** An existing programme. */
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  programId!: number;

  /** e.g. 2019级云贵班 */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @IsInt()
  @Min(2000)
  @Max(2100)
  intakeYear!: number;

  /** YYYY-MM-DD; study year y starts on its (y-1)th anniversary. */
  @IsDateField()
  startDate!: string;
}
