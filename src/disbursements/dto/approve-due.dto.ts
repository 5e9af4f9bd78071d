import { IsISO8601, Matches } from 'class-validator';

export class ApproveDueDto {
  /** YYYY-MM-DD: every SCHEDULED programme line of the cohort due on or before this day is approved. */
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueOnOrBefore must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'dueOnOrBefore must be a real date' })
  dueOnOrBefore!: string;
}

export class ApproveDueResponseDto {
  approved!: number;
}
