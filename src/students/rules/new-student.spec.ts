import fc from 'fast-check';
import { CohortFacts, checkNewStudent, NewApplicant, NewStudentCheck } from './new-student';

const TODAY = '2021-03-15';
const facts = (overrides: Partial<CohortFacts> = {}): CohortFacts => ({
  cohortId: 4,
  today: TODAY,
  now: '2021-03-15T02:00:00.000Z',
  eligibility: { homeCounties: ['织金县'], requirePovertyRegistration: true },
  seatsLeft: new Map([
    ['M01', 2],
    ['M02', 0],
  ]),
  takenNationalIds: new Set(),
  knownEnterpriseIds: new Set([9]),
  ...overrides,
});
const applicant = (overrides: Partial<NewApplicant> = {}): NewApplicant => ({
  fullName: '张小燕',
  nationalId: '11010519491231002x',
  phone: '13800001234',
  homeProvince: '贵州省',
  homeCounty: '织金县',
  povertyRegistered: true,
  examScore: 420.5,
  majorPreferences: ['M01', 'M02'],
  intendedEnterpriseId: null,
  guardianName: null,
  guardianPhone: null,
  applicationDate: null,
  status: 'APPLIED',
  statusDate: null,
  majorCode: null,
  bankAccount: null,
  ...overrides,
});
const problemsOf = (result: NewStudentCheck) => (result.ok ? [] : result.problems);
const accepted = (result: NewStudentCheck) => {
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result;
};

