// The cohort report's figures, put together from the database's GROUP BY answers. Every status and
// every kind gets a line, zeros included, so a chart of two cohorts has the same bars in the same order.
import { DISBURSEMENT_KINDS, DisbursementKind } from '../../disbursements/rules/schedule';
import { emptyTotals, LineStatus, LineTotals, TOTAL_FIELD } from '../../disbursements/rules/line-status';
import { STUDENT_STATUSES, StudentStatus } from '../../students/rules/student-status';

export interface StatusCount {
  status: StudentStatus;
  students: number;
}

export interface MajorRef {
  code: string;
  name: string;
  capacity: number;
}

export interface MajorCount {
  /** null: the students who hold no major (not yet assigned, or rejected). */
  majorCode: string | null;
  majorName: string | null;
  capacity: number | null;
  students: number;
}

export interface CountyCount {
  homeProvince: string;
  homeCounty: string;
  students: number;
}

export interface KindStatusAmount {
  kind: DisbursementKind;
  status: LineStatus;
  lines: number;
  amountFen: number;
}

export interface MoneyTotals extends LineTotals {
  /** Every line whatever its status: the five status figures add up to it. */
  totalFen: number;
  lines: number;
}

export interface KindTotals extends MoneyTotals {
  kind: DisbursementKind;
}

export interface DisbursementTotals {
  byKind: KindTotals[];
  total: MoneyTotals;
}

/** One line per status of the lifecycle, in its order. */
export function statusCounts(rows: readonly StatusCount[]): StatusCount[] {
  const counts = new Map<StudentStatus, number>();
  for (const row of rows) counts.set(row.status, (counts.get(row.status) ?? 0) + row.students);
  return STUDENT_STATUSES.map((status) => ({ status, students: counts.get(status) ?? 0 }));
}

/** One line per major of the cohort in the order given (a major nobody holds shows 0), then the students without one. */
export function majorCounts(majors: readonly MajorRef[], rows: readonly { majorCode: string | null; students: number }[]): MajorCount[] {
  const counts = new Map<string | null, number>();
  for (const row of rows) counts.set(row.majorCode, (counts.get(row.majorCode) ?? 0) + row.students);
  const known = new Set(majors.map((m) => m.code));
  const lines: MajorCount[] = majors.map((m) => ({
    majorCode: m.code,
    majorName: m.name,
    capacity: m.capacity,
    students: counts.get(m.code) ?? 0,
  }));
  // A code the cohort no longer lists still counts, so the lines always add up to the cohort.
  for (const [code, students] of counts) {
    if (code !== null && !known.has(code)) lines.push({ majorCode: code, majorName: null, capacity: null, students });
  }
  lines.push({ majorCode: null, majorName: null, capacity: null, students: counts.get(null) ?? 0 });
  return lines;
}

/** Counties with most students first; ties by province, then county, in code-point order so the order never depends on a locale. */
export function countyCounts(rows: readonly CountyCount[]): CountyCount[] {
  const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...rows]
    .filter((row) => row.students > 0)
    .sort((a, b) => b.students - a.students || byCode(a.homeProvince, b.homeProvince) || byCode(a.homeCounty, b.homeCounty));
}

const emptyMoney = (): MoneyTotals => ({ ...emptyTotals(), totalFen: 0, lines: 0 });

/** Fen by status for every kind, and over every kind. */
export function disbursementTotals(rows: readonly KindStatusAmount[]): DisbursementTotals {
  const byKind = DISBURSEMENT_KINDS.map((kind): KindTotals => ({ kind, ...emptyMoney() }));
  const total = emptyMoney();
  for (const row of rows) {
    for (const target of [byKind[DISBURSEMENT_KINDS.indexOf(row.kind)], total]) {
      target[TOTAL_FIELD[row.status]] += row.amountFen;
      target.totalFen += row.amountFen;
      target.lines += row.lines;
    }
  }
  return { byKind, total };
}
