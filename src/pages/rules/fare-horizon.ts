/** Fares due within this many days are offered for payment; later ones are shown, read-only. */
export const FARE_HORIZON_DAYS = 60;

/** `date` (YYYY-MM-DD) plus `days` calendar days: date arithmetic on the calendar, no time zone involved. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const shifted = new Date(Date.UTC(y, m - 1, d + days));
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(shifted.getUTCFullYear(), 4)}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
}

/** The last due date a fare may have to be paid today. */
export const payableUntil = (today: string): string => addDays(today, FARE_HORIZON_DAYS);
