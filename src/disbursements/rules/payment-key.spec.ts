import { requestPaymentKey } from './payment-key';

describe('requestPaymentKey', () => {
  const key = requestPaymentKey([3, 1, 2], '2020-01-10T08:30:00Z', 'ICBC-1');

  it('is a valid Idempotency-Key: visible ASCII, at most 128 characters', () => {
    expect(key).toMatch(/^fares-[0-9a-f]{64}$/);
  });

  it('is the same for the same lines in another order or repeated, and for the same instant written in another zone', () => {
    expect(requestPaymentKey([1, 2, 3, 2], '2020-01-10T16:30:00+08:00', 'ICBC-1')).toBe(key);
  });

  it('differs for other lines, another instant or another reference', () => {
    expect(requestPaymentKey([1, 2], '2020-01-10T08:30:00Z', 'ICBC-1')).not.toBe(key);
    expect(requestPaymentKey([1, 2, 3], '2020-01-10T08:30:01Z', 'ICBC-1')).not.toBe(key);
    expect(requestPaymentKey([1, 2, 3], '2020-01-10T08:30:00Z', 'ICBC-2')).not.toBe(key);
  });

  it('never lets ids run together: lines 1 and 23 are not lines 12 and 3', () => {
    expect(requestPaymentKey([1, 23], '2020-01-10T08:30:00Z', 'R')).not.toBe(requestPaymentKey([12, 3], '2020-01-10T08:30:00Z', 'R'));
  });
});
