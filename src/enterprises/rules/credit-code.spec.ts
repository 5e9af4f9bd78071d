import fc from 'fast-check';
import { checkCreditCode, creditCodeCheckCharacter } from './credit-code';

const ALLOWED = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const allowedChar = fc.constantFrom(...ALLOWED);
const first17 = fc.array(allowedChar, { minLength: 17, maxLength: 17 }).map((chars) => chars.join(''));
const validCode = first17.map((body) => body + creditCodeCheckCharacter(body));

describe('checkCreditCode', () => {
  it.each(['91350100M000100Y43', '91110000600037341L'])('accepts the published code %s', (code) => {
    expect(checkCreditCode(code)).toEqual({ valid: true });
  });

  it.each(['91350100M000100Y4', '91350100M000100Y433', ''])('refuses %j for its length', (code) => {
    expect(checkCreditCode(code)).toEqual({ valid: false, reason: 'must be 18 characters' });
  });

  it.each(['I', 'O', 'Z', 'S', 'V'])('refuses the letter %s, which the standard leaves out', (letter) => {
    const result = checkCreditCode(`91350100M000100${letter}43`);
    expect(result.valid).toBe(false);
    expect(result).toMatchObject({ reason: expect.stringContaining('may contain only') });
  });

  it('refuses lower-case letters, which callers upper-case first', () => {
    expect(checkCreditCode('91350100m000100y43').valid).toBe(false);
  });

  it('refuses a wrong check character', () => {
    expect(checkCreditCode('91350100M000100Y44')).toEqual({ valid: false, reason: 'check character does not match' });
  });

  it('accepts any 17 allowed characters followed by their check character', () => {
    fc.assert(fc.property(validCode, (code) => checkCreditCode(code).valid));
  });

  it('refuses a valid code with any one character changed to another allowed character', () => {
    const mutation = fc.tuple(validCode, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: ALLOWED.length - 1 }));
    fc.assert(
      fc.property(mutation, ([code, position, shift]) => {
        const replaced = ALLOWED[(ALLOWED.indexOf(code[position]) + shift) % ALLOWED.length];
        const changed = code.slice(0, position) + replaced + code.slice(position + 1);
        return !checkCreditCode(changed).valid;
      }),
    );
  });
});
