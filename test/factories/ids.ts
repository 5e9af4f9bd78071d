import { creditCodeCheckCharacter } from '../../src/enterprises/rules/credit-code';
import { nationalIdCheckCharacter } from '../../src/students/rules/national-id';

/** 织金县 (Zhijin County, Bijie, Guizhou). */
export const ZHIJIN_REGION = '520524';

/** A valid national ID: region, birth date YYYYMMDD, and a 3-digit sequence (odd = male). */
export function nationalId(sequence: number, birthDate = '20040315', region = ZHIJIN_REGION): string {
  const first17 = `${region}${birthDate}${String(sequence % 1000).padStart(3, '0')}`;
  return first17 + nationalIdCheckCharacter(first17);
}

/** A valid Unified Social Credit Code built from a number. */
export function creditCode(n: number): string {
  const first17 = `91330522${String(n).padStart(9, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
}
