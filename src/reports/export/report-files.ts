import ExcelJS from 'exceljs';
import { formatRate } from '../../placements/rules/placement-report';
import { csvBuffer } from '../../students/export/csv-writer';
import { ReportColumn, ReportTable, ReportValue } from '../rules/report-tables';

// A report is a few hundred cells at most (counties are its longest table), so files are built whole in memory.

const csvCell = (column: ReportColumn, value: ReportValue): string | number =>
  column.kind === 'rate' ? formatRate(value as number | null) : (value ?? '');

/** The tables one after another, each as a title row, a header row and its rows, with an empty line between. */
export function reportCsv(tables: readonly ReportTable[]): Buffer {
  const records: (string | number)[][] = [];
  tables.forEach((table, i) => {
    if (i > 0) records.push([]);
    records.push(
      [table.title],
      table.columns.map((c) => c.header),
    );
    for (const row of table.rows) records.push(row.map((value, j) => csvCell(table.columns[j], value)));
  });
  return csvBuffer(records);
}

/** A sheet per table, header row frozen; numbers stay numbers, rates are fractions shown as percentages. */
export async function reportXlsx(tables: readonly ReportTable[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.title, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.columns.map((c) => ({ width: c.width, style: c.kind === 'rate' ? { numFmt: '0.0%' } : {} }));
    sheet.addRow(table.columns.map((c) => c.header)).font = { bold: true };
    // Strings go in as plain values: exceljs writes a formula only for a { formula } object.
    for (const row of table.rows) sheet.addRow(row.map((value) => (value === null || value === '' ? undefined : value)));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
