import type { AgreementDocument } from '../../agreements/document/document-model';

export interface IssuedAccount {
  studentId: number;
  fullName: string;
  username: string;
  oneTimePassword: string;
}

export interface AccountSheetInput {
  cohortId: number;
  cohortName: string;
  /** YYYY-MM-DD the passwords were issued. */
  issuedOn: string;
  /** Where students sign in, printed on the sheet. */
  signInUrl: string;
  accounts: readonly IssuedAccount[];
}

/** Both languages in one header cell: staff read Chinese, the API's field names are English. */
export const ACCOUNT_SHEET_HEADERS: readonly string[] = [
  '学生编号 Student ID',
  '姓名 Name',
  '用户名 Username',
  '一次性密码 One-time password',
];

export const CHANGE_PASSWORD_NOTICE = '首次登录后须立即修改密码，修改前不能使用其他功能。';
export const CHANGE_PASSWORD_NOTICE_EN = 'Change this password at your first sign-in; nothing else works until you do.';

/** A row of the CSV sheet (the CSV writer neutralises a name a spreadsheet would run as a formula). */
export const accountSheetRow = (account: IssuedAccount): string[] => [
  String(account.studentId),
  account.fullName,
  account.username,
  account.oneTimePassword,
];

/** The sheet's reference, printed in the PDF footer and used in file names: cohort and date. */
export const accountSheetReference = (input: Pick<AccountSheetInput, 'cohortId' | 'issuedOn'>): string =>
  `cohort-${input.cohortId}-accounts-${input.issuedOn}`;

/** The printable sheet: who gets which sign-in, and the instruction to change the password at once. */
export function accountSheetDocument(input: AccountSheetInput): AgreementDocument {
  return {
    blocks: [
      { type: 'title', text: '学生账号与一次性密码', en: 'Student sign-ins and one-time passwords' },
      {
        type: 'fields',
        rows: [
          { label: '班级', en: 'Cohort', value: `${input.cohortName}（${input.cohortId}）` },
          { label: '发放日期', en: 'Issued on', value: input.issuedOn },
          { label: '登录地址', en: 'Sign in at', value: input.signInUrl },
          { label: '账号数', en: 'Accounts', value: String(input.accounts.length) },
        ],
      },
      { type: 'paragraph', text: CHANGE_PASSWORD_NOTICE, en: CHANGE_PASSWORD_NOTICE_EN },
      {
        type: 'table',
        header: [
          { text: '姓名', en: 'Name' },
          { text: '用户名', en: 'Username' },
          { text: '一次性密码', en: 'One-time password' },
        ],
        rows: input.accounts.map((a) => [a.fullName, a.username, a.oneTimePassword]),
      },
      {
        type: 'paragraph',
        text: '请将本表妥善保管，发放后销毁。',
        en: 'Keep this sheet safe and destroy it once the passwords are handed out.',
      },
    ],
  };
}
