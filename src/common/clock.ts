/** Time comes in through this seam so rules and tests never read the wall clock themselves. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** YYYY-MM-DD of an instant, in UTC. */
export const isoDate = (instant: Date): string => instant.toISOString().slice(0, 10);
