// The schedule of API.md "Disbursements" and DESIGN.md: amounts per study year split into whole fen,
// dates counted from the cohort's start date. Dates are YYYY-MM-DD strings; no clock, no time zone.

export const DISBURSEMENT_KINDS = ['EDUCATION_FUND', 'LIVING_ALLOWANCE', 'WINTER_FARE'] as const;
export type DisbursementKind = (typeof DISBURSEMENT_KINDS)[number];

export const PAYERS = ['PROGRAM', 'ENTERPRISE'] as const;
export type Payer = (typeof PAYERS)[number];

export interface SchedulePolicy {
  studyYears: number;
  educationFundFen: number;
  livingAllowanceFen: number;
  winterFareFen: number;
  educationFundInstallments: number;
  livingAllowanceInstallments: number;
}

export interface ScheduledLine {
  kind: DisbursementKind;
  studyYear: number;
  installment: number;
  /** YYYY-MM-DD */
  dueDate: string;
  amountFen: number;
  payer: Payer;
  payerEnterpriseId: number | null;
}

/** `totalFen` as `count` whole-fen parts that add up exactly: equal parts, the remainder on the last. */
export function splitInstallments(totalFen: number, count: number): number[] {
  if (!Number.isSafeInteger(totalFen) || totalFen < 0) throw new RangeError(`totalFen must be a whole number of fen ≥ 0, got ${totalFen}`);
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a whole number ≥ 1, got ${count}`);
  const part = Math.floor(totalFen / count);
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? totalFen - part * (count - 1) : part));
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The same day `months` later; a day the target month lacks (29 February, the 31st) falls on that
 * month's last day. Always counted from the given date, so 31 January + 2 months is 31 March.
 */
export function addMonths(date: string, months: number): string {
  const match = DATE.exec(date);
  if (!match) throw new RangeError(`not a date YYYY-MM-DD: ${date}`);
  const index = Number(match[1]) * 12 + (Number(match[2]) - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(Number(match[3]), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Study year y starts on the (y-1)th anniversary of the cohort's start date. */
export const studyYearStart = (cohortStartDate: string, studyYear: number): string => addMonths(cohortStartDate, 12 * (studyYear - 1));

/** Installment i (from 1) of a study year: monthly from the year's start. */
export const installmentDueDate = (cohortStartDate: string, studyYear: number, installment: number): string =>
  addMonths(cohortStartDate, 12 * (studyYear - 1) + (installment - 1));

/** The fare home for the winter of study year y: 10 January of the calendar year after the year starts. */
export const winterFareDueDate = (cohortStartDate: string, studyYear: number): string =>
  `${String(Number(studyYearStart(cohortStartDate, studyYear).slice(0, 4)) + 1).padStart(4, '0')}-01-10`;

/**
 * Every line of one student's schedule, in due-date order within each kind. The fare is the intended
 * enterprise's to pay, the programme's when there is none. A kind whose yearly amount is 0 has no lines.
 */
export function buildSchedule(policy: SchedulePolicy, cohortStartDate: string, intendedEnterpriseId: number | null): ScheduledLine[] {
  const lines: ScheduledLine[] = [];
  const programLine = (kind: DisbursementKind, studyYear: number, installment: number, amountFen: number): ScheduledLine => ({
    kind,
    studyYear,
    installment,
    dueDate: installmentDueDate(cohortStartDate, studyYear, installment),
    amountFen,
    payer: 'PROGRAM',
    payerEnterpriseId: null,
  });
  for (let year = 1; year <= policy.studyYears; year++) {
    if (policy.educationFundFen > 0) {
      splitInstallments(policy.educationFundFen, policy.educationFundInstallments).forEach((fen, i) =>
        lines.push(programLine('EDUCATION_FUND', year, i + 1, fen)),
      );
    }
    if (policy.livingAllowanceFen > 0) {
      splitInstallments(policy.livingAllowanceFen, policy.livingAllowanceInstallments).forEach((fen, i) =>
        lines.push(programLine('LIVING_ALLOWANCE', year, i + 1, fen)),
      );
    }
    if (policy.winterFareFen > 0) {
      lines.push({
        kind: 'WINTER_FARE',
        studyYear: year,
        installment: 1,
        dueDate: winterFareDueDate(cohortStartDate, year),
        amountFen: policy.winterFareFen,
        payer: intendedEnterpriseId === null ? 'PROGRAM' : 'ENTERPRISE',
        payerEnterpriseId: intendedEnterpriseId,
      });
    }
  }
  return lines;
}

/** What a policy entitles one student to over all study years, in fen. */
export function entitlementFen(policy: SchedulePolicy): number {
  return policy.studyYears * (policy.educationFundFen + policy.livingAllowanceFen + policy.winterFareFen);
}
