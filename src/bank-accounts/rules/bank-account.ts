// A student's bank account for stipend transfers (批量代发): the one check for the API, the staff page and
// every row of an import. Banks pay only to an account in the payee's own name, so the holder is the student
// or, for a minor without an account of their own, the guardian.

export interface BankAccountInput {
  bankName: string;
  accountName: string;
  /** As typed: spaces and hyphens between groups of digits are allowed and dropped. */
  accountNumber: string;
}

export interface AccountHolders {
  fullName: string;
  guardianName: string | null;
}

/** An account that passed the check: names trimmed, the number digits only. */
export type CheckedBankAccount = BankAccountInput;

export type BankAccountField = keyof BankAccountInput;

export interface BankAccountProblem {
  field: BankAccountField;
  message: string;
}

export type BankAccountCheck = { ok: true; account: CheckedBankAccount } | { ok: false; problems: BankAccountProblem[] };

const ACCOUNT_NUMBER_DIGITS = { min: 12, max: 30 } as const;
/** The length of the student_bank_account column. */
export const MAX_BANK_NAME_LENGTH = 100;

/** Every problem is reported; no message repeats the number, so none can carry it into a log or a page. */
export function checkBankAccount(input: BankAccountInput, holders: AccountHolders): BankAccountCheck {
  const problems: BankAccountProblem[] = [];
  const bankName = input.bankName.trim();
  const accountName = input.accountName.trim();
  const accountNumber = input.accountNumber.replace(/[\s-]/g, '');
  if (!bankName) problems.push({ field: 'bankName', message: 'is required' });
  else if (bankName.length > MAX_BANK_NAME_LENGTH) {
    problems.push({ field: 'bankName', message: `must be at most ${MAX_BANK_NAME_LENGTH} characters` });
  }
  if (!accountNumber) problems.push({ field: 'accountNumber', message: 'is required' });
  else if (!/^\d+$/.test(accountNumber)) {
    problems.push({ field: 'accountNumber', message: 'must be digits only (spaces between groups are allowed)' });
  } else if (accountNumber.length < ACCOUNT_NUMBER_DIGITS.min || accountNumber.length > ACCOUNT_NUMBER_DIGITS.max) {
    problems.push({
      field: 'accountNumber',
      message: `must have ${ACCOUNT_NUMBER_DIGITS.min} to ${ACCOUNT_NUMBER_DIGITS.max} digits (has ${accountNumber.length})`,
    });
  }
  const { fullName, guardianName } = holders;
  if (!accountName) problems.push({ field: 'accountName', message: 'is required' });
  else if (accountName !== fullName && (!guardianName || accountName !== guardianName)) {
    problems.push({
      field: 'accountName',
      message: `must be the student's name (${fullName})${guardianName ? ` or the guardian's (${guardianName})` : ''}: banks transfer only to an account in the payee's own name`,
    });
  }
  return problems.length ? { ok: false, problems } : { ok: true, account: { bankName, accountName, accountNumber } };
}

/** `6228 **** **** 0001`: the first and last four digits, whatever the length, so the mask does not tell it. */
export const maskAccountNumber = (digits: string): string => `${digits.slice(0, 4)} **** **** ${digits.slice(-4)}`;
