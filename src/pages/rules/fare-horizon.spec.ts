import fc from 'fast-check';
import { addDays, payableUntil } from './fare-horizon';

describe('fare horizon', () => {
  it('adds calendar days across months, years and leap days', () => {
    expect(addDays('2020-01-08', 60)).toBe('2020-03-08');
    expect(addDays('2019-12-31', 1)).toBe('2020-01-01');
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(addDays('2021-02-28', 1)).toBe('2021-03-01');
    expect(payableUntil('2019-11-20')).toBe('2020-01-19');
  });

  it('orders like the calendar: a later day plus the same days is later, and adding then going back returns', () => {
    const day = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 4000 }), (instant, days) => {
        const date = instant.toISOString().slice(0, 10);
        expect(addDays(addDays(date, days), -days)).toBe(date);
        expect(addDays(date, days) >= date).toBe(true);
      }),
    );
  });
});
