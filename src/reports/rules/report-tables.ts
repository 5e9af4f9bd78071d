// The cohort report as the tables a spreadsheet shows: one definition for the CSV (tables one after
// another) and the XLSX (a sheet each), so both downloads always carry the same figures as the JSON.
import { DisbursementKind } from '../../disbursements/rules/schedule';
import { PlacementReportLine } from '../../placements/rules/placement-report';
import { STATUS_LABELS } from '../../students/export/student-export-columns';
import { CountyCount, DisbursementTotals, MajorCount, MoneyTotals, StatusCount } from './cohort-report';

/** How a writer shows a column: text as typed, counts and fen as whole numbers, rates as percentages. */
export type ColumnKind = 'text' | 'number' | 'rate';

export interface ReportColumn {
  header: string;
  kind: ColumnKind;
  /** Width in characters, for XLSX. */
  width: number;
}

/** Text as stored (the CSV writer neutralises it; XLSX keeps it as text); null is an empty cell (a rate without graduates). */
export type ReportValue = string | number | null;

export interface ReportTable {
  /** The CSV title row and the XLSX sheet name (at most 31 characters, none of `[]:*?/\`). */
  title: string;
  columns: ReportColumn[];
  rows: ReportValue[][];
}

export interface MajorPlacementLine extends PlacementReportLine {
  majorCode: string;
  majorName: string;
}

export interface EnterprisePlacementLine extends PlacementReportLine {
  enterpriseId: number;
  enterpriseName: string;
}

/** The figures of the report, as the JSON answer carries them. */
export interface CohortReportFigures {
  students: { total: number; byStatus: StatusCount[]; byMajor: MajorCount[]; byHomeCounty: CountyCount[] };
  disbursements: DisbursementTotals;
  placements: { byMajor: MajorPlacementLine[]; byEnterprise: EnterprisePlacementLine[]; total: PlacementReportLine };
}

const KIND_LABELS: Record<DisbursementKind, string> = {
  EDUCATION_FUND: '教育资助金',
  LIVING_ALLOWANCE: '生活补助',
  WINTER_FARE: '寒假路费',
};

export const TOTAL_LABEL = '合计 total';
export const NO_MAJOR_LABEL = '未分专业 no major';

const text = (header: string, width = 14): ReportColumn => ({ header, kind: 'text', width });
const number = (header: string, width = 12): ReportColumn => ({ header, kind: 'number', width });
const rate = (header: string): ReportColumn => ({ header, kind: 'rate', width: 20 });

const MONEY_COLUMNS = [
  number('笔数 lines', 10),
  number('合计 total (分 fen)', 18),
  number('待发放 scheduled (分 fen)', 22),
  number('已审批 approved (分 fen)', 22),
  number('已发放 paid (分 fen)', 18),
  number('暂停 suspended (分 fen)', 22),
  number('已取消 cancelled (分 fen)', 22),
];
const money = (m: MoneyTotals): number[] => [m.lines, m.totalFen, m.scheduledFen, m.approvedFen, m.paidFen, m.suspendedFen, m.cancelledFen];

const PLACEMENT_COLUMNS = [
  number('已推荐 proposed'),
  number('已确认 confirmed'),
  number('已婉拒 declined'),
  number('毕业生 graduates'),
  number('已就业 employed'),
  rate('就业率 employment rate'),
];
const placement = (p: PlacementReportLine): ReportValue[] => [
  p.proposed,
  p.confirmed,
  p.declined,
  p.graduates,
  p.employed,
  p.employmentRate,
];

export function cohortReportTables(report: CohortReportFigures): ReportTable[] {
  const { students, disbursements, placements } = report;
  return [
    {
      title: '学生状态 by status',
      columns: [text('状态 status', 12), text('名称 name', 10), number('人数 students')],
      rows: [...students.byStatus.map((s) => [s.status, STATUS_LABELS[s.status], s.students]), [TOTAL_LABEL, '', students.total]],
    },
    {
      title: '专业 by major',
      columns: [text('专业代码 major code', 20), text('专业名称 major name', 30), number('计划人数 capacity'), number('人数 students')],
      rows: [
        ...students.byMajor.map((m) => [m.majorCode === null ? NO_MAJOR_LABEL : m.majorCode, m.majorName ?? '', m.capacity, m.students]),
        [TOTAL_LABEL, '', null, students.total],
      ],
    },
    {
      title: '户籍县 by home county',
      columns: [text('户籍省 province', 14), text('户籍县 county', 14), number('人数 students')],
      rows: [...students.byHomeCounty.map((c) => [c.homeProvince, c.homeCounty, c.students]), [TOTAL_LABEL, '', students.total]],
    },
    {
      title: '资助发放 disbursements',
      columns: [text('类别 kind', 18), text('名称 name', 12), ...MONEY_COLUMNS],
      rows: [
        ...disbursements.byKind.map((k) => [k.kind, KIND_LABELS[k.kind], ...money(k)]),
        [TOTAL_LABEL, '', ...money(disbursements.total)],
      ],
    },
    {
      title: '就业·专业 placements by major',
      columns: [text('专业代码 major code', 20), text('专业名称 major name', 30), ...PLACEMENT_COLUMNS],
      rows: [
        ...placements.byMajor.map((m) => [m.majorCode, m.majorName, ...placement(m)]),
        [TOTAL_LABEL, '', ...placement(placements.total)],
      ],
    },
    {
      title: '就业·企业 by enterprise',
      columns: [number('企业编号 enterprise id', 20), text('企业名称 enterprise name', 36), ...PLACEMENT_COLUMNS],
      rows: placements.byEnterprise.map((e) => [e.enterpriseId, e.enterpriseName, ...placement(e)]),
    },
  ];
}
