import fc from 'fast-check';
import {
  addMonths,
  buildSchedule,
  entitlementFen,
  installmentDueDate,
  SchedulePolicy,
  splitInstallments,
  studyYearStart,
  winterFareDueDate,
} from './schedule';

const DEFAULT_POLICY: SchedulePolicy = {
  studyYears: 3,
  educationFundFen: 500000,
  livingAllowanceFen: 500000,
  winterFareFen: 150000,
  educationFundInstallments: 1,
  livingAllowanceInstallments: 1,
};

describe('splitInstallments', () => {
  it('splits into equal whole-fen parts with the remainder on the last', () => {
    expect(splitInstallments(500000, 1)).toEqual([500000]);
    expect(splitInstallments(500000, 3)).toEqual([166666, 166666, 166668]);
    expect(splitInstallments(100, 12)).toEqual([8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 12]);
    expect(splitInstallments(5, 12)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5]);
    expect(splitInstallments(0, 2)).toEqual([0, 0]);
  });

  it('refuses fractions of a fen, negative amounts and counts below one', () => {
    expect(() => splitInstallments(10.5, 2)).toThrow(RangeError);
    expect(() => splitInstallments(-1, 2)).toThrow(RangeError);
    expect(() => splitInstallments(100, 0)).toThrow(RangeError);
    expect(() => splitInstallments(100, 1.5)).toThrow(RangeError);
  });

  it('always gives `count` whole non-negative parts that add up exactly, differing by less than `count` fen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 1, max: 12 }), (total, count) => {
        const parts = splitInstallments(total, count);
        expect(parts).toHaveLength(count);
        expect(parts.every((p) => Number.isInteger(p) && p >= 0)).toBe(true);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        expect(parts[count - 1] - parts[0]).toBeLessThan(count);
      }),
    );
  });
});

describe('schedule dates', () => {
  it('adds months, falling on the last day when the target month is shorter', () => {
    expect(addMonths('2019-09-01', 1)).toBe('2019-10-01');
    expect(addMonths('2019-01-31', 1)).toBe('2019-02-28');
    expect(addMonths('2020-01-31', 1)).toBe('2020-02-29');
    expect(addMonths('2019-01-31', 2)).toBe('2019-03-31');
    expect(addMonths('2019-08-31', 1)).toBe('2019-09-30');
    expect(addMonths('2019-12-15', 1)).toBe('2020-01-15');
    expect(addMonths('2019-11-30', 14)).toBe('2021-01-30');
  });

  it('starts study year y on the (y-1)th anniversary, 29 February on 28 February in common years', () => {
    expect(studyYearStart('2019-09-01', 1)).toBe('2019-09-01');
    expect(studyYearStart('2019-09-01', 3)).toBe('2021-09-01');
    expect(studyYearStart('2020-02-29', 2)).toBe('2021-02-28');
    expect(studyYearStart('2020-02-29', 5)).toBe('2024-02-29');
  });

  it('spreads installments monthly from the start of their study year, counted from the start date', () => {
    expect(installmentDueDate('2019-09-01', 2, 1)).toBe('2020-09-01');
    expect(installmentDueDate('2019-09-01', 1, 5)).toBe('2020-01-01');
    expect(installmentDueDate('2019-08-31', 1, 2)).toBe('2019-09-30');
    expect(installmentDueDate('2019-08-31', 1, 3)).toBe('2019-10-31');
  });

  it('makes the winter fare of year y due on 10 January after the year starts', () => {
    expect(winterFareDueDate('2019-09-01', 1)).toBe('2020-01-10');
    expect(winterFareDueDate('2019-09-01', 3)).toBe('2022-01-10');
    expect(winterFareDueDate('2020-01-05', 1)).toBe('2021-01-10');
  });

  it('keeps every date a real calendar date in order', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }),
        fc.nat(60),
        (start, months) => {
          const from = start.toISOString().slice(0, 10);
          const to = addMonths(from, months);
          expect(new Date(`${to}T00:00:00Z`).toISOString().slice(0, 10)).toBe(to);
          expect(to >= from).toBe(true);
          expect(Number(to.slice(8)) <= Number(from.slice(8))).toBe(true);
        },
      ),
    );
  });
});

