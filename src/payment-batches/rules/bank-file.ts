// The bulk-transfer file (批量代发) a bank takes: one row per payee, then a total row. Banks differ in the
// columns they want and their order, so the file is drawn from a layout; the generic one ships, others are
// configured (BANK_FILE_LAYOUTS) without touching code.
import type { DisbursementKind } from '../../disbursements/rules/schedule';
import { formatYuan } from './amount';

export const BANK_FILE_FIELDS = [
  'sequence',
  'accountName',
  'accountNumber',
  'bankName',
  'amountYuan',
  'amountFen',
  'purpose',
  'lineId',
] as const;
export type BankFileField = (typeof BANK_FILE_FIELDS)[number];

export interface BankFileLayout {
  name: string;
  columns: { header: string; field: BankFileField }[];
  /** A last row 合计 with the number of transfers and their sum. */
  totalRow: boolean;
  /** CSV only: some banks' upload pages read GB18030 (GBK) only. */
  csvEncoding: 'utf-8' | 'gb18030';
}

export const GENERIC_LAYOUT: BankFileLayout = {
  name: 'generic',
  columns: [
    { header: '序号', field: 'sequence' },
    { header: '户名', field: 'accountName' },
    { header: '账号', field: 'accountNumber' },
    { header: '开户行', field: 'bankName' },
    { header: '金额', field: 'amountYuan' },
    { header: '用途', field: 'purpose' },
  ],
  totalRow: true,
  csvEncoding: 'utf-8',
};

export interface BankFileLine {
  sequence: number;
  lineId: number;
  accountName: string;
  accountNumber: string;
  bankName: string;
  amountFen: number;
  kind: DisbursementKind;
  studyYear: number;
  installment: number;
}

const KIND_NAMES: Record<DisbursementKind, string> = {
  EDUCATION_FUND: '教育资助金',
  LIVING_ALLOWANCE: '生活补助',
  WINTER_FARE: '寒假路费',
};

/** 用途: what the money is and the line it pays, e.g. `生活补助 第2学年第1期 #1234`; the bank shows it to the payee. */
export const purposeOf = (line: Pick<BankFileLine, 'kind' | 'studyYear' | 'installment' | 'lineId'>): string =>
  `${KIND_NAMES[line.kind]} 第${line.studyYear}学年第${line.installment}期 #${line.lineId}`;

/** Every cell as text: an account number must never become a number that loses its last digits. */
export function bankFileRow(layout: BankFileLayout, line: BankFileLine): string[] {
  const values: Record<BankFileField, string> = {
    sequence: String(line.sequence),
    accountName: line.accountName,
    accountNumber: line.accountNumber,
    bankName: line.bankName,
    amountYuan: formatYuan(line.amountFen),
    amountFen: String(line.amountFen),
    purpose: purposeOf(line),
    lineId: String(line.lineId),
  };
  return layout.columns.map((column) => values[column.field]);
}

/** 合计 under the first column, the sum under each amount column, the count where the purpose stands. */
export function bankFileTotalRow(layout: BankFileLayout, count: number, totalFen: number): string[] {
  return layout.columns.map(({ field }, i) => {
    if (field === 'amountYuan') return formatYuan(totalFen);
    if (field === 'amountFen') return String(totalFen);
    if (field === 'purpose') return `共 ${count} 笔`;
    return i === 0 ? '合计' : '';
  });
}

/**
 * Layouts from configuration, checked so a mistake stops start-up naming it: a JSON array of
 * `{name, columns: [{header, field}], totalRow?, csvEncoding?}`. Each needs the account number and amount.
 */
export function parseLayouts(json: unknown, source: string): BankFileLayout[] {
  const fail = (message: string): never => {
    throw new Error(`${source}: ${message}`);
  };
  if (!Array.isArray(json)) fail('must hold a JSON array of layouts');
  const layouts = (json as unknown[]).map((raw, i): BankFileLayout => {
    const at = `layout ${i + 1}`;
    if (typeof raw !== 'object' || raw === null) fail(`${at} must be an object`);
    const { name, columns, totalRow = true, csvEncoding = 'utf-8', ...rest } = raw as Record<string, unknown>;
    if (Object.keys(rest).length) fail(`${at} has unknown keys: ${Object.keys(rest).join(', ')}`);
    if (typeof name !== 'string' || !/^[a-z0-9-]{1,40}$/.test(name)) fail(`${at}: name must be 1 to 40 of a-z, 0-9 and -`);
    if (!Array.isArray(columns) || !columns.length) fail(`${at} (${String(name)}): columns must be a non-empty array`);
    const parsed = (columns as unknown[]).map((column, j) => {
      const { header, field } = (column ?? {}) as Record<string, unknown>;
      if (typeof header !== 'string' || !header.trim()) fail(`${at} (${String(name)}), column ${j + 1}: header must be text`);
      if (!BANK_FILE_FIELDS.includes(field as BankFileField)) {
        fail(`${at} (${String(name)}), column ${j + 1}: field must be one of ${BANK_FILE_FIELDS.join(', ')}`);
      }
      return { header: header as string, field: field as BankFileField };
    });
    for (const needed of ['accountNumber', 'accountName'] as const) {
      if (!parsed.some((c) => c.field === needed)) fail(`${at} (${String(name)}) has no ${needed} column`);
    }
    if (!parsed.some((c) => c.field === 'amountYuan' || c.field === 'amountFen')) fail(`${at} (${String(name)}) has no amount column`);
    if (typeof totalRow !== 'boolean') fail(`${at} (${String(name)}): totalRow must be true or false`);
    if (csvEncoding !== 'utf-8' && csvEncoding !== 'gb18030') fail(`${at} (${String(name)}): csvEncoding must be utf-8 or gb18030`);
    return { name: name as string, columns: parsed, totalRow: totalRow as boolean, csvEncoding: csvEncoding as 'utf-8' | 'gb18030' };
  });
  const names = new Set<string>([GENERIC_LAYOUT.name]);
  for (const layout of layouts) {
    if (names.has(layout.name)) fail(`layout name ${layout.name} is used twice (generic is built in)`);
    names.add(layout.name);
  }
  return layouts;
}
