import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsDateField } from '../../common/validation/date-fields';
import { Trim } from '../../students/dto/text';

export class ConfirmPlacementDto {
  /** The job or internship post, e.g. 数控车工. */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  position!: string;

  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  supervisorName?: string;

  /** YYYY-MM-DD; replaces the proposed start date. The student's new status takes effect on it. */
  @IsOptional()
  @IsDateField()
  startDate?: string;

  /** Monthly pay or internship allowance in fen (1 CNY = 100 fen). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  monthlySalaryFen?: number;
}
