// A payment dated long before its line could exist is a mistyped year, not an advance. A line exists from the
// student's enrolment, about (studyYear - 1) years before it is due; a year of margin before that leaves room
// for a fare or fund paid early, or for all of a student's fares settled at enrolment.
export const PAYMENT_ADVANCE_YEARS = 1;

/** The first business date (YYYY-MM-DD) a payment of a line of study year `studyYear` due on `dueDate` may carry. */
export function earliestPaymentDate(dueDate: string, studyYear: number): string {
  const [year, month, day] = dueDate.split('-').map(Number);
  return new Date(Date.UTC(year - (studyYear - 1) - PAYMENT_ADVANCE_YEARS, month - 1, day)).toISOString().slice(0, 10);
}
