// Column headers of a county's applicant spreadsheet. Counties write them in Chinese; partner systems
// use the API's field names. Both are accepted, in any order, ignoring case and spaces.

export const IMPORT_FIELDS = [
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
  'applicationDate',
  'status',
  'statusDate',
  'majorCode',
  'bankName',
  'accountName',
  'accountNumber',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

interface FieldHeaders {
  /** The header the exports and error messages use. */
  chinese: string;
  aliases: readonly string[];
  required: boolean;
}

export const FIELD_HEADERS: Record<ImportField, FieldHeaders> = {
  fullName: { chinese: '姓名', aliases: ['学生姓名'], required: true },
  nationalId: { chinese: '身份证号', aliases: ['身份证号码', '身份证'], required: true },
  phone: { chinese: '手机号', aliases: ['手机号码', '联系电话'], required: true },
  homeProvince: { chinese: '户籍省', aliases: ['户籍省份'], required: true },
  homeCounty: { chinese: '户籍县', aliases: ['户籍县区', '户籍县(区)'], required: true },
  povertyRegistered: { chinese: '建档立卡', aliases: ['是否建档立卡', '建档立卡户'], required: true },
  examScore: { chinese: '成绩', aliases: ['中考成绩', '考试成绩'], required: true },
  majorPreferences: { chinese: '专业志愿', aliases: ['志愿专业'], required: true },
  intendedEnterpriseCreditCode: { chinese: '意向企业统一社会信用代码', aliases: ['意向企业信用代码'], required: false },
  guardianName: { chinese: '监护人姓名', aliases: ['监护人'], required: false },
  guardianPhone: { chinese: '监护人电话', aliases: ['监护人手机号', '监护人手机号码'], required: false },
  applicationDate: { chinese: '报名日期', aliases: ['申请日期'], required: false },
  // Taking over a class under way: where each student stands, since when, and in which major.
  status: { chinese: '状态', aliases: ['学籍状态'], required: false },
  statusDate: { chinese: '状态日期', aliases: ['状态生效日期'], required: false },
  majorCode: { chinese: '专业', aliases: ['录取专业', '专业代码'], required: false },
  // The account stipends are transferred to: all three in a row, or none (import-row.ts).
  bankName: { chinese: '开户行', aliases: ['开户银行', '开户行名称'], required: false },
  accountName: { chinese: '户名', aliases: ['账户名', '开户名'], required: false },
  accountNumber: { chinese: '银行卡号', aliases: ['银行账号', '卡号'], required: false },
};

/** How a header row maps onto the fields; `columns[i]` is null for a column that is not read. */
export interface HeaderMapping {
  columns: (ImportField | null)[];
  /** Each column's header as written in the file, for error messages. */
  labels: string[];
  errors: { column: string; message: string }[];
  warnings: { column: string; message: string }[];
}

/** A header as compared: no BOM, no spaces, half-width parentheses, lower case (`户籍县（区）` = `户籍县(区)`). */
export const normaliseHeader = (header: string): string =>
  header
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toLowerCase();

const FIELD_BY_HEADER = new Map<string, ImportField>(
  IMPORT_FIELDS.flatMap((field) =>
    [field, FIELD_HEADERS[field].chinese, ...FIELD_HEADERS[field].aliases].map((h) => [normaliseHeader(h), field]),
  ),
);

/** The label errors use for a field: its Chinese header and its API name. */
export const fieldLabel = (field: ImportField): string => `${FIELD_HEADERS[field].chinese} (${field})`;

export function mapHeader(header: readonly string[]): HeaderMapping {
  const mapping: HeaderMapping = { columns: [], labels: [], errors: [], warnings: [] };
  const seen = new Map<ImportField, string>();
  header.forEach((raw, index) => {
    const label = raw.replace(/^\uFEFF/, '').trim() || `column ${index + 1}`;
    mapping.labels.push(label);
    const field = FIELD_BY_HEADER.get(normaliseHeader(raw));
    if (!raw.trim()) {
      mapping.columns.push(null);
    } else if (!field) {
      mapping.columns.push(null);
      mapping.warnings.push({ column: label, message: 'unknown column; its values were not read' });
    } else if (seen.has(field)) {
      mapping.columns.push(null);
      mapping.errors.push({ column: label, message: `is the same field as column "${seen.get(field)}" (${field})` });
    } else {
      seen.set(field, label);
      mapping.columns.push(field);
    }
  });
  for (const field of IMPORT_FIELDS) {
    if (FIELD_HEADERS[field].required && !seen.has(field)) {
      mapping.errors.push({ column: fieldLabel(field), message: 'required column is missing' });
    }
  }
  return mapping;
}
