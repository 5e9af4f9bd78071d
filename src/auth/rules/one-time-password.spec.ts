import * as fc from 'fast-check';
import { randomInt } from 'node:crypto';
import { ONE_TIME_PASSWORD_ALPHABET, ONE_TIME_PASSWORD_LENGTH, oneTimePassword } from './one-time-password';
import { MIN_PASSWORD_LENGTH } from '../../config/app-config';

describe('oneTimePassword', () => {
  it('is long enough to be accepted as a password and uses only the readable alphabet', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: ONE_TIME_PASSWORD_ALPHABET.length - 1 }), { minLength: 64, maxLength: 64 }), (indexes) => {
        let next = 0;
        const password = oneTimePassword(() => indexes[next++]);
        expect(password).toHaveLength(ONE_TIME_PASSWORD_LENGTH);
        expect(password.length).toBeGreaterThanOrEqual(MIN_PASSWORD_LENGTH);
        expect([...password].every((c) => ONE_TIME_PASSWORD_ALPHABET.includes(c))).toBe(true);
      }),
    );
  });

  it('leaves out characters read as one another and anything that needs the shift key', () => {
    for (const group of ['0o', '1li', '2z', '5s', '6b', '9gq', 'uv']) {
      expect([...group].filter((c) => ONE_TIME_PASSWORD_ALPHABET.includes(c)).length).toBeLessThanOrEqual(1);
    }
    expect(ONE_TIME_PASSWORD_ALPHABET).toMatch(/^[a-z0-9]+$/);
    expect(new Set(ONE_TIME_PASSWORD_ALPHABET).size).toBe(ONE_TIME_PASSWORD_ALPHABET.length);
  });

  it('maps the random indexes to characters in order', () => {
    let next = 0;
    expect(oneTimePassword(() => next++ % ONE_TIME_PASSWORD_ALPHABET.length)).toBe(
      ONE_TIME_PASSWORD_ALPHABET.slice(0, ONE_TIME_PASSWORD_LENGTH),
    );
  });

  it('refuses a random source that answers outside the alphabet', () => {
    expect(() => oneTimePassword(() => ONE_TIME_PASSWORD_ALPHABET.length)).toThrow(RangeError);
    expect(() => oneTimePassword(() => -1)).toThrow(RangeError);
    expect(() => oneTimePassword(() => 0.5)).toThrow(RangeError);
  });

  it('gives different passwords from a real random source', () => {
    const passwords = new Set(Array.from({ length: 1000 }, () => oneTimePassword((n) => randomInt(n))));
    expect(passwords.size).toBe(1000);
  });
});
