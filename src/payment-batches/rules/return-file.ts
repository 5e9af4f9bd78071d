// The bank's answer to a bulk-transfer file (回单 / 代发结果文件): a row per transfer with 户名, 账号, 金额,
// 状态 成功/失败, 失败原因, 流水号. Rows are matched to the batch's lines by account and amount (and by 序号
// when the bank echoes it); any row that matches no line, or contradicts what an earlier file recorded, stops
// the whole file. The same file sent twice matches the same lines and changes nothing.
import { dateProblem } from '../../common/validation/date-fields';
import { normaliseHeader } from '../../students/rules/import-columns';
import { parseYuan } from './amount';
import type { TransferResult } from './batch-status';

export const RETURN_FIELDS = [
  'sequence',
  'accountName',
  'accountNumber',
  'amount',
  'status',
  'failureReason',
  'reference',
  'date',
] as const;
export type ReturnField = (typeof RETURN_FIELDS)[number];

const HEADERS: Record<ReturnField, { chinese: string; aliases: string[]; required: boolean }> = {
  sequence: { chinese: '序号', aliases: ['no'], required: false },
  accountName: { chinese: '户名', aliases: ['收款人户名', '收款人姓名', '收款户名', 'name'], required: false },
  accountNumber: { chinese: '账号', aliases: ['收款账号', '收款人账号', '银行卡号', '卡号', 'account'], required: true },
  amount: { chinese: '金额', aliases: ['交易金额', '金额(元)', 'amountyuan'], required: true },
  status: { chinese: '状态', aliases: ['交易状态', '处理状态', '处理结果', '结果', 'result'], required: true },
  failureReason: { chinese: '失败原因', aliases: ['错误信息', '备注', 'reason'], required: false },
  reference: { chinese: '流水号', aliases: ['银行流水号', '交易流水号', 'bankreference', 'serialnumber'], required: false },
  date: { chinese: '日期', aliases: ['交易日期', '转账日期', '入账日期', 'paidon'], required: false },
};

const FIELD_BY_HEADER = new Map<string, ReturnField>(
  RETURN_FIELDS.flatMap((field) => [field, HEADERS[field].chinese, ...HEADERS[field].aliases].map((h) => [normaliseHeader(h), field])),
);

const returnFieldLabel = (field: ReturnField): string => `${HEADERS[field].chinese} (${field})`;

export interface ReturnFileError {
  /** The row as a spreadsheet shows it (header = 1); null for the file as a whole. */
  row: number | null;
  column: string | null;
  message: string;
}

/** Which column holds which field; columns not read are null. Unknown headers (用途, 摘要, …) are ignored. */
export function mapReturnHeader(header: readonly string[]): { columns: (ReturnField | null)[]; errors: ReturnFileError[] } {
  const columns: (ReturnField | null)[] = [];
  const errors: ReturnFileError[] = [];
  const seen = new Set<ReturnField>();
  for (const raw of header) {
    const field = FIELD_BY_HEADER.get(normaliseHeader(raw)) ?? null;
    if (field && seen.has(field)) {
      errors.push({ row: 1, column: raw.trim(), message: `a second ${returnFieldLabel(field)} column` });
      columns.push(null);
      continue;
    }
    if (field) seen.add(field);
    columns.push(field);
  }
  for (const field of RETURN_FIELDS) {
    if (HEADERS[field].required && !seen.has(field))
      errors.push({ row: 1, column: returnFieldLabel(field), message: 'required column is missing' });
  }
  return { columns, errors };
}

export interface ReturnRow {
  row: number;
  sequence: number | null;
  accountName: string | null;
  accountNumber: string;
  amountFen: number;
  result: TransferResult;
  failureReason: string | null;
  reference: string | null;
  /** YYYY-MM-DD the bank made the transfer, when the file says. */
  date: string | null;
}

