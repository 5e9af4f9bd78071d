import { DisbursementLineEntity } from '../src/disbursements/disbursement-line.entity';
import { saveCohortWithMajors, saveEnterprise } from './factories/reference-data';
import { saveStudent } from './factories/students';
import { bearer, createTestApp, fieldsOf, fixClock, loginAdmin, signInAs, TestApp } from './utils/test-app';

type Line = {
  id: number;
  kind: string;
  studyYear: number;
  dueDate: string;
  payer: string;
  status: string;
  paidAt: string | null;
  reference: string | null;
};

/** The start of a business date in Asia/Shanghai, as the API answers instants. */
const startInBeijing = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString();

describe('Recording payments made before the system was used (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let adminId: number;
  let staff: string;
  let enterpriseId: number;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
    adminId = (await t.http().get('/api/auth/me').set(bearer(admin)).expect(200)).body.id;
    staff = await signInAs(t, 'staff');
    enterpriseId = (await saveEnterprise(t.dataSource)).id;
  }, 30_000);
  afterAll(() => t.close());

  /** A 2019 class (start 2019-09-01, three years, fares due each 10 January) with no students yet. */
  const cohort = async () => (await saveCohortWithMajors(t.dataSource)).cohort.id;
  const move = (id: number, body: Record<string, unknown>) =>
    t.http().post(`/api/students/${id}/status`).set(bearer(staff)).send(body).expect(200);
  /** Applied in spring 2019, admitted in July and enrolled on 1 September 2019, which creates the schedule. */
  const enrolled = async (cohortId: number, overrides: { intendedEnterpriseId?: number | null } = {}): Promise<number> => {
    const student = await saveStudent(t.dataSource, cohortId, {
      applicationDate: '2019-04-01',
      status: 'ADMITTED',
      majorCode: 'M01',
      intendedEnterpriseId: enterpriseId,
      statusEffectiveDate: '2019-07-15',
      ...overrides,
    });
    await move(student.id, { status: 'ENROLLED', effectiveDate: '2019-09-01' });
    return student.id;
  };
  const linesOf = async (studentId: number): Promise<Line[]> =>
    (await t.http().get(`/api/students/${studentId}/disbursements`).set(bearer(admin)).expect(200)).body.items;
  const states = async (studentId: number) => (await linesOf(studentId)).map((l) => [l.kind, l.dueDate, l.payer, l.status]);
  const pay = (lineId: number, key: string, paidAt: string, reference: string) =>
    t.http().post(`/api/disbursements/${lineId}/pay`).set(bearer(staff)).set('Idempotency-Key', key).send({ paidAt, reference });
  const record = (cohortId: number, body: Record<string, unknown>, token = admin) =>
    t.http().post(`/api/cohorts/${cohortId}/disbursements/record-history`).set(bearer(token)).send(body);
  const auditOf = async (entityType: string, entityId: number) =>
    (await t.http().get(`/api/audit?entityType=${entityType}&entityId=${entityId}`).set(bearer(admin)).expect(200)).body.items as Array<
      Record<string, any>
    >;
  const HISTORY = { paidBefore: '2020-09-01', reference: '2019–2020 ledger, 财务科' };

  it('marks every unpaid programme line due before the date as paid on its due date, and leaves the rest', async () => {
    const cohortId = await cohort();
    const plain = await enrolled(cohortId);
    const ownFare = await enrolled(cohortId, { intendedEnterpriseId: null });
    const approvedLine = await enrolled(cohortId);
    const firstApproved = (await linesOf(approvedLine))[0];
    await t.http().post(`/api/disbursements/${firstApproved.id}/approve`).set(bearer(staff)).expect(200);
    const paidAlready = await enrolled(cohortId);
    const firstPaid = (await linesOf(paidAlready))[0];
    await t.http().post(`/api/disbursements/${firstPaid.id}/approve`).set(bearer(staff)).expect(200);
    await pay(firstPaid.id, 'icbc-1', '2019-09-03T02:00:00Z', 'ICBC 0001').expect(200);
    const otherCohortStudent = await enrolled(await cohort());

    expect((await record(cohortId, HISTORY).expect(200)).body).toEqual({ recorded: 2 + 3 + 2 + 1 });

    expect(await states(plain)).toEqual([
      ['EDUCATION_FUND', '2019-09-01', 'PROGRAM', 'PAID'],
      ['LIVING_ALLOWANCE', '2019-09-01', 'PROGRAM', 'PAID'],
      ['WINTER_FARE', '2020-01-10', 'ENTERPRISE', 'SCHEDULED'],
      ['EDUCATION_FUND', '2020-09-01', 'PROGRAM', 'SCHEDULED'],
      ['LIVING_ALLOWANCE', '2020-09-01', 'PROGRAM', 'SCHEDULED'],
      ['WINTER_FARE', '2021-01-10', 'ENTERPRISE', 'SCHEDULED'],
      ['EDUCATION_FUND', '2021-09-01', 'PROGRAM', 'SCHEDULED'],
      ['LIVING_ALLOWANCE', '2021-09-01', 'PROGRAM', 'SCHEDULED'],
      ['WINTER_FARE', '2022-01-10', 'ENTERPRISE', 'SCHEDULED'],
    ]);
    expect((await states(ownFare)).slice(0, 4)).toEqual([
      ['EDUCATION_FUND', '2019-09-01', 'PROGRAM', 'PAID'],
      ['LIVING_ALLOWANCE', '2019-09-01', 'PROGRAM', 'PAID'],
      ['WINTER_FARE', '2020-01-10', 'PROGRAM', 'PAID'],
      ['EDUCATION_FUND', '2020-09-01', 'PROGRAM', 'SCHEDULED'],
    ]);
    const fare = (await linesOf(ownFare))[2];
    expect(fare).toMatchObject({ paidAt: startInBeijing('2020-01-10'), reference: HISTORY.reference, statusCause: null });
    expect((await linesOf(approvedLine))[0]).toMatchObject({ status: 'PAID', paidAt: startInBeijing('2019-09-01') });
    expect((await linesOf(paidAlready))[0]).toMatchObject({ status: 'PAID', paidAt: '2019-09-03T02:00:00.000Z', reference: 'ICBC 0001' });
    expect((await linesOf(paidAlready))[1]).toMatchObject({ status: 'PAID', reference: HISTORY.reference });
    expect((await states(otherCohortStudent)).every(([, , , status]) => status === 'SCHEDULED')).toBe(true);
    const row = await t.dataSource.getRepository(DisbursementLineEntity).findOneByOrFail({ id: fare.id });
    expect([row.paidBy, row.approvedAt]).toEqual([adminId, null]);
  });

  it('leaves held and cancelled lines alone: they were not paid', async () => {
    const cohortId = await cohort();
    const suspended = await enrolled(cohortId, { intendedEnterpriseId: null });
    await move(suspended, { status: 'SUSPENDED', reason: '因病休学', effectiveDate: '2019-12-01' });
    const withdrawn = await enrolled(cohortId, { intendedEnterpriseId: null });
    await move(withdrawn, { status: 'WITHDRAWN', reason: '转学', effectiveDate: '2019-10-01' });

    expect((await record(cohortId, HISTORY).expect(200)).body).toEqual({ recorded: 4 });
    expect((await states(suspended)).slice(0, 4)).toEqual([
      ['EDUCATION_FUND', '2019-09-01', 'PROGRAM', 'PAID'],
      ['LIVING_ALLOWANCE', '2019-09-01', 'PROGRAM', 'PAID'],
      ['WINTER_FARE', '2020-01-10', 'PROGRAM', 'SUSPENDED'],
      ['EDUCATION_FUND', '2020-09-01', 'PROGRAM', 'SUSPENDED'],
    ]);
    expect((await states(withdrawn)).slice(0, 3)).toEqual([
      ['EDUCATION_FUND', '2019-09-01', 'PROGRAM', 'PAID'],
      ['LIVING_ALLOWANCE', '2019-09-01', 'PROGRAM', 'PAID'],
      ['WINTER_FARE', '2020-01-10', 'PROGRAM', 'CANCELLED'],
    ]);
  });

  it('pays lines a return restored, once the student is back', async () => {
    const cohortId = await cohort();
    const returned = await enrolled(cohortId, { intendedEnterpriseId: null });
    await move(returned, { status: 'SUSPENDED', effectiveDate: '2019-12-01' });
    await move(returned, { status: 'ENROLLED', effectiveDate: '2020-03-01' });
    expect((await record(cohortId, HISTORY).expect(200)).body).toEqual({ recorded: 3 });
    expect((await linesOf(returned))[2]).toMatchObject({ kind: 'WINTER_FARE', status: 'PAID', statusCause: null, statusReason: null });
  });

  it('audits each line like a payment, marked as history, and the cohort once; a second run records nothing', async () => {
    const cohortId = await cohort();
    const student = await enrolled(cohortId);
    const [first] = await linesOf(student);
    await record(cohortId, HISTORY).expect(200);

    expect(await auditOf('disbursement', first.id)).toEqual([
      expect.objectContaining({
        actorId: adminId,
        action: 'disbursement.paid',
        before: { status: 'SCHEDULED' },
        after: {
          status: 'PAID',
          paidAt: startInBeijing('2019-09-01'),
          paidBy: adminId,
          reference: HISTORY.reference,
          statusChangedAt: expect.any(String),
          statusCause: null,
          statusReason: null,
          statusEffectiveDate: null,
          history: true,
        },
      }),
    ]);
    const cohortEntries = () => auditOf('cohort', cohortId);
    expect(await cohortEntries()).toEqual([
      expect.objectContaining({
        actorId: adminId,
        action: 'disbursements.history-recorded',
        after: { paidBefore: '2020-09-01', reference: HISTORY.reference, payer: 'PROGRAM', recorded: 2 },
      }),
    ]);

    expect((await record(cohortId, { ...HISTORY, reference: 'again' }).expect(200)).body).toEqual({ recorded: 0 });
    expect(await cohortEntries()).toHaveLength(1);
    expect(await auditOf('disbursement', first.id)).toHaveLength(1);
    expect((await linesOf(student))[0].reference).toBe(HISTORY.reference);
  });

  it('records the enterprises’ fares with payer ENTERPRISE, and only those', async () => {
    const cohortId = await cohort();
    const student = await enrolled(cohortId);
    const res = await record(cohortId, { paidBefore: '2021-09-01', reference: '企业确认 2021-08', payer: 'ENTERPRISE' }).expect(200);
    expect(res.body).toEqual({ recorded: 2 });
    expect((await states(student)).map(([kind, due, , status]) => `${kind} ${due} ${status}`)).toEqual([
      'EDUCATION_FUND 2019-09-01 SCHEDULED',
      'LIVING_ALLOWANCE 2019-09-01 SCHEDULED',
      'WINTER_FARE 2020-01-10 PAID',
      'EDUCATION_FUND 2020-09-01 SCHEDULED',
      'LIVING_ALLOWANCE 2020-09-01 SCHEDULED',
      'WINTER_FARE 2021-01-10 PAID',
      'EDUCATION_FUND 2021-09-01 SCHEDULED',
      'LIVING_ALLOWANCE 2021-09-01 SCHEDULED',
      'WINTER_FARE 2022-01-10 SCHEDULED',
    ]);
    expect((await auditOf('cohort', cohortId))[0].after).toMatchObject({ payer: 'ENTERPRISE', recorded: 2 });
  });

  it('pays a line once when a single payment races the run', async () => {
    const cohortId = await cohort();
    const student = await enrolled(cohortId);
    const [line] = await linesOf(student);
    await t.http().post(`/api/disbursements/${line.id}/approve`).set(bearer(staff)).expect(200);
    const [single, history] = await Promise.all([pay(line.id, 'race-1', '2019-09-05T02:00:00Z', 'ICBC race'), record(cohortId, HISTORY)]);
    expect(history.status).toBe(200);
    expect([200, 409]).toContain(single.status);
    expect(history.body.recorded).toBe(single.status === 200 ? 1 : 2);
    const paid = (await auditOf('disbursement', line.id)).filter((e) => e.action === 'disbursement.paid');
    expect(paid).toHaveLength(1);
    expect((await linesOf(student))[0].reference).toBe(single.status === 200 ? 'ICBC race' : HISTORY.reference);
  });

  it('takes a date up to today’s business date, not after, in the business time zone', async () => {
    const cohortId = await cohort();
    await enrolled(cohortId);
    // 00:30 on 1 September 2020 in Beijing, still 31 August in UTC.
    const clock = fixClock(t, '2020-08-31T16:30:00Z');
    try {
      const tomorrow = await record(cohortId, { ...HISTORY, paidBefore: '2020-09-02' }).expect(400);
      expect(fieldsOf(tomorrow.body)).toEqual(['paidBefore']);
      expect(tomorrow.body.message).toBe("paidBefore: must not be after 2020-09-01, today's business date (Asia/Shanghai)");
      expect((await record(cohortId, HISTORY).expect(200)).body).toEqual({ recorded: 2 });
    } finally {
      clock.mockRestore();
    }
  });

  it('names every bad field', async () => {
    const cohortId = await cohort();
    const bad = await record(cohortId, { paidBefore: '2020-02-30', reference: '   ', payer: 'STUDENT', extra: 1 }).expect(400);
    expect(fieldsOf(bad.body)).toEqual(['extra', 'paidBefore', 'payer', 'reference']);
    expect(fieldsOf((await record(cohortId, {}).expect(400)).body)).toEqual(['paidBefore', 'reference']);
    expect(fieldsOf((await record(cohortId, { ...HISTORY, reference: 'x'.repeat(101) }).expect(400)).body)).toEqual(['reference']);
    expect(fieldsOf((await record(cohortId, { ...HISTORY, paidBefore: '1999-12-31' }).expect(400)).body)).toEqual(['paidBefore']);
  });

  it('is for the admin only, and answers 404 for an unknown cohort', async () => {
    const cohortId = await cohort();
    const student = await enrolled(cohortId);
    const hr = await signInAs(t, 'enterprise', { enterpriseId });
    const own = await signInAs(t, 'student', { studentId: student });
    for (const token of [staff, hr, own]) await record(cohortId, HISTORY, token).expect(403);
    await record(cohortId, { ...HISTORY, payer: 'ENTERPRISE' }, hr).expect(403);
    expect((await states(student)).every(([, , , status]) => status === 'SCHEDULED')).toBe(true);
    await record(999999, HISTORY).expect(404);
  });
});
