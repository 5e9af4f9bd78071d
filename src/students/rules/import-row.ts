// One spreadsheet row to one applicant, with the same limits as single intake (applicant-fields.ts).
// Every problem in the row is reported, not just the first. What the values mean against the cohort and
// today is checked next, by the rule single intake uses too (new-student.ts).
import { BankAccountInput } from '../../bank-accounts/rules/bank-account';
import { dateProblem } from '../../common/validation/date-fields';
import { textCharacterProblem } from '../../common/validation/text-characters';
import { checkCreditCode } from '../../enterprises/rules/credit-code';
import { STATUS_LABELS } from '../export/student-export-columns';
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
import { parseNationalId } from './national-id';
import { INTAKE_STATUSES, IntakeStatus, NewApplicant } from './new-student';

/** A cell as a spreadsheet holds it: text, a number, a boolean, or nothing. */
export type Cell = string | number | boolean | null;

/** An applicant as a row gives it: the intended enterprise named by its credit code, not yet looked up. */
export type ImportedApplicant = Omit<NewApplicant, 'intendedEnterpriseId'> & { intendedEnterpriseCreditCode: string | null };

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
  const applicationDate = readDate(cells.applicationDate);
  if (isProblem(applicationDate)) fail('applicationDate', applicationDate.problem);
  const status = readStatus(cells.status);
  if (status === null) fail('status', `must be one of ${INTAKE_STATUSES.map((s) => `${STATUS_LABELS[s]} (${s})`).join(', ')}`);
  const statusDate = readDate(cells.statusDate);
  if (isProblem(statusDate)) fail('statusDate', statusDate.problem);
  const majorCode = optional('majorCode', MAX_MAJOR_CODE_LENGTH);
  const bankAccount = readBankAccount(cells, fail);

  if (
    errors.length ||
    typeof id === 'string' ||
    povertyRegistered === null ||
    typeof examScore === 'string' ||
    typeof majorPreferences === 'string' ||
    isProblem(applicationDate) ||
    isProblem(statusDate) ||
    status === null
  ) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    applicant: {
      fullName,
      nationalId: id.nationalId,
      phone: phoneNumber,
      homeProvince,
      homeCounty,
      povertyRegistered,
      examScore,
      majorPreferences,
      intendedEnterpriseCreditCode: creditCode,
      guardianName,
      guardianPhone,
      applicationDate,
      status,
      statusDate,
      majorCode,
      bankAccount,
    },
  };
}

/** The ID as stored, or why it is not one. */
function readNationalId(cell: Cell | undefined, today: string): { nationalId: string } | string {
  // 18 digits do not fit a spreadsheet number: Excel keeps 15 significant digits and the rest are lost.
  if (typeof cell === 'number') return 'is stored as a number, which loses digits; format the column as text and enter the ID again';
  const value = text(cell);
  if (!value) return 'is required';
  const result = parseNationalId(value, { today });
  if (!result.valid) return `is not a valid national ID: ${result.reason}`;
  return { nationalId: result.facts.nationalId };
}

const BANK_ACCOUNT_FIELDS = ['bankName', 'accountName', 'accountNumber'] as const satisfies readonly ImportField[];

/**
 * The account as typed, null when the row gives none; what it means (digits, holder) is checked with the
 * applicant, as for single intake (new-student.ts). A partial account is refused at each missing column.
 */
function readBankAccount(
  cells: Partial<Record<ImportField, Cell>>,
  fail: (field: ImportField, message: string) => void,
): BankAccountInput | null {
  // A card number of 16 to 19 digits does not fit a spreadsheet number either: Excel turns the last ones into zeros.
  const storedAsNumber = typeof cells.accountNumber === 'number';
  if (storedAsNumber) {
    fail('accountNumber', 'is stored as a number, which loses digits; format the column as text and enter the account number again');
  }
  const account = { bankName: text(cells.bankName), accountName: text(cells.accountName), accountNumber: text(cells.accountNumber) };
  const missing = BANK_ACCOUNT_FIELDS.filter((field) => !account[field]);
  if (missing.length === BANK_ACCOUNT_FIELDS.length) return null;
  for (const field of missing) fail(field, 'is required when the row gives a bank account: 开户行, 户名 and 银行卡号 go together');
  return missing.length || storedAsNumber ? null : account;
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

/** Excel counts days from 1899-12-30 (its 1900 leap-year bug included), so serial 43565 is 2019-04-10. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
/** 9999-12-31, the last day a workbook can hold. */
const LAST_EXCEL_SERIAL = 2_958_466;
/** 2019-04-10 as typed; 2019/4/10 and 2019.4.10 as Chinese Excel shows dates; 2019年4月10日. */
const WRITTEN_DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;

interface Problem {
  problem: string;
}
const isProblem = (value: unknown): value is Problem => typeof value === 'object' && value !== null;

/** A calendar date YYYY-MM-DD, null for an empty cell, or the problem. A date cell of a workbook arrives as its serial number. */
function readDate(cell: Cell | undefined): string | null | Problem {
  let date: string;
  if (typeof cell === 'number') {
    if (!(cell >= 1 && cell < LAST_EXCEL_SERIAL)) return { problem: 'must be a date YYYY-MM-DD' };
    // Calendar arithmetic on a day count, not an instant: the UTC calendar is the plain calendar here.
    date = new Date(EXCEL_EPOCH_MS + Math.floor(cell) * DAY_MS).toISOString().slice(0, 10);
  } else {
    const value = text(cell);
    if (!value) return null;
    const match = WRITTEN_DATE.exec(value);
    date = match ? `${match[1]}-${match[2].padStart(2, '0')}-${match[3].padStart(2, '0')}` : value;
  }
  const problem = dateProblem(date);
  return problem ? { problem } : date;
}

/** Empty is APPLIED; the Chinese name, the code, or both as the student export writes them (`ADMITTED 已录取`). */
function readStatus(cell: Cell | undefined): IntakeStatus | null {
  const words = text(cell).split(/\s+/).filter(Boolean);
  if (!words.length) return 'APPLIED';
  const named = words.map((word) => INTAKE_STATUSES.find((s) => s === word.toUpperCase() || STATUS_LABELS[s] === word));
  return named.every((status) => status !== undefined && status === named[0]) ? named[0]! : null;
}
