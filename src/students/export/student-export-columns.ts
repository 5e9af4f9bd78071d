import { maskNationalId } from '../rules/national-id';
import { StudentStatus } from '../rules/student-status';
import { StudentEntity } from '../student.entity';

/** A cell as the writers receive it: numbers stay numbers in XLSX; the CSV writer neutralises text, XLSX stores it as text. */
export type ExportCell = string | number;

export interface StudentExportColumn {
  header: string;
  /** Column width in characters, for XLSX. */
  width: number;
  value: (student: StudentEntity) => ExportCell;
}

/**
 * The status cell is the code followed by its Chinese name, `ADMITTED 已录取`: the code is what the API
 * and the import speak, the name is what staff read. Split on the first space to get the code back.
 */
export const STATUS_LABELS: Record<StudentStatus, string> = {
  APPLIED: '已报名',
  ADMITTED: '已录取',
  WAITLISTED: '候补',
  REJECTED: '未录取',
  ENROLLED: '在读',
  SUSPENDED: '休学',
  INTERNING: '实习中',
  GRADUATED: '已毕业',
  EMPLOYED: '已就业',
  WITHDRAWN: '已退出',
};

const yesNo = (value: boolean): string => (value ? '是' : '否');

/** The one definition of the CSV and XLSX student list: headers and order come from here only. */
export const STUDENT_EXPORT_COLUMNS: readonly StudentExportColumn[] = [
  { header: '学生编号', width: 10, value: (s) => s.id },
  { header: '姓名', width: 12, value: (s) => s.fullName },
  { header: '身份证号', width: 20, value: (s) => maskNationalId(s.nationalId) },
  { header: '性别', width: 6, value: (s) => (s.gender === 'MALE' ? '男' : '女') },
  { header: '出生日期', width: 12, value: (s) => s.birthDate },
  { header: '手机号', width: 16, value: (s) => s.phone },
  { header: '户籍省', width: 10, value: (s) => s.homeProvince },
  { header: '户籍县', width: 10, value: (s) => s.homeCounty },
  { header: '建档立卡', width: 8, value: (s) => yesNo(s.povertyRegistered) },
  { header: '成绩', width: 8, value: (s) => s.examScore },
  { header: '专业志愿', width: 16, value: (s) => s.majorPreferences.join(';') },
  { header: '录取专业', width: 10, value: (s) => s.majorCode ?? '' },
  { header: '状态', width: 16, value: (s) => `${s.status} ${STATUS_LABELS[s.status]}` },
  { header: '意向企业编号', width: 12, value: (s) => s.intendedEnterpriseId ?? '' },
  { header: '监护人姓名', width: 12, value: (s) => s.guardianName ?? '' },
  { header: '监护人电话', width: 16, value: (s) => s.guardianPhone ?? '' },
  { header: '是否符合条件', width: 12, value: (s) => yesNo(s.eligible) },
  { header: '不符合原因', width: 40, value: (s) => s.ineligibleReasons.join('；') },
];

export const STUDENT_EXPORT_HEADERS: readonly string[] = STUDENT_EXPORT_COLUMNS.map((column) => column.header);

/** One student as a row of cells. */
export function toStudentExportRow(student: StudentEntity): ExportCell[] {
  return STUDENT_EXPORT_COLUMNS.map((column) => column.value(student));
}
