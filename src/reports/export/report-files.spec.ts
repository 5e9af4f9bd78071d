import ExcelJS from 'exceljs';
import { ReportTable } from '../rules/report-tables';
import { reportCsv, reportXlsx } from './report-files';

const formulaLike: ReportTable = {
  title: '专业 by major',
  columns: [{ header: '名称 name', kind: 'text', width: 12 }],
  rows: [['=旅游服务 Tourism'], ['王\n@SUM(A1)']],
};

const tables: ReportTable[] = [
  {
    title: '学生状态 by status',
    columns: [
      { header: '状态 status', kind: 'text', width: 12 },
      { header: '人数 students', kind: 'number', width: 12 },
    ],
    rows: [['APPLIED', 3]],
  },
  {
    title: '就业 rates',
    columns: [
      { header: '代码 code', kind: 'text', width: 12 },
      { header: '就业率 employment rate', kind: 'rate', width: 12 },
    ],
    rows: [
      ['M01', 0.6667],
      ['M02', null],
    ],
  },
];

describe('reportCsv', () => {
  it('writes a BOM, each table as title, header and rows, an empty line between, CRLF line ends', () => {
    const bytes = reportCsv(tables);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(
      [
        '学生状态 by status',
        '状态 status,人数 students',
        'APPLIED,3',
        '',
        '就业 rates',
        '代码 code,就业率 employment rate',
        'M01,66.7%',
        'M02,',
        '',
      ].join('\r\n'),
    );
  });

  it('neutralises formula-like text on every line of a cell and quotes a cell holding a line break', () => {
    expect(reportCsv([formulaLike]).subarray(3).toString('utf8')).toBe(
      ['专业 by major', '名称 name', "'=旅游服务 Tourism", `"王\n'@SUM(A1)"`, ''].join('\r\n'),
    );
  });
});

describe('reportXlsx', () => {
  it('writes a sheet per table with a bold header, numbers as numbers, rates as fractions shown as percentages and null as an empty cell', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await reportXlsx(tables)) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['学生状态 by status', '就业 rates']);
    const [status, rates] = workbook.worksheets;
    expect(status.getCell('A1').font?.bold).toBe(true);
    expect(status.getCell('B2').value).toBe(3);
    expect(rates.getCell('B2').value).toBe(0.6667);
    expect(rates.getCell('B2').numFmt).toBe('0.0%');
    expect(rates.getCell('B3').value).toBeNull();
  });

  it('writes text as typed, as text cells: no apostrophe, never a formula', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await reportXlsx([formulaLike])) as unknown as ExcelJS.Buffer);
    const cell = workbook.worksheets[0].getCell('A2');
    expect([cell.value, cell.type]).toEqual(['=旅游服务 Tourism', ExcelJS.ValueType.String]);
  });
});