describe('buildSchedule', () => {
  it('gives the default policy three years of one education fund, one living allowance and one fare paid by the intended enterprise', () => {
    const lines = buildSchedule(DEFAULT_POLICY, '2019-09-01', 7);
    expect(lines).toEqual([
      {
        kind: 'EDUCATION_FUND',
        studyYear: 1,
        installment: 1,
        dueDate: '2019-09-01',
        amountFen: 500000,
        payer: 'PROGRAM',
        payerEnterpriseId: null,
      },
      {
        kind: 'LIVING_ALLOWANCE',
        studyYear: 1,
        installment: 1,
        dueDate: '2019-09-01',
        amountFen: 500000,
        payer: 'PROGRAM',
        payerEnterpriseId: null,
      },
      {
        kind: 'WINTER_FARE',
        studyYear: 1,
        installment: 1,
        dueDate: '2020-01-10',
        amountFen: 150000,
        payer: 'ENTERPRISE',
        payerEnterpriseId: 7,
      },
      {
        kind: 'EDUCATION_FUND',
        studyYear: 2,
        installment: 1,
        dueDate: '2020-09-01',
        amountFen: 500000,
        payer: 'PROGRAM',
        payerEnterpriseId: null,
      },
      {
        kind: 'LIVING_ALLOWANCE',
        studyYear: 2,
        installment: 1,
        dueDate: '2020-09-01',
        amountFen: 500000,
        payer: 'PROGRAM',
        payerEnterpriseId: null,
      },
      {
        kind: 'WINTER_FARE',
        studyYear: 2,
        installment: 1,
        dueDate: '2021-01-10',
        amountFen: 150000,
        payer: 'ENTERPRISE',
        payerEnterpriseId: 7,
      },
      {
        kind: 'EDUCATION_FUND',
        studyYear: 3,
        installment: 1,
        dueDate: '2021-09-01',
        amountFen: 500000,
        payer: 'PROGRAM',
        payerEnterpriseId: null,
      },
      {
        kind: 'LIVING_ALLOWANCE',
        studyYear: 3,
        installment: 1,
        dueDate: '2021-09-01',
        amountFen: 500000,
        payer: 'PROGRAM',
        payerEnterpriseId: null,
      },
      {
        kind: 'WINTER_FARE',
        studyYear: 3,
        installment: 1,
        dueDate: '2022-01-10',
        amountFen: 150000,
        payer: 'ENTERPRISE',
        payerEnterpriseId: 7,
      },
    ]);
    expect(lines.reduce((sum, l) => sum + l.amountFen, 0)).toBe(3 * (500000 + 500000) + 3 * 150000);
  });

  it('makes the programme pay the fare of a student with no intended enterprise', () => {
    const fares = buildSchedule(DEFAULT_POLICY, '2019-09-01', null).filter((l) => l.kind === 'WINTER_FARE');
    expect(fares.map((l) => [l.payer, l.payerEnterpriseId])).toEqual([
      ['PROGRAM', null],
      ['PROGRAM', null],
      ['PROGRAM', null],
    ]);
  });

  it('gives a government-funded programme with monthly living allowance and no fare its own schedule', () => {
    const changxing: SchedulePolicy = {
      ...DEFAULT_POLICY,
      studyYears: 2,
      winterFareFen: 0,
      livingAllowanceFen: 100000,
      livingAllowanceInstallments: 12,
    };
    const lines = buildSchedule(changxing, '2020-07-31', null);
    expect(lines.filter((l) => l.kind === 'WINTER_FARE')).toEqual([]);
    const allowance = lines.filter((l) => l.kind === 'LIVING_ALLOWANCE' && l.studyYear === 1);
    expect(allowance.map((l) => l.dueDate)).toEqual([
      '2020-07-31',
      '2020-08-31',
      '2020-09-30',
      '2020-10-31',
      '2020-11-30',
      '2020-12-31',
      '2021-01-31',
      '2021-02-28',
      '2021-03-31',
      '2021-04-30',
      '2021-05-31',
      '2021-06-30',
    ]);
    expect(allowance.map((l) => l.amountFen)).toEqual([...Array(11).fill(8333), 8337]);
    expect(lines).toHaveLength(2 * (1 + 12));
  });

  it('schedules exactly the entitlement, one line per kind, year and installment, for any policy', () => {
    const policy = fc.record({
      studyYears: fc.integer({ min: 1, max: 6 }),
      educationFundFen: fc.integer({ min: 0, max: 100_000_000 }),
      livingAllowanceFen: fc.integer({ min: 0, max: 100_000_000 }),
      winterFareFen: fc.integer({ min: 0, max: 100_000_000 }),
      educationFundInstallments: fc.integer({ min: 1, max: 12 }),
      livingAllowanceInstallments: fc.integer({ min: 1, max: 12 }),
    });
    fc.assert(
      fc.property(policy, fc.option(fc.integer({ min: 1, max: 1000 })), (p, enterpriseId) => {
        const lines = buildSchedule(p, '2019-09-01', enterpriseId);
        expect(lines.reduce((sum, l) => sum + l.amountFen, 0)).toBe(entitlementFen(p));
        const keys = lines.map((l) => `${l.kind}/${l.studyYear}/${l.installment}`);
        expect(new Set(keys).size).toBe(keys.length);
      }),
    );
  });
});
