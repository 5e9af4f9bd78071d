import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsDateField } from '../../common/validation/date-fields';
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

  /** YYYY-MM-DD, today in BUSINESS_TIME_ZONE when omitted; not before the current status took effect. */
  @IsOptional()
  @IsDateField()
  effectiveDate?: string;
}
