import { IsISO8601, Matches } from 'class-validator';

export class EnrolCohortDto {
  /** YYYY-MM-DD, arrival day: when the students' ENROLLED status takes effect. */
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'effectiveDate must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'effectiveDate must be a real date' })
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
