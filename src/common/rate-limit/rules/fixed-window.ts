/** A key's requests in its current window, which ends at resetAt (ISO-8601 UTC) and then starts again at zero. */
export interface WindowCount {
  count: number;
  resetAt: string;
}

/** The end of a window opened now: counting starts at the first request, so a window is never cut short by a clock boundary. */
export const windowEnd = (now: Date, windowMs: number): string => new Date(now.getTime() + windowMs).toISOString();

/** Whether the key has used up its limit; a window that has ended counts as empty. */
export const isExhausted = (counter: WindowCount | undefined, limit: number, now: Date): boolean =>
  counter !== undefined && Date.parse(counter.resetAt) > now.getTime() && counter.count >= limit;

/** What Retry-After says: whole seconds until the window ends, at least one. */
export const secondsUntil = (resetAt: string, now: Date): number => Math.max(1, Math.ceil((Date.parse(resetAt) - now.getTime()) / 1000));
