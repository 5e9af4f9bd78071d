// One spreadsheet row to one applicant, with the same limits as single intake (applicant-fields.ts).
// Every problem in the row is reported, not just the first.
import { textCharacterProblem } from '../../common/validation/text-characters';
import { checkCreditCode } from '../../enterprises/rules/credit-code';
import {
  MAX_EXAM_SCORE,
  MAX_MAJOR_CODE_LENGTH,
  MAX_NAME_LENGTH,
  MAX_PREFERENCES,
  MAX_REGION_LENGTH,
  MIN_EXAM_SCORE,
  PHONE_PATTERN,
} from './applicant-fields';
import { ImportField } from './import-columns';
import { Gender, parseNationalId } from './national-id';

/** A cell as a spreadsheet holds it: text, a number, a boolean, or nothing. */
export type Cell = string | number | boolean | null;

export interface ImportedApplicant {
  fullName: string;
  nationalId: string;
  gender: Gender;
  birthDate: string;
  phone: string;
  homeProvince: string;
  homeCounty: string;
  povertyRegistered: boolean;
  examScore: number;
  majorPreferences: string[];
  intendedEnterpriseCreditCode: string | null;
  guardianName: string | null;
  guardianPhone: string | null;
}

export interface FieldError {
  field: ImportField;
  message: string;
}

export type RowResult = { ok: true; applicant: ImportedApplicant } | { ok: false; errors: FieldError[] };

const YES = new Set(['是', 'y', 'yes', 'true', '1', '有']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '无']);
/** Counties separate preferences with ; but full-width ；, 、 and commas turn up too. */
const PREFERENCE_SEPARATORS = /[;；,，、]/;

const text = (cell: Cell | undefined): string => (cell === null || cell === undefined ? '' : String(cell).trim());

export function parseImportRow(cells: Partial<Record<ImportField, Cell>>, today: string): RowResult {
  const errors: FieldError[] = [];
  const fail = (field: ImportField, message: string): void => {
    errors.push({ field, message });
  };
  // The same characters are refused as in every field of the API (a line break in a name, NUL, bidi controls).
  for (const [field, cell] of Object.entries(cells) as [ImportField, Cell | undefined][]) {
    const problem = typeof cell === 'string' ? textCharacterProblem(cell) : null;
    if (problem) fail(field, problem);
  }

  const required = (field: ImportField, maxLength: number): string => {
    const value = text(cells[field]);
    if (!value) fail(field, 'is required');
    else if (value.length > maxLength) fail(field, `must be at most ${maxLength} characters`);
    return value;
  };
  const optional = (field: ImportField, maxLength: number): string | null => {
    const value = text(cells[field]);
    if (value.length > maxLength) fail(field, `must be at most ${maxLength} characters`);
    return value || null;
  };
  const phone = (field: ImportField, value: string | null): void => {
    if (value && !PHONE_PATTERN.test(value)) fail(field, 'must be 7 to 20 digits, spaces, + or -');
  };

  const fullName = required('fullName', MAX_NAME_LENGTH);
  const id = readNationalId(cells.nationalId, today);
  if (typeof id === 'string') fail('nationalId', id);
  const phoneNumber = required('phone', 20);
  phone('phone', phoneNumber || null);
  const homeProvince = required('homeProvince', MAX_REGION_LENGTH);
  const homeCounty = required('homeCounty', MAX_REGION_LENGTH);
  const povertyRegistered = readYesNo(cells.povertyRegistered);
  if (povertyRegistered === null) fail('povertyRegistered', 'must be 是 or 否 (yes or no)');
  const examScore = readScore(cells.examScore);
  if (typeof examScore === 'string') fail('examScore', examScore);
  const majorPreferences = readPreferences(cells.majorPreferences);
  if (typeof majorPreferences === 'string') fail('majorPreferences', majorPreferences);
  const creditCode = text(cells.intendedEnterpriseCreditCode).toUpperCase() || null;
  const creditCheck = creditCode ? checkCreditCode(creditCode) : null;
  if (creditCheck && !creditCheck.valid) fail('intendedEnterpriseCreditCode', `is not a valid credit code: ${creditCheck.reason}`);
  const guardianName = optional('guardianName', MAX_NAME_LENGTH);
  const guardianPhone = optional('guardianPhone', 20);
  phone('guardianPhone', guardianPhone);

  if (
    errors.length ||
    typeof id === 'string' ||
    povertyRegistered === null ||
    typeof examScore === 'string' ||
    typeof majorPreferences === 'string'
  ) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    applicant: {
      fullName,
      nationalId: id.nationalId,
      gender: id.gender,
      birthDate: id.birthDate,
      phone: phoneNumber,
      homeProvince,
      homeCounty,
      povertyRegistered,
      examScore,
      majorPreferences,
      intendedEnterpriseCreditCode: creditCode,
      guardianName,
      guardianPhone,
    },
  };
}

function readNationalId(cell: Cell | undefined, today: string): { nationalId: string; gender: Gender; birthDate: string } | string {
  // 18 digits do not fit a spreadsheet number: Excel keeps 15 significant digits and the rest are lost.
  if (typeof cell === 'number') return 'is stored as a number, which loses digits; format the column as text and enter the ID again';
  const value = text(cell);
  if (!value) return 'is required';
  const result = parseNationalId(value, { today });
  if (!result.valid) return `is not a valid national ID: ${result.reason}`;
  return { nationalId: result.facts.nationalId, gender: result.facts.gender, birthDate: result.facts.birthDate };
}

function readYesNo(cell: Cell | undefined): boolean | null {
  if (typeof cell === 'boolean') return cell;
  const value = text(cell).toLowerCase();
  if (YES.has(value)) return true;
  if (NO.has(value)) return false;
  return null;
}

function readScore(cell: Cell | undefined): number | string {
  const value = typeof cell === 'number' ? cell : Number(text(cell));
  if (text(cell) === '') return 'is required';
  if (!Number.isFinite(value)) return 'must be a number';
  if (value < MIN_EXAM_SCORE || value > MAX_EXAM_SCORE) return `must be from ${MIN_EXAM_SCORE} to ${MAX_EXAM_SCORE}`;
  return value;
}

function readPreferences(cell: Cell | undefined): string[] | string {
  const codes = text(cell)
    .split(PREFERENCE_SEPARATORS)
    .map((code) => code.trim())
    .filter(Boolean);
  if (!codes.length) return 'is required: major codes separated by ;';
  if (codes.length > MAX_PREFERENCES) return `may list at most ${MAX_PREFERENCES} majors`;
  const tooLong = codes.find((code) => code.length > MAX_MAJOR_CODE_LENGTH);
  if (tooLong) return `"${tooLong}" is not a major code`;
  const repeated = codes.find((code, i) => codes.indexOf(code) !== i);
  if (repeated) return `lists ${repeated} twice`;
  return codes;
}
