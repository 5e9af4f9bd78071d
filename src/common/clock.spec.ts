import fc from 'fast-check';
import { Clock, SystemClock } from './clock';

const clockAt = (instant: string, timeZone: string): Clock =>
  new (class extends Clock {
    now(): Date {
      return new Date(instant);
    }
  })(timeZone);

describe('Clock', () => {
  describe('today', () => {
    it('is already tomorrow in Shanghai at 23:30 UTC, and still today in UTC', () => {
      expect(clockAt('2026-12-02T23:30:00Z', 'Asia/Shanghai').today()).toBe('2026-12-03');
      expect(clockAt('2026-12-02T23:30:00Z', 'UTC').today()).toBe('2026-12-02');
    });

    it('turns at 16:00 UTC in Shanghai and at 00:00 UTC in UTC', () => {
      expect(clockAt('2026-12-03T15:59:59.999Z', 'Asia/Shanghai').today()).toBe('2026-12-03');
      expect(clockAt('2026-12-03T16:00:00Z', 'Asia/Shanghai').today()).toBe('2026-12-04');
      expect(clockAt('2026-12-03T23:59:59.999Z', 'UTC').today()).toBe('2026-12-03');
      expect(clockAt('2026-12-04T00:00:00Z', 'UTC').today()).toBe('2026-12-04');
    });

    it('crosses the year in the zone, not in UTC', () => {
      expect(clockAt('2026-12-31T16:30:00Z', 'Asia/Shanghai').today()).toBe('2027-01-01');
      expect(clockAt('2027-01-01T03:00:00Z', 'America/New_York').today()).toBe('2026-12-31');
    });
  });

  it('works in Asia/Shanghai unless told otherwise', () => {
    expect(new SystemClock().timeZone).toBe('Asia/Shanghai');
  });

  describe('startOf', () => {
    it('is midnight in the zone', () => {
      expect(new SystemClock('Asia/Shanghai').startOf('2026-12-03').toISOString()).toBe('2026-12-02T16:00:00.000Z');
      expect(new SystemClock('UTC').startOf('2026-12-03').toISOString()).toBe('2026-12-03T00:00:00.000Z');
      expect(new SystemClock('America/New_York').startOf('2026-03-08').toISOString()).toBe('2026-03-08T05:00:00.000Z');
      expect(new SystemClock('America/New_York').startOf('2026-11-01').toISOString()).toBe('2026-11-01T04:00:00.000Z');
    });

    it('is 01:00 where midnight is skipped for summer time', () => {
      expect(new SystemClock('America/Santiago').startOf('2026-09-06').toISOString()).toBe('2026-09-06T04:00:00.000Z');
    });

    it('is the first instant of the date and the one before it is the day before, in any zone', () => {
      const zones = [
        'Asia/Shanghai',
        'UTC',
        'America/New_York',
        'America/Santiago',
        'Europe/London',
        'Australia/Lord_Howe',
        'Pacific/Kiritimati',
      ];
      fc.assert(
        fc.property(
          fc.constantFrom(...zones),
          fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }),
          (zone, day) => {
            const clock = new SystemClock(zone);
            const date = day.toISOString().slice(0, 10);
            const start = clock.startOf(date);
            expect(clock.dateOf(start)).toBe(date);
            expect(clock.dateOf(new Date(start.getTime() - 1)) < date).toBe(true);
          },
        ),
      );
    });

    it('refuses what is not a calendar date', () => {
      const clock = new SystemClock('Asia/Shanghai');
      expect(() => clock.startOf('2026-02-30')).toThrow(RangeError);
      expect(() => clock.startOf('2026-2-3')).toThrow(RangeError);
      expect(() => clock.startOf('yesterday')).toThrow(RangeError);
    });
  });
});

describe('Clock.minuteOf', () => {
  it('writes the business date and the minute in the business zone, across midnight UTC', () => {
    const clock = new (class extends Clock {
      now = () => new Date(0);
    })('Asia/Shanghai');
    expect(clock.minuteOf(new Date('2020-03-02T02:05:59Z'))).toBe('2020-03-02 10:05');
    expect(clock.minuteOf(new Date('2020-03-01T16:00:00Z'))).toBe('2020-03-02 00:00');
  });
});