const SUCCESS = new Set(['成功', '交易成功', '处理成功', '已成功', 'success', 'succeeded', 's']);
const FAILURE = new Set(['失败', '交易失败', '处理失败', 'failed', 'failure', 'fail', 'f']);
/** The total row banks append: not a transfer. */
const TOTAL = /^(合计|总计|total)/i;
const MAX_REASON_LENGTH = 200;
const MAX_REFERENCE_LENGTH = 100;
/** When the bank gives no reason, the student still reads why the money did not arrive. */
export const UNSTATED_REASON = '银行未说明原因';

type Cell = string | number | boolean | null;
const text = (cell: Cell | undefined): string => (cell === null || cell === undefined ? '' : String(cell).trim());

/** A data row, or its errors; null for a blank or total row. */
export function parseReturnRow(
  row: number,
  cells: Partial<Record<ReturnField, Cell>>,
): { ok: true; value: ReturnRow } | { ok: false; errors: ReturnFileError[] } | null {
  if (RETURN_FIELDS.every((field) => text(cells[field]) === '')) return null;
  const first = [cells.sequence, cells.accountName, cells.accountNumber].map(text).find((value) => value !== '') ?? '';
  if (TOTAL.test(first)) return null;
  const errors: ReturnFileError[] = [];
  const fail = (field: ReturnField, message: string): void => {
    errors.push({ row, column: returnFieldLabel(field), message });
  };

  const accountCell = cells.accountNumber;
  const accountNumber = text(accountCell).replace(/[\s-]/g, '');
  if (typeof accountCell === 'number')
    fail('accountNumber', 'is stored as a number, which loses the last digits of a long account: format the column as text');
  else if (!/^\d{12,30}$/.test(accountNumber)) fail('accountNumber', 'must be an account number of 12 to 30 digits');

  const amountCell = cells.amount;
  const amountFen = amountCell === null || amountCell === undefined || typeof amountCell === 'boolean' ? null : parseYuan(amountCell);
  if (amountFen === null) fail('amount', `must be an amount in yuan with at most two decimals (got "${text(amountCell)}")`);

  const status = text(cells.status).toLowerCase();
  const result: TransferResult | null = SUCCESS.has(status) ? 'PAID' : FAILURE.has(status) ? 'FAILED' : null;
  if (!result)
    fail('status', `must be 成功 or 失败 (got "${text(cells.status)}"): upload the file once the bank has finished every transfer`);

  const reference = text(cells.reference) || null;
  if (reference && reference.length > MAX_REFERENCE_LENGTH) fail('reference', `must be at most ${MAX_REFERENCE_LENGTH} characters`);
  if (result === 'PAID' && !reference)
    fail('reference', 'is required for a successful transfer: it is the payment reference the student and auditors see');

  const failureReason = result === 'FAILED' ? (text(cells.failureReason) || UNSTATED_REASON).slice(0, MAX_REASON_LENGTH) : null;

  const sequenceText = text(cells.sequence);
  const sequence = sequenceText === '' ? null : Number(sequenceText);
  if (sequence !== null && !(Number.isInteger(sequence) && sequence > 0))
    fail('sequence', `must be a row number of the bank file (got "${sequenceText}")`);

  const date = readDate(text(cells.date));
  if (date !== null && dateProblem(date)) fail('date', `must be a date such as 2026-09-01 or 20260901 (got "${text(cells.date)}")`);

  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      row,
      sequence,
      accountName: text(cells.accountName) || null,
      accountNumber,
      amountFen: amountFen!,
      result: result!,
      failureReason,
      reference,
      date,
    },
  };
}

/** 2026-09-01, 2026/9/1, 2026.09.01 or 20260901 → 2026-09-01; the text itself when it is none of them. */
function readDate(value: string): string | null {
  if (value === '') return null;
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (compact) return `${compact[1]}-${compact[2]}-${compact[3]}`;
  const parts = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value);
  return parts ? `${parts[1]}-${parts[2].padStart(2, '0')}-${parts[3].padStart(2, '0')}` : value;
}

