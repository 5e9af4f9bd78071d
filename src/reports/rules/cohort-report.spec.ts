import fc from 'fast-check';
import { DISBURSEMENT_KINDS } from '../../disbursements/rules/schedule';
import { LINE_STATUSES } from '../../disbursements/rules/line-status';
import { STUDENT_STATUSES } from '../../students/rules/student-status';
import { countyCounts, disbursementTotals, KindStatusAmount, majorCounts, statusCounts } from './cohort-report';

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

describe('statusCounts', () => {
  it('gives every status of the lifecycle in its order, zeros included', () => {
    expect(
      statusCounts([
        { status: 'EMPLOYED', students: 2 },
        { status: 'APPLIED', students: 5 },
      ]),
    ).toEqual(STUDENT_STATUSES.map((status) => ({ status, students: status === 'APPLIED' ? 5 : status === 'EMPLOYED' ? 2 : 0 })));
  });

  it('keeps the total of the rows', () => {
    const row = fc.record({ status: fc.constantFrom(...STUDENT_STATUSES), students: fc.nat(1000) });
    fc.assert(
      fc.property(fc.array(row), (rows) => {
        const lines = statusCounts(rows);
        expect(lines).toHaveLength(STUDENT_STATUSES.length);
        expect(sum(lines.map((l) => l.students))).toBe(sum(rows.map((r) => r.students)));
      }),
    );
  });
});

describe('majorCounts', () => {
  const majors = [
    { code: 'M01', name: '机械加工', capacity: 40 },
    { code: 'M02', name: '装配钳工', capacity: 30 },
  ];

  it('lists every major with its capacity, a major nobody holds at 0, then the students without a major', () => {
    expect(
      majorCounts(majors, [
        { majorCode: 'M02', students: 3 },
        { majorCode: null, students: 4 },
      ]),
    ).toEqual([
      { majorCode: 'M01', majorName: '机械加工', capacity: 40, students: 0 },
      { majorCode: 'M02', majorName: '装配钳工', capacity: 30, students: 3 },
      { majorCode: null, majorName: null, capacity: null, students: 4 },
    ]);
  });

  it('always ends with the line of students without a major, even at 0', () => {
    expect(majorCounts(majors, []).at(-1)).toEqual({ majorCode: null, majorName: null, capacity: null, students: 0 });
  });

  it('still counts students under a code the cohort does not list, so the lines add up', () => {
    expect(majorCounts([], [{ majorCode: 'X9', students: 2 }])).toEqual([
      { majorCode: 'X9', majorName: null, capacity: null, students: 2 },
      { majorCode: null, majorName: null, capacity: null, students: 0 },
    ]);
  });

  it('keeps the total of the rows', () => {
    const row = fc.record({ majorCode: fc.constantFrom('M01', 'M02', 'M03', null), students: fc.nat(1000) });
    fc.assert(
      fc.property(fc.array(row), (rows) => {
        expect(sum(majorCounts(majors, rows).map((l) => l.students))).toBe(sum(rows.map((r) => r.students)));
      }),
    );
  });
});

describe('countyCounts', () => {
  it('puts the counties with most students first, ties by province then county', () => {
    expect(
      countyCounts([
        { homeProvince: '贵州省', homeCounty: '织金县', students: 3 },
        { homeProvince: '云南省', homeCounty: '鲁甸县', students: 5 },
        { homeProvince: '云南省', homeCounty: '昭阳区', students: 3 },
        { homeProvince: '贵州省', homeCounty: '纳雍县', students: 3 },
      ]).map((c) => `${c.homeCounty}:${c.students}`),
    ).toEqual(['鲁甸县:5', '昭阳区:3', '纳雍县:3', '织金县:3']);
  });

  it('gives the same order whatever order the database answered in', () => {
    const row = fc.record({
      homeProvince: fc.constantFrom('贵州省', '云南省'),
      homeCounty: fc.string(),
      students: fc.integer({ min: 1, max: 50 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(row, { selector: (r) => `${r.homeProvince}|${r.homeCounty}` }), (rows) => {
        expect(countyCounts([...rows].reverse())).toEqual(countyCounts(rows));
      }),
    );
  });
});

describe('disbursementTotals', () => {
  it('adds fen by status for every kind, zeros included, and over every kind', () => {
    const totals = disbursementTotals([
      { kind: 'EDUCATION_FUND', status: 'PAID', lines: 2, amountFen: 1_000_000 },
      { kind: 'EDUCATION_FUND', status: 'SCHEDULED', lines: 4, amountFen: 2_000_000 },
      { kind: 'WINTER_FARE', status: 'CANCELLED', lines: 1, amountFen: 150_000 },
    ]);
    expect(totals.byKind.map((k) => k.kind)).toEqual([...DISBURSEMENT_KINDS]);
    expect(totals.byKind[0]).toEqual({
      kind: 'EDUCATION_FUND',
      lines: 6,
      totalFen: 3_000_000,
      scheduledFen: 2_000_000,
      approvedFen: 0,
      paidFen: 1_000_000,
      suspendedFen: 0,
      cancelledFen: 0,
    });
    expect(totals.byKind[1]).toMatchObject({ lines: 0, totalFen: 0 });
    expect(totals.total).toEqual({
      lines: 7,
      totalFen: 3_150_000,
      scheduledFen: 2_000_000,
      approvedFen: 0,
      paidFen: 1_000_000,
      suspendedFen: 0,
      cancelledFen: 150_000,
    });
  });

  it('makes every total the sum of its parts, in whole fen', () => {
    const row = fc.record<KindStatusAmount>({
      kind: fc.constantFrom(...DISBURSEMENT_KINDS),
      status: fc.constantFrom(...LINE_STATUSES),
      lines: fc.integer({ min: 1, max: 1000 }),
      amountFen: fc.integer({ min: 0, max: 100_000_000 }),
    });
    fc.assert(
      fc.property(fc.array(row), (rows) => {
        const { byKind, total } = disbursementTotals(rows);
        for (const m of [...byKind, total]) {
          expect(m.scheduledFen + m.approvedFen + m.paidFen + m.suspendedFen + m.cancelledFen).toBe(m.totalFen);
          expect(Number.isInteger(m.totalFen)).toBe(true);
        }
        expect(sum(byKind.map((k) => k.totalFen))).toBe(total.totalFen);
        expect(sum(byKind.map((k) => k.lines))).toBe(total.lines);
        expect(total.totalFen).toBe(sum(rows.map((r) => r.amountFen)));
      }),
    );
  });
});
