import ExcelJS from 'exceljs';
import * as iconv from 'iconv-lite';
import { nationalId } from './ids';

export const CHINESE_HEADER = [
  '姓名',
  '身份证号',
  '手机号',
  '户籍省',
  '户籍县',
  '建档立卡',
  '成绩',
  '专业志愿',
  '意向企业统一社会信用代码',
  '监护人姓名',
  '监护人电话',
];
export const ENGLISH_HEADER = [
  'fullName',
  'nationalId',
  'phone',
  'homeProvince',
  'homeCounty',
  'povertyRegistered',
  'examScore',
  'majorPreferences',
  'intendedEnterpriseCreditCode',
  'guardianName',
  'guardianPhone',
];

export type Row = (string | number | boolean | null)[];

let sequence = 0;

/** A fresh valid ID each call: the 3-digit sequence runs 0-999, then the birth date moves on a day. */
function nextNationalId(): string {
  const n = sequence++;
  const birth = new Date(Date.UTC(2003, 6, 1) + Math.floor(n / 1000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  return nationalId(n % 1000, birth);
}

/** A good applicant row in the column order of CHINESE_HEADER / ENGLISH_HEADER. */
export function applicantRow(overrides: Partial<Record<(typeof ENGLISH_HEADER)[number], string | number | boolean | null>> = {}): Row {
  const values: Record<string, string | number | boolean | null> = {
    fullName: '李小龙',
    nationalId: nextNationalId(),
    phone: '13900001111',
    homeProvince: '贵州省',
    homeCounty: '织金县',
    povertyRegistered: '是',
    examScore: '455.5',
    majorPreferences: 'M01;M02',
    intendedEnterpriseCreditCode: '',
    guardianName: '李大山',
    guardianPhone: '13900002222',
    ...overrides,
  };
  return ENGLISH_HEADER.map((field) => values[field]);
}

const quote = (cell: string | number | boolean | null): string => {
  const text = cell === null ? '' : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function csv(header: string[], rows: Row[], options: { bom?: boolean; encoding?: 'utf-8' | 'gb18030' } = {}): Buffer {
  const text = [header, ...rows].map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
  if (options.encoding === 'gb18030') return iconv.encode(text, 'gb18030');
  return Buffer.concat([options.bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
}

/** A workbook whose first sheet holds the rows; a Date becomes a date cell, as Excel stores one typed in. */
export async function xlsx(header: string[], rows: (Row[number] | Date)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('报名表');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