describe('checkNewStudent', () => {
  it('makes an APPLIED record on today, with gender and birth date from the ID and the eligibility found', () => {
    const { record, takeover } = accepted(checkNewStudent(applicant({ homeCounty: '昭阳区' }), facts()));
    expect(record).toMatchObject({
      cohortId: 4,
      nationalId: '11010519491231002X',
      gender: 'FEMALE',
      birthDate: '1949-12-31',
      applicationDate: TODAY,
      status: 'APPLIED',
      statusEffectiveDate: TODAY,
      statusReason: null,
      majorCode: null,
      eligible: false,
      ineligibleReasons: [expect.stringContaining('昭阳区')],
      createdAt: '2021-03-15T02:00:00.000Z',
    });
    expect(takeover).toBeNull();
  });

  it('starts the record on an application date in the past, today included', () => {
    expect(accepted(checkNewStudent(applicant({ applicationDate: '2019-04-10' }), facts())).record).toMatchObject({
      applicationDate: '2019-04-10',
      statusEffectiveDate: '2019-04-10',
    });
    expect(accepted(checkNewStudent(applicant({ applicationDate: TODAY }), facts())).record.applicationDate).toBe(TODAY);
  });

  it('refuses an application date after today', () => {
    expect(problemsOf(checkNewStudent(applicant({ applicationDate: '2021-03-16' }), facts()))).toEqual([
      { field: 'applicationDate', message: `must not be after today, ${TODAY}` },
    ]);
  });

  it('reports every problem together: ID, majors, enterprise and date', () => {
    const result = checkNewStudent(
      applicant({
        nationalId: '110105194912310021',
        majorPreferences: ['M01', 'M09', 'X1'],
        intendedEnterpriseId: 8,
        applicationDate: '2022-01-01',
      }),
      facts(),
    );
    expect(problemsOf(result)).toEqual([
      { field: 'nationalId', message: 'is not a valid national ID: check character does not match' },
      { field: 'majorPreferences', message: 'not majors of cohort 4: M09, X1' },
      { field: 'intendedEnterpriseId', message: 'no enterprise 8' },
      { field: 'applicationDate', message: `must not be after today, ${TODAY}` },
    ]);
  });

  it('marks an ID already in the cohort, written with a lower-case x or not, as a duplicate', () => {
    expect(problemsOf(checkNewStudent(applicant(), facts({ takenNationalIds: new Set(['11010519491231002X']) })))).toEqual([
      { field: 'nationalId', message: 'a student with this national ID is already in cohort 4', duplicate: true },
    ]);
  });

  it('refuses a birth date after today', () => {
    expect(problemsOf(checkNewStudent(applicant({ nationalId: '110105202103160022' }), facts()))).toEqual([
      { field: 'nationalId', message: 'is not a valid national ID: birth date 2021-03-16 is in the future' },
    ]);
  });

  describe('a bank account given at intake', () => {
    const account = { bankName: ' 农行织金支行 ', accountName: '张大山', accountNumber: '6228 4800 1000 1230 001' };

    it('is checked against the applicant’s own name and guardian, and kept as digits', () => {
      const result = accepted(checkNewStudent(applicant({ guardianName: '张大山', bankAccount: account }), facts()));
      expect(result.bankAccount).toEqual({ bankName: '农行织金支行', accountName: '张大山', accountNumber: '6228480010001230001' });
    });

    it('is none when not given', () => {
      expect(accepted(checkNewStudent(applicant(), facts())).bankAccount).toBeNull();
    });

    it('is refused for a holder who is neither, with every other problem, each under bankAccount', () => {
      const result = checkNewStudent(
        applicant({ applicationDate: '2022-01-01', bankAccount: { ...account, accountNumber: '12345' } }),
        facts(),
      );
      expect(problemsOf(result)).toEqual([
        { field: 'applicationDate', message: `must not be after today, ${TODAY}` },
        { field: 'bankAccount.accountNumber', message: 'must have 12 to 30 digits (has 5)' },
        { field: 'bankAccount.accountName', message: expect.stringMatching(/^must be the student's name \(张小燕\):/) },
      ]);
    });
  });

  describe('a student taken over', () => {
    it('is recorded as APPLIED on the application date and moved afterwards to the status of the file', () => {
      const result = accepted(
        checkNewStudent(
          applicant({ applicationDate: '2019-04-10', status: 'ENROLLED', statusDate: '2019-09-01', majorCode: 'M01' }),
          facts(),
        ),
      );
      expect(result.record).toMatchObject({ status: 'APPLIED', statusEffectiveDate: '2019-04-10', majorCode: null });
      expect(result.takeover).toEqual({ status: 'ENROLLED', date: '2019-09-01', majorCode: 'M01' });
    });

    it('may be ADMITTED without a major, which then holds no seat', () => {
      expect(accepted(checkNewStudent(applicant({ status: 'ADMITTED', statusDate: TODAY }), facts())).takeover).toEqual({
        status: 'ADMITTED',
        date: TODAY,
        majorCode: null,
      });
    });

    it('needs a status date from the application date to today', () => {
      const at = (statusDate: string | null) =>
        problemsOf(checkNewStudent(applicant({ applicationDate: '2019-04-10', status: 'ADMITTED', statusDate }), facts()));
      expect(at(null)).toEqual([{ field: 'statusDate', message: 'is required for ADMITTED: the day the student became ADMITTED' }]);
      expect(at('2019-04-09')).toEqual([{ field: 'statusDate', message: 'must not be before the application date 2019-04-10' }]);
      expect(at('2021-03-16')).toEqual([{ field: 'statusDate', message: `must not be after today, ${TODAY}` }]);
      expect(at('2019-04-10')).toEqual([]);
      expect(at(TODAY)).toEqual([]);
    });

    it('needs a major of the cohort with a free seat to be ENROLLED', () => {
      const enrolled = (majorCode: string | null) =>
        problemsOf(
          checkNewStudent(applicant({ applicationDate: '2020-04-01', status: 'ENROLLED', statusDate: '2020-09-01', majorCode }), facts()),
        );
      expect(enrolled(null)).toEqual([
        { field: 'majorCode', message: 'is required for ENROLLED: a student needs a major before enrolling' },
      ]);
      expect(enrolled('M09')).toEqual([{ field: 'majorCode', message: 'no major M09 in cohort 4' }]);
      expect(enrolled('M02')).toEqual([{ field: 'majorCode', message: 'major M02 has no free seat' }]);
    });

    it('gives an APPLIED row no other status date than its application, and no major', () => {
      const result = checkNewStudent(applicant({ applicationDate: '2019-04-10', statusDate: '2019-05-01', majorCode: 'M01' }), facts());
      expect(problemsOf(result).map((p) => p.field)).toEqual(['statusDate', 'majorCode']);
      expect(
        accepted(checkNewStudent(applicant({ applicationDate: '2019-04-10', statusDate: '2019-04-10' }), facts())).takeover,
      ).toBeNull();
    });
  });

  it('never accepts a record whose dates run backwards or past today', () => {
    const day = fc.integer({ min: 0, max: 3650 }).map((n) => new Date(Date.UTC(2015, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, fc.constantFrom('APPLIED', 'ADMITTED', 'ENROLLED' as const), (applicationDate, statusDate, status) => {
        const result = checkNewStudent(
          applicant({
            applicationDate,
            status,
            statusDate: status === 'APPLIED' ? null : statusDate,
            majorCode: status === 'APPLIED' ? null : 'M01',
          }),
          facts(),
        );
        if (!result.ok) return;
        expect(result.record.applicationDate <= TODAY).toBe(true);
        if (result.takeover) expect(applicationDate <= result.takeover.date && result.takeover.date <= TODAY).toBe(true);
      }),
    );
  });
});
