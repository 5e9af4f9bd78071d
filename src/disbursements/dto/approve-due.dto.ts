import { IsDateField } from '../../common/validation/date-fields';

export class ApproveDueDto {
  /** YYYY-MM-DD: every SCHEDULED programme line of the cohort due on or before this day is approved. */
  @IsDateField()
  dueOnOrBefore!: string;
}

export class ApproveDueResponseDto {
  approved!: number;
}
