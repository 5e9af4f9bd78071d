import { PlacementReportLine } from '../rules/placement-report';

export class PlacementCountsDto {
  /** Placements now PROPOSED. */
  proposed!: number;
  /** Placements now CONFIRMED. */
  confirmed!: number;
  /** Placements DECLINED (a student may have several). */
  declined!: number;
  /** Students of the group who are GRADUATED or EMPLOYED. */
  graduates!: number;
  /** Students of the group with a confirmed job (for an enterprise: a job there). */
  employed!: number;
  /** employed ÷ graduates, 0..1 to four decimals; null while the group has no graduate. */
  employmentRate!: number | null;
}

export class MajorPlacementLineDto extends PlacementCountsDto {
  majorCode!: string;
  majorName!: string;
}

export class EnterprisePlacementLineDto extends PlacementCountsDto {
  enterpriseId!: number;
  enterpriseName!: string;
}

export class PlacementReportResponseDto {
  cohortId!: number;
  byMajor!: MajorPlacementLineDto[];
  byEnterprise!: EnterprisePlacementLineDto[];
  /** The whole cohort; graduates and employed count each student once. */
  total!: PlacementCountsDto;
}

export const toPlacementCounts = (line: PlacementReportLine): PlacementCountsDto => ({
  proposed: line.proposed,
  confirmed: line.confirmed,
  declined: line.declined,
  graduates: line.graduates,
  employed: line.employed,
  employmentRate: line.employmentRate,
});
