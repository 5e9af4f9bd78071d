import { IsInt, IsISO8601, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MAX_ID } from '../../common/validation/id-param.dto';

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

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
  @Matches(DATE_PATTERN, { message: 'startDate must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'startDate must be a real calendar date' })
  startDate!: string;
}
