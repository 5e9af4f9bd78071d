// Unified Social Credit Code, GB 32100-2015: 18 characters from a 31-character alphabet
// (no I, O, Z, S, V); the last is a MOD 31 check character over the first 17.

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return ALPHABET[(31 - (sum % 31)) % 31];
}

export type CreditCodeResult = { valid: true } | { valid: false; reason: string };

export function checkCreditCode(code: string): CreditCodeResult {
  if (code.length !== 18) return { valid: false, reason: 'must be 18 characters' };
  if (![...code].every((c) => ALPHABET.includes(c))) {
    return { valid: false, reason: 'may contain only digits and the capital letters A-H, J-N, P-R, T, U, W, X, Y' };
  }
  if (creditCodeCheckCharacter(code) !== code[17]) return { valid: false, reason: 'check character does not match' };
  return { valid: true };
}
