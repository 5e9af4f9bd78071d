import fc from 'fast-check';
import { employmentRate, formatRate, sumCounts, toReportLine } from './placement-report';

describe('placement report rules', () => {
  it('divides the employed by the graduates, to four decimals', () => {
    expect(employmentRate(2, 3)).toBe(0.6667);
    expect(employmentRate(3, 3)).toBe(1);
    expect(employmentRate(0, 5)).toBe(0);
  });

  it('has no rate while a group has no graduate', () => {
    expect(employmentRate(0, 0)).toBeNull();
    expect(toReportLine({ proposed: 4, confirmed: 1, declined: 0, graduates: 0, employed: 0 }).employmentRate).toBeNull();
  });

  it('keeps every rate between 0 and 1 when no more are employed than graduated', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (graduates, share) => {
        const rate = employmentRate(Math.floor(graduates * share), graduates)!;
        expect(rate).toBeGreaterThanOrEqual(0);
        expect(rate).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('adds groups up field by field', () => {
    const a = { proposed: 1, confirmed: 2, declined: 3, graduates: 4, employed: 1 };
    expect(sumCounts([a, a])).toEqual({ proposed: 2, confirmed: 4, declined: 6, graduates: 8, employed: 2 });
    expect(sumCounts([])).toEqual({ proposed: 0, confirmed: 0, declined: 0, graduates: 0, employed: 0 });
  });

  it('writes a rate as a percentage with one decimal, and nothing for no rate', () => {
    expect(formatRate(0.6667)).toBe('66.7%');
    expect(formatRate(1)).toBe('100.0%');
    expect(formatRate(null)).toBe('');
  });
});
