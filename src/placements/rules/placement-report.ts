// The employment rate of a group is employed ÷ graduates, where graduates are the group's students who
// are GRADUATED or EMPLOYED: students still studying or interning are not yet looking for a job.

export interface PlacementCounts {
  proposed: number;
  confirmed: number;
  declined: number;
  /** Students of the group who are GRADUATED or EMPLOYED. */
  graduates: number;
  /** Students of the group with a confirmed job (for an enterprise: a job there). */
  employed: number;
}

export interface PlacementReportLine extends PlacementCounts {
  /** employed ÷ graduates, 0..1 to four decimals; null while the group has no graduate. */
  employmentRate: number | null;
}

export const EMPTY_COUNTS: PlacementCounts = { proposed: 0, confirmed: 0, declined: 0, graduates: 0, employed: 0 };

export function employmentRate(employed: number, graduates: number): number | null {
  return graduates === 0 ? null : Math.round((employed / graduates) * 10_000) / 10_000;
}

export const toReportLine = (counts: PlacementCounts): PlacementReportLine => ({
  ...counts,
  employmentRate: employmentRate(counts.employed, counts.graduates),
});

export function sumCounts(lines: readonly PlacementCounts[]): PlacementCounts {
  return lines.reduce(
    (sum, l) => ({
      proposed: sum.proposed + l.proposed,
      confirmed: sum.confirmed + l.confirmed,
      declined: sum.declined + l.declined,
      graduates: sum.graduates + l.graduates,
      employed: sum.employed + l.employed,
    }),
    EMPTY_COUNTS,
  );
}

/** A rate as a spreadsheet reader expects it: 66.7%, or empty when there is none. */
export const formatRate = (rate: number | null): string => (rate === null ? '' : `${(rate * 100).toFixed(1)}%`);
