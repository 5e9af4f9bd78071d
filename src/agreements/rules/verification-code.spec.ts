import fc from 'fast-check';
import { CODE_ALPHABET, CODE_LENGTH, formatCode, normaliseCode, verificationCodeFrom } from './verification-code';

describe('verification codes', () => {
  it('are 12 characters of the look-alike-free alphabet, printed in groups of four', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }).filter((b) => b.filter((x) => x < 248).length >= CODE_LENGTH),
        (bytes) => {
          const code = verificationCodeFrom(bytes);
          return (
            code.length === CODE_LENGTH && [...code].every((c) => CODE_ALPHABET.includes(c)) && /^\w{4}-\w{4}-\w{4}$/.test(formatCode(code))
          );
        },
      ),
    );
  });

  it('read back from what a person types: any case, with or without dashes and spaces', () => {
    expect(normaliseCode('k7qm-2xpd-9rta')).toBe('K7QM2XPD9RTA');
    expect(normaliseCode(' K7QM 2XPD 9RTA ')).toBe('K7QM2XPD9RTA');
    expect(normaliseCode(formatCode('K7QM2XPD9RTA'))).toBe('K7QM2XPD9RTA');
  });

  it('refuse what cannot be a code', () => {
    for (const input of ['K7QM2XPD9RT', 'K7QM2XPD9RTAA', 'O7QM2XPD9RTA', 'K7QM2XPD9RT!']) expect(normaliseCode(input)).toBeNull();
  });

  it('skip the bytes that would bias the alphabet', () => {
    expect(() => verificationCodeFrom(new Uint8Array(20).fill(250))).toThrow(RangeError);
    expect(verificationCodeFrom(new Uint8Array([...new Array(5).fill(255), ...new Array(12).fill(0)]))).toBe('2'.repeat(12));
  });
});
