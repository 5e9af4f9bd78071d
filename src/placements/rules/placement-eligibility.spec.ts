import fc from 'fast-check';
import { STUDENT_STATUSES } from '../../students/rules/student-status';
import { ProposalKind } from './placement-choice';
import { checkPlacement, checkStartDate, PLACEMENT_STUDENT_STATUS, PlacementApplicant } from './placement-eligibility';

const enrolled = (overrides: Partial<PlacementApplicant> = {}): PlacementApplicant => ({
  id: 7,
  status: 'ENROLLED',
  statusEffectiveDate: '2019-09-01',
  majorCode: 'M01',
  hasOpenPlacement: false,
  ...overrides,
});

describe('checkPlacement', () => {
  it('allows an internship for an ENROLLED student with a major and none open, and answers the major', () => {
    expect(checkPlacement('INTERNSHIP', enrolled(), '2021-07-01')).toEqual({ allowed: true, majorCode: 'M01' });
  });

  it('allows a start on the very day the status took effect', () => {
    expect(checkPlacement('INTERNSHIP', enrolled(), '2019-09-01').allowed).toBe(true);
  });

  it('allows a job for a GRADUATED student only', () => {
    const graduate = enrolled({ status: 'GRADUATED', statusEffectiveDate: '2022-06-30' });
    expect(checkPlacement('EMPLOYMENT', graduate, '2022-07-01').allowed).toBe(true);
    expect(checkPlacement('INTERNSHIP', graduate, '2022-07-01')).toEqual({
      allowed: false,
      refusal: { ground: 'STATUS', code: 'CONFLICT', message: 'A INTERNSHIP placement is for ENROLLED students; student 7 is GRADUATED' },
    });
    expect(checkPlacement('EMPLOYMENT', enrolled(), '2022-07-01')).toEqual({
      allowed: false,
      refusal: { ground: 'STATUS', code: 'CONFLICT', message: 'A EMPLOYMENT placement is for GRADUATED students; student 7 is ENROLLED' },
    });
  });

  it('refuses a second open placement of the type as a duplicate', () => {
    expect(checkPlacement('INTERNSHIP', enrolled({ hasOpenPlacement: true }), '2021-07-01')).toEqual({
      allowed: false,
      refusal: {
        ground: 'OPEN_PLACEMENT',
        code: 'DUPLICATE',
        message: 'Student 7 already has an open INTERNSHIP placement; decline it first',
      },
    });
  });

  it('refuses a student without a major, as quotas are per major', () => {
    expect(checkPlacement('INTERNSHIP', enrolled({ majorCode: null }), '2021-07-01')).toEqual({
      allowed: false,
      refusal: { ground: 'MAJOR', code: 'CONFLICT', message: 'Student 7 has no major, and quotas are offered per major' },
    });
  });

  it('refuses a start date before the status took effect, naming startDate, as the confirmation would', () => {
    const refusal = {
      ground: 'START_DATE',
      code: 'VALIDATION_FAILED',
      field: 'startDate',
      message: "must not be before 2019-09-01, when the student's status ENROLLED took effect",
    };
    expect(checkPlacement('INTERNSHIP', enrolled(), '2019-08-31')).toEqual({ allowed: false, refusal });
    expect(checkStartDate(enrolled(), '2019-08-31')).toEqual(refusal);
  });

  it('gives the first ground that holds: status, then open placement, then major, then date', () => {
    const everything = enrolled({ status: 'SUSPENDED', hasOpenPlacement: true, majorCode: null });
    const ground = (s: PlacementApplicant) => {
      const check = checkPlacement('INTERNSHIP', s, '2019-01-01');
      return check.allowed ? null : check.refusal.ground;
    };
    expect(ground(everything)).toBe('STATUS');
    expect(ground({ ...everything, status: 'ENROLLED' })).toBe('OPEN_PLACEMENT');
    expect(ground({ ...everything, status: 'ENROLLED', hasOpenPlacement: false })).toBe('MAJOR');
    expect(ground({ ...everything, status: 'ENROLLED', hasOpenPlacement: false, majorCode: 'M01' })).toBe('START_DATE');
  });

  describe('properties', () => {
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    const dateArb = fc
      .record({ y: fc.integer({ min: 2000, max: 2100 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
      .map(({ y, m, d }) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
    const kindArb = fc.constantFrom<ProposalKind>('INTERNSHIP', 'EMPLOYMENT');
    const studentArb = fc.record({
      id: fc.integer({ min: 1, max: 1_000_000 }),
      status: fc.constantFrom(...STUDENT_STATUSES, 'ENROLLED', 'GRADUATED'),
      statusEffectiveDate: dateArb,
      majorCode: fc.option(fc.constantFrom('M01', 'M02'), { freq: 4 }),
      hasOpenPlacement: fc.boolean(),
    });

    it('allows exactly the students in the type’s status, with a major, none open, starting on or after their status date', () => {
      fc.assert(
        fc.property(kindArb, studentArb, dateArb, (kind, student, startDate) => {
          const expected =
            student.status === PLACEMENT_STUDENT_STATUS[kind] &&
            !student.hasOpenPlacement &&
            student.majorCode !== null &&
            startDate >= student.statusEffectiveDate;
          expect(checkPlacement(kind, student, startDate).allowed).toBe(expected);
        }),
      );
    });

    it('never allows a proposal whose start date its confirmation would refuse, nor refuses a later start', () => {
      fc.assert(
        fc.property(kindArb, studentArb, dateArb, dateArb, (kind, student, startDate, other) => {
          if (!checkPlacement(kind, student, startDate).allowed) return;
          expect(checkStartDate(student, startDate)).toBeNull();
          const later = other > startDate ? other : startDate;
          expect(checkPlacement(kind, student, later).allowed).toBe(true);
        }),
      );
    });
  });
});
