import { IsDateField } from '../../common/validation/date-fields';

export class EnrolCohortDto {
  /** YYYY-MM-DD, arrival day: when the students' ENROLLED status takes effect. */
  @IsDateField()
  effectiveDate!: string;
}

export class SkippedStudentDto {
  studentId!: number;
  reason!: string;
}

export class EnrolCohortResponseDto {
  enrolled!: number;
  /** ADMITTED students left as they were, with the reason. */
  skipped!: SkippedStudentDto[];
}
