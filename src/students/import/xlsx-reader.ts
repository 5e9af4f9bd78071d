import ExcelJS from 'exceljs';
import { pipeline, Readable, Transform, TransformCallback } from 'node:stream';
import { Entry, fromBufferPromise, ZipFile } from 'yauzl';
import { Cell } from '../rules/import-row';
import { SheetRow, SpreadsheetFileError } from './spreadsheet-file';

const MiB = 1024 * 1024;
/** Inflated bytes read from one part of an XLSX file: a 100,000-row sheet of applicants is about 45 MiB. */
export const XLSX_PART_LIMIT_BYTES = 64 * MiB;
/** The shared-string table is held in memory whole (a sheet streams): 100,000 rows of distinct values take about 15 MiB. */
export const XLSX_SHARED_STRINGS_LIMIT_BYTES = 32 * MiB;
/** Inflated bytes read from the whole XLSX file, every part together. */
export const XLSX_TOTAL_LIMIT_BYTES = 100 * MiB;
const SHARED_STRINGS = 'xl/sharedStrings.xml';

/**
 * The parts of exceljs's streaming WorkbookReader used here. Its own zip reading (unzipper) trusts the
 * archive: parts inflate without limit, and a sheet stored before the shared strings goes to a temp file.
 * So yauzl reads the archive, every part through a byte cap, in the order parsing needs (no temp file),
 * and exceljs parses the parts it is handed. These are exceljs 4.4 internals: the XLSX import tests fail
 * if an upgrade changes them.
 */
interface ExcelPartParser {
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { rId: string }[] };
  _parseRels(part: Readable): Promise<void>;
  _parseWorkbook(part: Readable): Promise<void>;
  _parseSharedStrings(part: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(part: Readable, sheetNo: string): Generator<{ value: ExcelJS.stream.xlsx.WorksheetReader }>;
}

const READER_OPTIONS = { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', entries: 'ignore' } as const;

/** The first worksheet's rows, numbered as the spreadsheet shows them. */
export async function* readXlsx(buffer: Buffer): AsyncGenerator<SheetRow> {
  const zip = await fromBufferPromise(buffer, { validateEntrySizes: false }).catch(() => {
    throw damaged();
  });
  const parts = new Set<Readable>();
  try {
    const entries = await entriesByName(zip);
    let inflated = 0;
    const open = async (name: string): Promise<Readable> => {
      const entry = entries.get(name);
      if (!entry) throw damaged();
      const part = capped(await zip.openReadStreamPromise(entry), name, (bytes) => (inflated += bytes));
      parts.add(part);
      return part;
    };
    // The input is never read: parts are handed over one by one.
    const parser = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), READER_OPTIONS) as unknown as ExcelPartParser;
    await parser._parseRels(await open('xl/_rels/workbook.xml.rels'));
    await parser._parseWorkbook(await open('xl/workbook.xml'));
    if (entries.has(SHARED_STRINGS)) {
      for await (const _ of parser._parseSharedStrings(await open(SHARED_STRINGS)));
    }
    const sheet = firstSheetPath(parser);
    for (const { value: worksheet } of parser._parseWorksheet(await open(sheet), sheet.replace(/\D/g, ''))) {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as ExcelJS.CellValue[];
        yield { number: row.number, cells: values.slice(1).map(toCell) };
      }
    }
  } catch (error) {
    if (error instanceof SpreadsheetFileError) throw error;
    throw damaged();
  } finally {
    for (const part of parts) part.destroy();
    zip.close();
  }
}

async function entriesByName(zip: ZipFile): Promise<Map<string, Entry>> {
  const entries = new Map<string, Entry>();
  for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);
  return entries;
}

/** The sheet listed first in the workbook, which is the one a user sees first. */
function firstSheetPath(parser: ExcelPartParser): string {
  const rId = parser.model?.sheets?.[0]?.rId;
  const target = parser.workbookRels?.find((rel) => rel.Id === rId)?.Target;
  if (!target) throw new SpreadsheetFileError('UNREADABLE', 'The XLSX workbook has no worksheet');
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

/** The part's inflated bytes, counted as they come (declared sizes can lie), cut off at the limits. */
function capped(part: Readable, name: string, addToTotal: (bytes: number) => number): Readable {
  const limit = name === SHARED_STRINGS ? XLSX_SHARED_STRINGS_LIMIT_BYTES : XLSX_PART_LIMIT_BYTES;
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      bytes += chunk.length;
      if (bytes > limit) return done(tooLarge(`its part ${name} inflates to more than ${limit / MiB} MiB`));
      if (addToTotal(chunk.length) > XLSX_TOTAL_LIMIT_BYTES)
        return done(tooLarge(`it inflates to more than ${XLSX_TOTAL_LIMIT_BYTES / MiB} MiB`));
      done(null, chunk);
    },
  });
  // Errors reach the parser through `counter`; pipeline only tears both down.
  pipeline(part, counter, () => undefined);
  return counter;
}

const tooLarge = (why: string): SpreadsheetFileError =>
  new SpreadsheetFileError(
    'TOO_LARGE',
    `The XLSX file is refused: ${why} (at most ${XLSX_PART_LIMIT_BYTES / MiB} MiB a part, ${XLSX_SHARED_STRINGS_LIMIT_BYTES / MiB} MiB of shared strings, ${XLSX_TOTAL_LIMIT_BYTES / MiB} MiB in all)`,
  );

const damaged = (): SpreadsheetFileError => new SpreadsheetFileError('UNREADABLE', 'The XLSX workbook could not be read; is it damaged?');

function toCell(value: ExcelJS.CellValue | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return toCell(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  return null;
}
