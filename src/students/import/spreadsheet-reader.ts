import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { Cell } from '../rules/import-row';

export interface UploadedFile {
  buffer: Buffer;
  filename: string;
  mimetype: string;
}

export type CsvEncoding = 'auto' | 'utf-8' | 'gb18030';

/** One row with its number as a spreadsheet shows it (the header is row 1). */
export interface SheetRow {
  number: number;
  cells: Cell[];
}

/** A file that cannot be read as a spreadsheet: 415 when it is another kind of file, 422 when it is broken. */
export class SpreadsheetFileError extends Error {
  constructor(
    readonly kind: 'UNSUPPORTED' | 'UNREADABLE',
    message: string,
  ) {
    super(message);
  }
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const CSV_NAME = /\.(csv|txt)$/i;
const XLSX_NAME = /\.xlsx$/i;
const CSV_TYPES = new Set(['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel', 'text/comma-separated-values']);

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

/** Chinese Excel saves CSV as GB18030 unless told otherwise; a UTF-8 BOM or valid UTF-8 wins. */
export function decodeCsv(buffer: Buffer, encoding: CsvEncoding): string {
  if (buffer.subarray(0, 3).equals(UTF8_BOM)) return buffer.subarray(3).toString('utf8');
  if (encoding === 'gb18030') return new TextDecoder('gb18030').decode(buffer);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    if (encoding === 'utf-8')
      throw new SpreadsheetFileError('UNREADABLE', 'The file is not valid UTF-8; leave out ?encoding or send encoding=gb18030');
    return new TextDecoder('gb18030').decode(buffer);
  }
}

export async function* readSpreadsheet(file: UploadedFile, encoding: CsvEncoding): AsyncGenerator<SheetRow> {
  if (spreadsheetKind(file) === 'xlsx') yield* readXlsx(file.buffer);
  else yield* readCsv(decodeCsv(file.buffer, encoding));
}

async function* readCsv(text: string): AsyncGenerator<SheetRow> {
  // Every record is one spreadsheet row, blank lines included, so its index gives the row number.
  const parser = Readable.from([text]).pipe(parse({ relax_column_count: true, skip_empty_lines: false }));
  let number = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) yield { number: ++number, cells: record };
  } catch (error) {
    throw new SpreadsheetFileError('UNREADABLE', `The CSV file is malformed: ${(error as Error).message}`);
  }
}

async function* readXlsx(buffer: Buffer): AsyncGenerator<SheetRow> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buffer]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  try {
    for await (const worksheet of workbook) {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as ExcelJS.CellValue[];
        yield { number: row.number, cells: values.slice(1).map(toCell) };
      }
      return; // only the first sheet holds applicants
    }
  } catch (error) {
    if (error instanceof SpreadsheetFileError) throw error;
    throw new SpreadsheetFileError('UNREADABLE', 'The XLSX workbook could not be read; is it damaged?');
  }
}

function toCell(value: ExcelJS.CellValue | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return toCell(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  return null;
}
