import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { STUDENT_STATUSES, StudentStatus } from '../rules/student-status';
import { Trim } from './text';

export class ChangeStatusDto {
  /** INTERNING and EMPLOYED are refused here: only a confirmed placement leads there. */
  @IsIn(STUDENT_STATUSES)
  status!: StudentStatus;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  reason?: string;

  /** YYYY-MM-DD, today when omitted; not before the current status took effect. */
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'effectiveDate must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'effectiveDate must be a real date' })
  effectiveDate?: string;
}
