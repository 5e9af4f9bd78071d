import { stringify } from 'csv-stringify';
import { stringify as stringifyNow } from 'csv-stringify/sync';
import { pipeline, Readable } from 'node:stream';
import { neutraliseCell } from '../rules/spreadsheet-cell';

/**
 * The text of a CSV cell safe to open in a spreadsheet: every line is neutralised, not only the first,
 * so a name holding a line break (`王\n=1+2`) never puts `=1+2` at the start of a line of the file.
 */
export const csvText = (value: string): string =>
  value
    .split(/(\r\n|\r|\n)/)
    .map((part, i) => (i % 2 ? part : neutraliseCell(part)))
    .join('');

/**
 * CSV as Excel on Windows opens it without an import dialog: a UTF-8 byte-order mark (else Chinese is read
 * as GBK) and CRLF line ends. A cell holding a bare CR or LF is quoted too (csv-stringify quotes only the
 * record delimiter, CRLF), and text is neutralised against formula injection.
 */
const CSV_OPTIONS = { bom: true, record_delimiter: 'windows', quoted_match: /[\r\n]/, cast: { string: csvText } } as const;

export type CsvCell = string | number;

/** Rows are written as they arrive, with backpressure from the reader. */
export function writeCsv(headers: readonly string[], rows: AsyncIterable<CsvCell[]>): Readable {
  const csv = stringify(CSV_OPTIONS);
  // A failure destroys `csv` with the error, which is how the HTTP layer learns of it: nothing to do here.
  pipeline(Readable.from(withHeader(headers, rows)), csv, () => undefined);
  return csv;
}

/** A small CSV built whole, in the same form. */
export function csvBuffer(records: readonly CsvCell[][]): Buffer {
  return Buffer.from(stringifyNow(records as CsvCell[][], CSV_OPTIONS), 'utf8');
}

async function* withHeader(headers: readonly string[], rows: AsyncIterable<CsvCell[]>): AsyncIterable<CsvCell[]> {
  yield [...headers];
  yield* rows;
}
