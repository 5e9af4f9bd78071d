import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { ImportProblemDto } from './import-report.dto';
import { guessCsvEncoding } from './rules/csv-encoding';
import { SheetRow, SpreadsheetFileError, UploadedFile } from './spreadsheet-file';
import { readXlsx } from './xlsx-reader';

export type CsvEncoding = 'auto' | 'utf-8' | 'gb18030';

/** The rows of an uploaded spreadsheet, and what is worth a warning about how it was read. */
export interface OpenedSpreadsheet {
  rows: AsyncIterable<SheetRow>;
  warnings: ImportProblemDto[];
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const CSV_NAME = /\.(csv|txt)$/i;
const XLSX_NAME = /\.xlsx$/i;
const CSV_TYPES = new Set(['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel', 'text/comma-separated-values']);
/** Characters handed to the CSV parser at a time: it parses a chunk in one go, which for one-letter rows is 2,000 records. */
const CSV_CHUNK_CHARS = 4096;

export function spreadsheetKind(file: UploadedFile): 'csv' | 'xlsx' {
  if (!file.buffer.length) throw new SpreadsheetFileError('UNREADABLE', 'The file is empty');
  const head = file.buffer.subarray(0, 4);
  if (head.equals(ZIP)) return 'xlsx';
  if (head.equals(OLE))
    throw new SpreadsheetFileError('UNSUPPORTED', 'Old .xls workbooks are not read: save the file as .xlsx or CSV (UTF-8)');
  if (XLSX_NAME.test(file.filename)) throw new SpreadsheetFileError('UNREADABLE', 'The file is named .xlsx but is not an XLSX workbook');
  const looksBinary = file.buffer.subarray(0, 4096).includes(0);
  if ((CSV_NAME.test(file.filename) || CSV_TYPES.has(file.mimetype)) && !looksBinary) return 'csv';
  throw new SpreadsheetFileError('UNSUPPORTED', 'Upload a CSV (.csv) or Excel (.xlsx) file');
}

/** A UTF-8 BOM or `?encoding` decides; otherwise the reading that looks like Chinese (src/students/import/rules/csv-encoding.ts). */
export function decodeCsv(buffer: Buffer, encoding: CsvEncoding): { text: string; warnings: ImportProblemDto[] } {
  if (buffer.subarray(0, 3).equals(UTF8_BOM)) return { text: buffer.subarray(3).toString('utf8'), warnings: [] };
  let gb18030: string | undefined;
  const asGb18030 = (): string => (gb18030 ??= new TextDecoder('gb18030').decode(buffer));
  if (encoding === 'gb18030') return { text: asGb18030(), warnings: [] };
  let asUtf8: string | null = null;
  try {
    asUtf8 = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    if (encoding === 'utf-8')
      throw new SpreadsheetFileError('UNREADABLE', 'The file is not valid UTF-8; leave out ?encoding or send encoding=gb18030');
  }
  if (encoding === 'utf-8') return { text: asUtf8!, warnings: [] };
  const guess = guessCsvEncoding(asUtf8, asGb18030);
  const text = guess.encoding === 'utf-8' ? asUtf8! : asGb18030();
  if (!guess.doubtful) return { text, warnings: [] };
  const message =
    `the file was read as ${guess.encoding.toUpperCase()}, the encoding in which it looks most like Chinese text; ` +
    'if names look wrong, send ?encoding=utf-8 or ?encoding=gb18030 to force one';
  return { text, warnings: [{ row: null, column: null, message }] };
}

export function openSpreadsheet(file: UploadedFile, encoding: CsvEncoding): OpenedSpreadsheet {
  if (spreadsheetKind(file) === 'xlsx') return { rows: readXlsx(file.buffer), warnings: [] };
  const { text, warnings } = decodeCsv(file.buffer, encoding);
  return { rows: readCsv(text), warnings };
}

async function* readCsv(text: string): AsyncGenerator<SheetRow> {
  // Every record is one spreadsheet row, blank lines included, so its index gives the row number.
  const parser = Readable.from(chunks(text)).pipe(parse({ relax_column_count: true, skip_empty_lines: false }));
  let number = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) yield { number: ++number, cells: record };
  } catch (error) {
    throw new SpreadsheetFileError('UNREADABLE', `The CSV file is malformed: ${(error as Error).message}`);
  } finally {
    parser.destroy();
  }
}

function* chunks(text: string): Generator<string> {
  for (let start = 0; start < text.length;) {
    let end = Math.min(start + CSV_CHUNK_CHARS, text.length);
    // Never split a surrogate pair (a character beyond U+FFFF) between two chunks.
    if (end < text.length && /[\ud800-\udbff]/.test(text[end - 1])) end++;
    yield text.slice(start, end);
    start = end;
  }
}
