import { RETURN_FIELDS, ReturnField } from '../payment-batches/rules/return-file';
import { Lang, translate } from './i18n';

/** A problem of a bank return file as the API reports it (ReturnFileService): English by design. */
export interface ReturnFileProblem {
  row: number | null;
  column: string | null;
  message: string;
}

/** The same problem as a page shows it: the column by its name in the page's language, the message in words. */
export interface ShownReturnProblem {
  row: number | null;
  column: string;
  message: string;
}

type Rule = [RegExp, (match: RegExpExecArray) => [string, Record<string, string>?]];

/**
 * The known message shapes of src/payment-batches/rules/return-file.ts and return-file.service.ts (and the
 * spreadsheet reader's file-wide ones), each with its text in the page's language.
 */
const RULES: Rule[] = [
  [/^a second .+ column$/, () => ['batch.return.duplicateColumn']],
  [/^required column is missing$/, () => ['batch.return.missingColumn']],
  [/^is stored as a number/, () => ['batch.return.accountAsNumber']],
  [/^must be an account number of (\d+) to (\d+) digits$/, (m) => ['batch.return.accountDigits', { min: m[1], max: m[2] }]],
  [/^must be an amount in yuan with at most two decimals \(got "(.*)"\)$/, (m) => ['batch.return.amount', { got: m[1] }]],
  [/^must be 成功 or 失败 \(got "(.*)"\)/, (m) => ['batch.return.status', { got: m[1] }]],
  [/^must be at most (\d+) characters$/, (m) => ['batch.return.maxLength', { n: m[1] }]],
  [/^is required for a successful transfer/, () => ['batch.return.referenceRequired']],
  [/^must be a row number of the bank file \(got "(.*)"\)$/, (m) => ['batch.return.sequence', { got: m[1] }]],
  [/^must be a date such as .+ \(got "(.*)"\)$/, (m) => ['batch.return.date', { got: m[1] }]],
  [/^must not be after today, (\S+)$/, (m) => ['batch.return.afterToday', { date: m[1] }]],
  [/^must not be before the batch was made, (\S+)$/, (m) => ['batch.return.beforeBatch', { date: m[1] }]],
  [/^the batch has no line (\d+) \(it has (\d+)\)$/, (m) => ['batch.return.noSuchLine', { n: m[1], count: m[2] }]],
  [/^does not match line (\d+) of the batch/, (m) => ['batch.return.differs', { n: m[1] }]],
  [/^answers a transfer that other rows of this file already answered/, () => ['batch.return.answeredByOthers']],
  [/^matches no line of this batch/, () => ['batch.return.noMatch']],
  [
    /^answers line (\d+) again, which row (\d+) of this file already answered$/,
    (m) => ['batch.return.answeredTwice', { n: m[1], row: m[2] }],
  ],
  [
    /^line (\d+) was already recorded as 成功 \(流水号 (.*)\) by an earlier return file/,
    (m) => ['batch.return.contradictsPaid', { n: m[1], reference: m[2] }],
  ],
  [/^line (\d+) was already recorded as 失败 by an earlier return file/, (m) => ['batch.return.contradictsFailed', { n: m[1] }]],
  [/^The file is empty/, () => ['batch.return.empty']],
  [/^The file has a header but no transfer rows$/, () => ['batch.return.noRows']],
  [/^The file has more than ([\d,]+) rows/, (m) => ['batch.return.tooManyRows', { n: m[1] }]],
  [/^Old \.xls workbooks are not read/, () => ['batch.return.xls']],
];

/** `账号 (accountNumber)`, as the API names a column it knows. */
const KNOWN_COLUMN = /^\S+ \((\w+)\)$/;

/** The column in the page's language: a field the API knows by its label, a header of the file as the file wrote it. */
function columnOf(lang: Lang, problem: ReturnFileProblem): string {
  if (problem.column === null) return translate(lang, problem.row === null ? 'batch.return.wholeFile' : 'batch.return.wholeRow');
  const field = KNOWN_COLUMN.exec(problem.column)?.[1];
  if (field && RETURN_FIELDS.includes(field as ReturnField)) return translate(lang, `batchField.${field}`);
  return problem.column;
}

/**
 * One problem of a return file in the page's language: a known shape by pattern, otherwise a sentence naming
 * the column, the row or the file. The API's English text is never shown.
 */
export function returnFileProblem(lang: Lang, problem: ReturnFileProblem): ShownReturnProblem {
  const column = columnOf(lang, problem);
  for (const [pattern, text] of RULES) {
    const match = pattern.exec(problem.message);
    if (match) {
      const [key, params] = text(match);
      return { row: problem.row, column, message: translate(lang, key, params) };
    }
  }
  const fallback = problem.column !== null ? 'batch.return.column' : problem.row !== null ? 'batch.return.row' : 'batch.return.unreadable';
  return { row: problem.row, column, message: translate(lang, fallback, { column }) };
}
