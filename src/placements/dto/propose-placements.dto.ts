import { IsDateField } from '../../common/validation/date-fields';

export class ProposePlacementsDto {
  /** YYYY-MM-DD the internships or jobs are to start; the enterprise may change it when confirming. */
  @IsDateField()
  startDate!: string;
}
