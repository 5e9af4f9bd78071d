// Resident identity card number, GB 11643-1999: 6-digit region code, 8-digit birth date,
// 3-digit sequence (odd = male, even = female), and an ISO 7064 MOD 11-2 check character.

export type Gender = 'MALE' | 'FEMALE';

export interface NationalIdFacts {
  /** The ID as stored: a lower-case x upper-cased. */
  nationalId: string;
  regionCode: string;
  birthDate: string;
  gender: Gender;
}

export type NationalIdResult = { valid: true; facts: NationalIdFacts } | { valid: false; reason: string };

export interface NationalIdOptions {
  /** YYYY-MM-DD; when given, a birth date after it is refused. */
  today?: string;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';
// Second-generation cards (1999 on) were issued to living residents; nobody holding one was born before 1900.
const EARLIEST_BIRTH_YEAR = 1900;

/** The check character for the first 17 digits. */
export function nationalIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}

/** The ID as stored: a lower-case x upper-cased. */
export const normaliseNationalId = (input: string): string => input.toUpperCase();

/** Validates an ID number (a lower-case x is accepted as X) and reads the facts it encodes. */
export function parseNationalId(input: string, options: NationalIdOptions = {}): NationalIdResult {
  const id = normaliseNationalId(input);
  if (!/^\d{17}[\dX]$/.test(id)) return { valid: false, reason: 'must be 17 digits followed by a digit or X' };
  if (!isRealDate(id.slice(6, 14))) return { valid: false, reason: 'digits 7-14 are not a real birth date' };
  if (nationalIdCheckCharacter(id) !== id[17]) return { valid: false, reason: 'check character does not match' };
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (options.today !== undefined && birthDate > options.today) {
    return { valid: false, reason: `birth date ${birthDate} is in the future` };
  }
  return {
    valid: true,
    facts: { nationalId: id, regionCode: id.slice(0, 6), birthDate, gender: Number(id[16]) % 2 === 1 ? 'MALE' : 'FEMALE' },
  };
}

/** First 6 and last 4 characters kept: 520524********1234. */
export function maskNationalId(id: string): string {
  return id.length <= 10 ? '*'.repeat(id.length) : `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

function isRealDate(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < EARLIEST_BIRTH_YEAR || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
