import { DEFAULT_BUSINESS_TIME_ZONE } from '../config/app-config';

/**
 * Time comes in through this seam so rules and tests never read the wall clock themselves. Business dates
 * ("today", effective dates, due-ness) are days of the calendar in the business time zone, never UTC dates.
 */
export abstract class Clock {
  constructor(readonly timeZone: string = DEFAULT_BUSINESS_TIME_ZONE) {}

  abstract now(): Date;

  /** Today's business date, YYYY-MM-DD. */
  today(): string {
    return this.dateOf(this.now());
  }

  /** The business date an instant falls on, YYYY-MM-DD. */
  dateOf(instant: Date): string {
    const { year, month, day } = wallClock(instant, this.timeZone);
    return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  }

  /** "2020-03-02 10:00": the business date and the minute of the wall clock in the business zone. */
  minuteOf(instant: Date): string {
    const { hour, minute } = wallClock(instant, this.timeZone);
    return `${this.dateOf(instant)} ${pad(hour, 2)}:${pad(minute, 2)}`;
  }

  /** The instant a business date begins, e.g. 2026-12-03 → 2026-12-02T16:00:00Z in Asia/Shanghai. */
  startOf(date: string): Date {
    const midnightAsUtc = Date.parse(`${date}T00:00:00Z`);
    if (Number.isNaN(midnightAsUtc)) throw notADate(date);
    // Midnight under the zone's offset, found in two steps. The two differ only on a day the offset changes;
    // the earlier one still on the date is the start (01:00 where midnight is skipped, America/Santiago).
    const first = midnightAsUtc - offsetAt(midnightAsUtc, this.timeZone);
    const second = midnightAsUtc - offsetAt(first, this.timeZone);
    const start = [Math.min(first, second), Math.max(first, second)].map((ms) => new Date(ms)).find((d) => this.dateOf(d) === date);
    // None for 2026-02-30, which Date.parse reads as 2026-03-02.
    if (!start) throw notADate(date);
    return start;
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(instant: Date, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((p) => [p.type, Number(p.value)]));
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(epochMs: number, timeZone: string): number {
  const w = wallClock(new Date(epochMs), timeZone);
  const wallAsUtc = new Date(0);
  wallAsUtc.setUTCFullYear(w.year, w.month - 1, w.day);
  wallAsUtc.setUTCHours(w.hour, w.minute, w.second);
  return wallAsUtc.getTime() - Math.floor(epochMs / 1000) * 1000;
}

const notADate = (value: string): RangeError => new RangeError(`not a calendar date YYYY-MM-DD: ${value}`);

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
