import { isExhausted, secondsUntil, windowEnd } from './fixed-window';

describe('fixed window counting', () => {
  const now = new Date('2026-12-01T08:00:00.000Z');

  it('ends a window opened now one window length later', () => {
    expect(windowEnd(now, 60_000)).toBe('2026-12-01T08:01:00.000Z');
  });

  it('is exhausted once the count reaches the limit, not before', () => {
    const resetAt = '2026-12-01T08:01:00.000Z';
    expect(isExhausted({ count: 59, resetAt }, 60, now)).toBe(false);
    expect(isExhausted({ count: 60, resetAt }, 60, now)).toBe(true);
    expect(isExhausted(undefined, 60, now)).toBe(false);
  });

  it('forgets a count whose window has ended', () => {
    expect(isExhausted({ count: 500, resetAt: '2026-12-01T08:00:00.000Z' }, 60, now)).toBe(false);
    expect(isExhausted({ count: 500, resetAt: '2026-12-01T08:00:00.001Z' }, 60, now)).toBe(true);
  });

  it('tells a client to retry after the whole seconds left, at least one', () => {
    expect(secondsUntil('2026-12-01T08:15:00.000Z', now)).toBe(900);
    expect(secondsUntil('2026-12-01T08:00:00.200Z', now)).toBe(1);
    expect(secondsUntil('2026-12-01T07:59:00.000Z', now)).toBe(1);
  });
});
