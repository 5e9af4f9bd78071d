import { IsISO8601, Matches } from 'class-validator';

export class ProposePlacementsDto {
  /** YYYY-MM-DD the internships or jobs are to start; the enterprise may change it when confirming. */
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'startDate must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'startDate must be a real date' })
  startDate!: string;
}
