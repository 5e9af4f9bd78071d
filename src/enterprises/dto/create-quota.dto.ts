import { IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MAX_ID } from '../../common/validation/id-param.dto';

export class CreateQuotaDto {
  /** An existing enterprise. */
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  enterpriseId!: number;

  /** A major of this cohort, e.g. M01. */
  @IsString()
  @MinLength(1)
  @MaxLength(16)
  majorCode!: string;

  /** Seats the enterprise offers in that major. */
  @IsInt()
  @Min(0)
  @Max(100000)
  seats!: number;
}
