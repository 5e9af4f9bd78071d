import ExcelJS from 'exceljs';
import { PassThrough, Readable, Writable } from 'node:stream';
import { ExportCell } from './student-export-columns';

export interface XlsxColumn {
  header: string;
  width: number;
}

/**
 * One worksheet written with exceljs's streaming writer: each row is committed (and leaves memory) as soon
 * as it is added. Strings are written as plain text cells, never as formulas, and without a shared-string
 * table, which would otherwise hold every distinct text of the file in memory until the end.
 */
export function writeXlsx(sheetName: string, columns: readonly XlsxColumn[], rows: AsyncIterable<ExportCell[]>): Readable {
  const output = new PassThrough();
  fillWorkbook(output, sheetName, columns, rows).catch((error: unknown) => output.destroy(error as Error));
  return output;
}

async function fillWorkbook(output: PassThrough, sheetName: string, columns: readonly XlsxColumn[], rows: AsyncIterable<ExportCell[]>) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({ width: column.width }));
  const header = sheet.addRow(columns.map((column) => column.header));
  header.font = { bold: true };
  header.commit();
  for await (const row of rows) {
    // The client went away: stop reading from the database.
    if (output.destroyed) return;
    sheet.addRow(row).commit();
    await drained(output);
  }
  sheet.commit();
  await workbook.commit();
}

/** Waits while the reader is behind, so a slow download does not pile the workbook up in memory. */
function drained(stream: Writable): Promise<void> {
  if (!stream.writableNeedDrain || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}
