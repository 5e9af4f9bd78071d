import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page';
import { STUDENT_STATUSES, StudentStatus } from '../rules/student-status';
import { Trim } from './text';

export class StudentListQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(STUDENT_STATUSES)
  status?: StudentStatus;

  /** Assigned major code. */
  @IsOptional()
  @IsString()
  @MaxLength(16)
  major?: string;

  /** Home county, exactly. */
  @IsOptional()
  @IsString()
  @MaxLength(32)
  county?: string;

  /** Part of the name, or the last characters of the national ID when it is only digits and X. */
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  q?: string;
}
