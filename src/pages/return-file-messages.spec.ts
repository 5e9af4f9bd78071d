import {
  BatchLineState,
  mapReturnHeader,
  matchReturnRows,
  parseReturnRow,
  ReturnFileError,
  ReturnRow,
} from '../payment-batches/rules/return-file';
import { returnFileProblem } from './return-file-messages';

/** A lower-case English word of three letters or more: what an untranslated API message is made of. */
const ENGLISH_WORD = /\b[a-z]{3,}\b/;

const ACCOUNT = '6228480000000000011';
const row = (number: number, cells: Parameters<typeof parseReturnRow>[1]): ReturnFileError[] => {
  const parsed = parseReturnRow(number, cells);
  if (!parsed || parsed.ok) throw new Error(`row ${number} was accepted`);
  return parsed.errors;
};
const good = (number: number, overrides: Partial<ReturnRow> = {}): ReturnRow => ({
  row: number,
  sequence: null,
  accountName: '李明',
  accountNumber: ACCOUNT,
  amountFen: 500000,
  result: 'PAID',
  failureReason: null,
  reference: `B${number}`,
  date: null,
  ...overrides,
});
const lines: BatchLineState[] = [
  { sequence: 1, accountNumber: ACCOUNT, amountFen: 500000, result: null, bankReference: null },
  { sequence: 2, accountNumber: '6228480000000000022', amountFen: 500000, result: 'PAID', bankReference: 'B0' },
  { sequence: 3, accountNumber: '6228480000000000033', amountFen: 500000, result: 'FAILED', bankReference: null },
];
const facts = { today: '2020-03-02', batchDate: '2020-03-01' };
const matched = (rows: ReturnRow[]): ReturnFileError[] => {
  const result = matchReturnRows(rows, lines, facts);
  if (result.ok) throw new Error('the rows matched');
  return result.errors;
};

/** Every problem the return file's own rules report, worded by them. */
function realProblems(): ReturnFileError[] {
  return [
    ...mapReturnHeader(['户名', '账号', '收款账号', '状态']).errors,
    ...row(2, { accountNumber: 6228480000000000011, amount: '五千', status: '处理中', sequence: '第一', date: '2020-13-45' }),
    ...row(3, { accountNumber: '12345', amount: '5000.00', status: '成功', reference: '' }),
    ...row(4, { accountNumber: ACCOUNT, amount: '5000.00', status: '成功', reference: 'R'.repeat(101) }),
    ...matched([good(2, { date: '2020-03-09' })]),
    ...matched([good(2, { date: '2020-02-01' })]),
    ...matched([good(2, { sequence: 9 })]),
    ...matched([good(2, { sequence: 1, amountFen: 1 })]),
    ...matched([good(2), good(3)]),
    ...matched([good(2, { accountNumber: '6228480000000000999' })]),
    ...matched([good(2, { sequence: 1 }), good(3, { sequence: 1 })]),
    ...matched([good(2, { sequence: 2, accountNumber: '6228480000000000022', reference: 'B9' })]),
    ...matched([good(2, { sequence: 3, accountNumber: '6228480000000000033' })]),
    { row: null, column: null, message: 'The file is empty: it has no header row' },
    { row: null, column: null, message: 'The file has a header but no transfer rows' },
    { row: null, column: null, message: 'The file has more than 100,000 rows, more than any batch' },
    { row: null, column: null, message: 'Old .xls workbooks are not read: save the file as .xlsx or CSV (UTF-8)' },
  ];
}

describe('returnFileProblem', () => {
  it('words every problem the return file rules report in Chinese, never falling back and never in English', () => {
    const problems = realProblems();
    expect(problems.length).toBeGreaterThan(20);
    for (const problem of problems) {
      const shown = returnFileProblem('zh', problem);
      const fallback = /请检查$|无法读取该文件/.test(shown.message);
      expect({
        api: problem.message,
        shown,
        fallback,
        english: ENGLISH_WORD.exec(`${shown.column} ${shown.message}`)?.[0] ?? null,
      }).toEqual({
        api: problem.message,
        shown,
        fallback: false,
        english: null,
      });
    }
  });

  it('says the facts of a row: the value the file holds, the line and the earlier answer', () => {
    const [amount] = row(5, { accountNumber: ACCOUNT, amount: '4999.999', status: '成功', reference: 'B1' });
    expect(returnFileProblem('zh', amount)).toEqual({
      row: 5,
      column: '金额',
      message: '应为以元为单位、最多两位小数的金额（文件中为“4999.999”）',
    });
    const [differs] = matched([good(6, { sequence: 1, amountFen: 499999 })]);
    expect(returnFileProblem('zh', differs)).toEqual({
      row: 6,
      column: '整行',
      message: '与本批次序号 1 对不上：账号或金额与银行代发文件不同',
    });
    const [contradicts] = matched([
      good(7, { sequence: 2, accountNumber: '6228480000000000022', result: 'FAILED', reference: null, failureReason: '户名不符' }),
    ]);
    expect(returnFileProblem('zh', contradicts).message).toBe('序号 2 已由先前的回单记为成功（流水号 B0），本行与之不符');
    const [status] = row(8, { accountNumber: ACCOUNT, amount: '1', status: '处理中', reference: 'B1' });
    expect(returnFileProblem('zh', status)).toEqual({
      row: 8,
      column: '状态',
      message: '应为“成功”或“失败”（文件中为“处理中”）：请在银行处理完全部转账后再上传回单',
    });
  });

  it('names a column by its label in the page language, a header of the file as written, and the row or file as a whole', () => {
    expect(returnFileProblem('en', { row: 2, column: '流水号 (reference)', message: 'must be at most 100 characters' })).toEqual({
      row: 2,
      column: 'Bank reference',
      message: 'must be at most 100 characters',
    });
    const [duplicate] = mapReturnHeader(['账号', '收款账号', '金额', '状态']).errors;
    expect(returnFileProblem('zh', duplicate)).toEqual({ row: 1, column: '收款账号', message: '与另一列重复：请只保留一列' });
    expect(returnFileProblem('zh', { row: null, column: null, message: 'The file is empty: it has no header row' }).column).toBe(
      '整个文件',
    );
  });

  it('falls back to a sentence naming the column, the row or the file, never the English', () => {
    expect(returnFileProblem('zh', { row: 3, column: '金额 (amount)', message: 'something new went wrong' }).message).toBe(
      '“金额”列的内容有误，请检查',
    );
    expect(returnFileProblem('zh', { row: 3, column: null, message: 'something new went wrong' }).message).toBe('本行有误，请检查');
    expect(returnFileProblem('zh', { row: null, column: null, message: 'The CSV file is malformed: x' }).message).toBe(
      '无法读取该文件：请上传银行导出的 CSV 或 XLSX 回单',
    );
  });
});
