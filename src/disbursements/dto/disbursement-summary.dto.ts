import { DisbursementTotalsDto } from './disbursement-response.dto';

export class KindTotalsDto extends DisbursementTotalsDto {
  /** Everything scheduled for this kind, whatever its status. */
  totalFen!: number;
  lines!: number;
}

export class KindsTotalsDto {
  EDUCATION_FUND!: KindTotalsDto;
  LIVING_ALLOWANCE!: KindTotalsDto;
  WINTER_FARE!: KindTotalsDto;
}

export class DisbursementSummaryDto {
  cohortId!: number;
  /** Fen by status for each kind. */
  byKind!: KindsTotalsDto;
  /** Fen by status over every kind; the byKind figures add up to these. */
  totals!: KindTotalsDto;
}