/** A line of the batch as the return file is checked against it. */
export interface BatchLineState {
  sequence: number;
  accountNumber: string;
  amountFen: number;
  result: TransferResult | null;
  bankReference: string | null;
}

export type RowOutcome = { row: ReturnRow; sequence: number; change: TransferResult | 'UNCHANGED' };

export interface ReturnFacts {
  /** Today's business date: no transfer is dated after it. */
  today: string;
  /** The business date the batch was made: no transfer of it is dated before. */
  batchDate: string;
}

/**
 * Matches every row to one line of the batch. A row naming 序号 must agree with that line's account and amount;
 * a row without it takes a line with the same account and amount, preferring the one an earlier file already
 * answered the same way (so the same file twice lands on the same lines). Answers the outcomes, or every error.
 */
export function matchReturnRows(
  rows: readonly ReturnRow[],
  lines: readonly BatchLineState[],
  facts: ReturnFacts,
): { ok: true; outcomes: RowOutcome[] } | { ok: false; errors: ReturnFileError[] } {
  const bySequence = new Map(lines.map((line) => [line.sequence, line]));
  const byPayee = new Map<string, BatchLineState[]>();
  for (const line of [...lines].sort((a, b) => a.sequence - b.sequence)) {
    const key = payeeKey(line);
    byPayee.set(key, [...(byPayee.get(key) ?? []), line]);
  }
  const answeredBy = new Map<number, number>();
  const errors: ReturnFileError[] = [];
  const outcomes: RowOutcome[] = [];
  const fail = (row: ReturnRow, column: ReturnField | null, message: string): void => {
    errors.push({ row: row.row, column: column && returnFieldLabel(column), message });
  };

  for (const row of rows) {
    if (row.date !== null && row.date > facts.today) fail(row, 'date', `must not be after today, ${facts.today}`);
    if (row.date !== null && row.date < facts.batchDate) fail(row, 'date', `must not be before the batch was made, ${facts.batchDate}`);
    let line: BatchLineState | undefined;
    if (row.sequence !== null) {
      line = bySequence.get(row.sequence);
      if (!line) {
        fail(row, 'sequence', `the batch has no line ${row.sequence} (it has ${lines.length})`);
        continue;
      }
      if (payeeKey(line) !== payeeKey(row)) {
        fail(row, null, `does not match line ${row.sequence} of the batch: the account or the amount differs from the bank file`);
        continue;
      }
    } else {
      const candidates = (byPayee.get(payeeKey(row)) ?? []).filter((l) => !answeredBy.has(l.sequence));
      line = candidates.find((l) => sameAnswer(l, row)) ?? candidates.find((l) => l.result === null) ?? candidates[0];
      if (!line) {
        const known = byPayee.has(payeeKey(row));
        fail(
          row,
          null,
          known
            ? 'answers a transfer that other rows of this file already answered: the batch has fewer lines with this account and amount'
            : 'matches no line of this batch: no transfer to this account of this amount was in the bank file',
        );
        continue;
      }
    }
    const earlier = answeredBy.get(line.sequence);
    if (earlier !== undefined) {
      fail(row, null, `answers line ${line.sequence} again, which row ${earlier} of this file already answered`);
      continue;
    }
    answeredBy.set(line.sequence, row.row);
    if (line.result === null) outcomes.push({ row, sequence: line.sequence, change: row.result });
    else if (sameAnswer(line, row)) outcomes.push({ row, sequence: line.sequence, change: 'UNCHANGED' });
    else {
      const recorded = line.result === 'PAID' ? `成功 (流水号 ${line.bankReference})` : '失败';
      fail(row, 'status', `line ${line.sequence} was already recorded as ${recorded} by an earlier return file; this row says otherwise`);
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, outcomes };
}

const payeeKey = (x: { accountNumber: string; amountFen: number }): string => `${x.accountNumber}/${x.amountFen}`;

const sameAnswer = (line: BatchLineState, row: ReturnRow): boolean =>
  line.result === row.result && (row.result === 'FAILED' || line.bankReference === row.reference);
