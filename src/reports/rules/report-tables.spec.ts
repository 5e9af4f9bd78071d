import { STUDENT_STATUSES } from '../../students/rules/student-status';
import { disbursementTotals, statusCounts } from './cohort-report';
import { cohortReportTables, CohortReportFigures, NO_MAJOR_LABEL, TOTAL_LABEL } from './report-tables';

const placementLine = { proposed: 1, confirmed: 2, declined: 0, graduates: 3, employed: 2, employmentRate: 0.6667 };

const figures = (overrides: Partial<CohortReportFigures['students']> = {}): CohortReportFigures => ({
  students: {
    total: 7,
    byStatus: statusCounts([
      { status: 'APPLIED', students: 4 },
      { status: 'EMPLOYED', students: 3 },
    ]),
    byMajor: [
      { majorCode: 'M01', majorName: '机械加工', capacity: 40, students: 3 },
      { majorCode: null, majorName: null, capacity: null, students: 4 },
    ],
    byHomeCounty: [{ homeProvince: '贵州省', homeCounty: '织金县', students: 7 }],
    ...overrides,
  },
  disbursements: disbursementTotals([{ kind: 'WINTER_FARE', status: 'PAID', lines: 1, amountFen: 150_000 }]),
  placements: {
    byMajor: [{ majorCode: 'M01', majorName: '机械加工', ...placementLine }],
    byEnterprise: [{ enterpriseId: 9, enterpriseName: '长兴示范制造', ...placementLine, employmentRate: null }],
    total: placementLine,
  },
});

const tableOf = (title: string, report = figures()) => cohortReportTables(report).find((t) => t.title.includes(title))!;

describe('cohortReportTables', () => {
  it('makes six tables whose titles are valid sheet names', () => {
    const tables = cohortReportTables(figures());
    expect(tables.map((t) => t.title)).toEqual([
      '学生状态 by status',
      '专业 by major',
      '户籍县 by home county',
      '资助发放 disbursements',
      '就业·专业 placements by major',
      '就业·企业 by enterprise',
    ]);
    for (const t of tables) {
      expect(t.title.length).toBeLessThanOrEqual(31);
      expect(t.title).not.toMatch(/[[\]:*?/\\]/);
    }
  });

  it('gives every row as many cells as the table has columns', () => {
    for (const t of cohortReportTables(figures())) {
      for (const row of t.rows) expect(row).toHaveLength(t.columns.length);
    }
  });

  it('lists every status with its Chinese name and ends with the total', () => {
    const rows = tableOf('by status').rows;
    expect(rows).toHaveLength(STUDENT_STATUSES.length + 1);
    expect(rows[0]).toEqual(['APPLIED', '已报名', 4]);
    expect(rows.at(-1)).toEqual([TOTAL_LABEL, '', 7]);
  });

  it('names the line of students without a major and leaves its capacity empty', () => {
    expect(tableOf('专业 by major').rows).toEqual([
      ['M01', '机械加工', 40, 3],
      [NO_MAJOR_LABEL, '', null, 4],
      [TOTAL_LABEL, '', null, 7],
    ]);
  });

  it('writes money as whole fen in the order lines, total, scheduled, approved, paid, suspended, cancelled', () => {
    const rows = tableOf('disbursements').rows;
    expect(rows[2]).toEqual(['WINTER_FARE', '寒假路费', 1, 150_000, 0, 0, 150_000, 0, 0]);
    expect(rows.at(-1)).toEqual([TOTAL_LABEL, '', 1, 150_000, 0, 0, 150_000, 0, 0]);
  });

  it('keeps rates as fractions in a rate column, null where there is no graduate', () => {
    const byMajor = tableOf('placements by major');
    expect(byMajor.columns.at(-1)!.kind).toBe('rate');
    expect(byMajor.rows.at(-1)).toEqual([TOTAL_LABEL, '', 1, 2, 0, 3, 2, 0.6667]);
    expect(tableOf('by enterprise').rows).toEqual([[9, '长兴示范制造', 1, 2, 0, 3, 2, null]]);
  });

  it('keeps names as stored: the CSV writer neutralises formulas, XLSX stores text cells', () => {
    const report = figures({ byHomeCounty: [{ homeProvince: '=1+1', homeCounty: '@SUM(A1)', students: 7 }] });
    expect(tableOf('by home county', report).rows[0]).toEqual(['=1+1', '@SUM(A1)', 7]);
  });
});
