import { DataSource } from 'typeorm';
import { CohortSetup, saveCohortWithMajors, saveEnterprise } from './factories/reference-data';
import { saveStudent } from './factories/students';
import { bearer, createTestApp, fieldsOf, loginAdmin, signInAs, TestApp } from './utils/test-app';

type Line = Record<string, any> & { id: number; kind: string; studyYear: number; status: string; amountFen: number; dueDate: string };

const ENTITLEMENT = 3 * (500000 + 500000) + 3 * 150000;
const PAID_AT = '2019-09-02T08:30:00Z';

describe('Disbursements: schedules, views, approvals, payments and holds (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let staff: string;
  let setup: CohortSetup;
  let enterpriseId: number;
  let enterprise: string;
  let otherEnterprise: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
    staff = await signInAs(t, 'staff');
    setup = await saveCohortWithMajors(t.dataSource);
    enterpriseId = (await saveEnterprise(t.dataSource)).id;
    enterprise = await signInAs(t, 'enterprise', { enterpriseId });
    otherEnterprise = await signInAs(t, 'enterprise', { enterpriseId: (await saveEnterprise(t.dataSource)).id });
  }, 30_000);
  afterAll(() => t.close());

  const admitted = (overrides: Record<string, unknown> = {}) =>
    saveStudent(t.dataSource, setup.cohort.id, {
      status: 'ADMITTED',
      majorCode: 'M01',
      intendedEnterpriseId: enterpriseId,
      statusEffectiveDate: '2019-07-01',
      ...overrides,
    });
  const move = (id: number, body: Record<string, unknown>) => t.http().post(`/api/students/${id}/status`).set(bearer(staff)).send(body);
  const enrolled = async (overrides: Record<string, unknown> = {}): Promise<number> => {
    const student = await admitted(overrides);
    await move(student.id, { status: 'ENROLLED', effectiveDate: '2019-09-01' }).expect(200);
    return student.id;
  };
  const schedule = async (id: number, token = admin) =>
    (await t.http().get(`/api/students/${id}/disbursements`).set(bearer(token)).expect(200)).body as {
      items: Line[];
      totals: Record<string, number>;
    };
  const lineOf = async (id: number, kind: string, studyYear: number): Promise<Line> =>
    (await schedule(id)).items.find((l) => l.kind === kind && l.studyYear === studyYear)!;
  const approve = (lineId: number, token = staff) => t.http().post(`/api/disbursements/${lineId}/approve`).set(bearer(token));
  const pay = (lineId: number, key: string | undefined, body: Record<string, unknown>, token = staff) => {
    const req = t.http().post(`/api/disbursements/${lineId}/pay`).set(bearer(token));
    return (key === undefined ? req : req.set('Idempotency-Key', key)).send(body);
  };
  const auditOf = async (entityType: string, entityId: number) =>
    (await t.http().get(`/api/audit?entityType=${entityType}&entityId=${entityId}`).set(bearer(admin)).expect(200)).body.items as Array<
      Record<string, any>
    >;
  const sum = (totals: Record<string, number>) => Object.values(totals).reduce((a, b) => a + b, 0);

  describe('schedule creation on the first ENROLLED', () => {
    it('creates the whole schedule from the programme policy and the cohort start date, fares paid by the intended enterprise', async () => {
      const id = await enrolled();
      const { items, totals } = await schedule(id);
      expect(
        items.map((l) => [l.kind, l.studyYear, l.installment, l.dueDate, l.amountFen, l.payer, l.payerEnterpriseId, l.status]),
      ).toEqual([
        ['EDUCATION_FUND', 1, 1, '2019-09-01', 500000, 'PROGRAM', null, 'SCHEDULED'],
        ['LIVING_ALLOWANCE', 1, 1, '2019-09-01', 500000, 'PROGRAM', null, 'SCHEDULED'],
        ['WINTER_FARE', 1, 1, '2020-01-10', 150000, 'ENTERPRISE', enterpriseId, 'SCHEDULED'],
        ['EDUCATION_FUND', 2, 1, '2020-09-01', 500000, 'PROGRAM', null, 'SCHEDULED'],
        ['LIVING_ALLOWANCE', 2, 1, '2020-09-01', 500000, 'PROGRAM', null, 'SCHEDULED'],
        ['WINTER_FARE', 2, 1, '2021-01-10', 150000, 'ENTERPRISE', enterpriseId, 'SCHEDULED'],
        ['EDUCATION_FUND', 3, 1, '2021-09-01', 500000, 'PROGRAM', null, 'SCHEDULED'],
        ['LIVING_ALLOWANCE', 3, 1, '2021-09-01', 500000, 'PROGRAM', null, 'SCHEDULED'],
        ['WINTER_FARE', 3, 1, '2022-01-10', 150000, 'ENTERPRISE', enterpriseId, 'SCHEDULED'],
      ]);
      expect(items[0]).toEqual({
        id: expect.any(Number),
        studentId: id,
        kind: 'EDUCATION_FUND',
        studyYear: 1,
        installment: 1,
        dueDate: '2019-09-01',
        amountFen: 500000,
        payer: 'PROGRAM',
        payerEnterpriseId: null,
        status: 'SCHEDULED',
        statusCause: null,
        statusReason: null,
        statusEffectiveDate: null,
        statusChangedAt: expect.any(String),
        approvedAt: null,
        paidAt: null,
        reference: null,
        paymentBatchId: null,
      });
      expect(totals).toEqual({ scheduledFen: ENTITLEMENT, approvedFen: 0, paidFen: 0, suspendedFen: 0, cancelledFen: 0 });
      expect((await auditOf('student', id)).find((e) => e.action === 'disbursement.schedule-created')).toMatchObject({
        after: { programId: setup.program.id, lines: 9, totalFen: ENTITLEMENT },
      });
    });

    it('makes the programme pay the fare of a student with no intended enterprise', async () => {
      const id = await enrolled({ intendedEnterpriseId: null });
      const fares = (await schedule(id)).items.filter((l) => l.kind === 'WINTER_FARE');
      expect(fares.map((l) => [l.payer, l.payerEnterpriseId])).toEqual(Array(3).fill(['PROGRAM', null]));
    });

    it('gives a programme with other terms its own schedule (the government-funded Changxing Class: monthly allowance, no fare)', async () => {
      const changxing = await saveCohortWithMajors(t.dataSource, {
        program: {
          funder: 'GOVERNMENT',
          studyYears: 2,
          winterFareFen: 0,
          livingAllowanceFen: 120000,
          livingAllowanceInstallments: 12,
          educationFundInstallments: 2,
        },
      });
      const student = await saveStudent(t.dataSource, changxing.cohort.id, {
        status: 'ADMITTED',
        majorCode: 'M01',
        statusEffectiveDate: '2019-07-01',
      });
      await move(student.id, { status: 'ENROLLED', effectiveDate: '2019-09-01' }).expect(200);
      const { items, totals } = await schedule(student.id);
      expect(items).toHaveLength(2 * (2 + 12));
      expect(items.filter((l) => l.kind === 'WINTER_FARE')).toEqual([]);
      expect(items.filter((l) => l.kind === 'EDUCATION_FUND').map((l) => [l.studyYear, l.dueDate, l.amountFen])).toEqual([
        [1, '2019-09-01', 250000],
        [1, '2019-10-01', 250000],
        [2, '2020-09-01', 250000],
        [2, '2020-10-01', 250000],
      ]);
      expect(totals.scheduledFen).toBe(2 * (500000 + 120000));
    });

    it('never creates a schedule twice: not on a return from suspension, and the database refuses a duplicate line', async () => {
      const id = await enrolled();
      await move(id, { status: 'SUSPENDED', effectiveDate: '2019-10-01' }).expect(200);
      await move(id, { status: 'ENROLLED', effectiveDate: '2019-11-01' }).expect(200);
      expect((await schedule(id)).items).toHaveLength(9);
      await expect(
        insertLine(t.dataSource, { studentId: id, cohortId: setup.cohort.id, kind: 'EDUCATION_FUND', studyYear: 1, installment: 1 }),
      ).rejects.toThrow();
    });

    it('creates nothing when enrolment is refused', async () => {
      const student = await admitted({ majorCode: null });
      await move(student.id, { status: 'ENROLLED' }).expect(409);
      expect((await schedule(student.id)).items).toEqual([]);
    });
  });

  describe('GET /api/students/:id/disbursements and GET /api/me/disbursements', () => {
    it('shows admin, staff and the student themself the whole schedule', async () => {
      const id = await enrolled();
      const student = await signInAs(t, 'student', { studentId: id });
      const all = await schedule(id, admin);
      expect(await schedule(id, staff)).toEqual(all);
      expect(await schedule(id, student)).toEqual(all);
      expect((await t.http().get('/api/me/disbursements').set(bearer(student)).expect(200)).body).toEqual(all);
    });

    it("answers 404 for another student's schedule, as for a student that does not exist", async () => {
      const id = await enrolled();
      const other = await signInAs(t, 'student', { studentId: await enrolled() });
      const res = await t.http().get(`/api/students/${id}/disbursements`).set(bearer(other)).expect(404);
      expect(res.body.message).toBe(`Student ${id} not found`);
      await t.http().get('/api/students/999999/disbursements').set(bearer(admin)).expect(404);
    });

    it('shows the paying enterprise only the fares it pays, and 404 to an enterprise paying nothing for the student', async () => {
      const id = await enrolled();
      const { items, totals } = await schedule(id, enterprise);
      expect(items.map((l) => [l.kind, l.payerEnterpriseId])).toEqual(Array(3).fill(['WINTER_FARE', enterpriseId]));
      expect(totals.scheduledFen).toBe(3 * 150000);
      await t.http().get(`/api/students/${id}/disbursements`).set(bearer(otherEnterprise)).expect(404);
      const unsponsored = await enrolled({ intendedEnterpriseId: null });
      await t.http().get(`/api/students/${unsponsored}/disbursements`).set(bearer(enterprise)).expect(404);
    });

    it('answers an empty schedule for a student not yet enrolled, and 400 for a bad id', async () => {
      const student = await admitted();
      expect(await schedule(student.id)).toEqual({
        items: [],
        totals: { scheduledFen: 0, approvedFen: 0, paidFen: 0, suspendedFen: 0, cancelledFen: 0 },
      });
      const res = await t.http().get('/api/students/abc/disbursements').set(bearer(admin)).expect(400);
      expect(fieldsOf(res.body)).toEqual(['id']);
      await t.http().get('/api/students/99999999999/disbursements').set(bearer(admin)).expect(400);
    });

    it('refuses roles that may never read it', async () => {
      await t.http().get('/api/me/disbursements').set(bearer(staff)).expect(403);
      await t.http().get('/api/me/disbursements').set(bearer(enterprise)).expect(403);
      await t.http().get('/api/me/disbursements').expect(401);
      await t.http().get('/api/students/1/disbursements').expect(401);
    });
  });

  describe('POST /api/disbursements/:id/approve', () => {
    it('approves a SCHEDULED programme line once, with an audit entry', async () => {
      const line = await lineOf(await enrolled(), 'EDUCATION_FUND', 1);
      const res = await approve(line.id).expect(200);
      expect(res.body).toMatchObject({ id: line.id, status: 'APPROVED', approvedAt: expect.any(String), paidAt: null });
      expect((await approve(line.id).expect(409)).body.code).toBe('ILLEGAL_TRANSITION');
      const entries = (await auditOf('disbursement', line.id)).filter((e) => e.action === 'disbursement.approved');
      expect(entries).toEqual([
        expect.objectContaining({ before: { status: 'SCHEDULED' }, after: expect.objectContaining({ status: 'APPROVED' }) }),
      ]);
    });

    it("answers 409 for an enterprise's fare and a paid line, 404 for an unknown line, 403 for enterprise and student", async () => {
      const id = await enrolled();
      const fare = await lineOf(id, 'WINTER_FARE', 1);
      expect((await approve(fare.id).expect(409)).body.message).toMatch(/paid by the enterprise/);
      await pay(fare.id, 'fare-1', { paidAt: PAID_AT, reference: 'ICBC-1' }, enterprise).expect(200);
      await approve(fare.id).expect(409);
      const programmeFare = await lineOf(await enrolled({ intendedEnterpriseId: null }), 'WINTER_FARE', 1);
      await approve(programmeFare.id, admin).expect(200);
      await approve(999999).expect(404);
      await approve(fare.id, enterprise).expect(403);
      await approve(fare.id, await signInAs(t, 'student', { studentId: id })).expect(403);
      await t.http().post(`/api/disbursements/${fare.id}/approve`).expect(401);
    });
  });

  describe('POST /api/disbursements/:id/pay', () => {
    const body = { paidAt: PAID_AT, reference: 'ABC-2019-0001' };

    it('pays an approved programme line and answers the same again for the same key, changing nothing', async () => {
      const line = await lineOf(await enrolled(), 'LIVING_ALLOWANCE', 1);
      await approve(line.id).expect(200);
      const first = await pay(line.id, 'key-1', body).expect(200);
      expect(first.body).toMatchObject({ id: line.id, status: 'PAID', paidAt: '2019-09-02T08:30:00.000Z', reference: 'ABC-2019-0001' });
      const again = await pay(line.id, 'key-1', { reference: 'ABC-2019-0001', paidAt: '2019-09-02T08:30:00.000Z' }, admin).expect(200);
      expect(again.body).toEqual(first.body);
      const paid = (await auditOf('disbursement', line.id)).filter((e) => e.action === 'disbursement.paid');
      expect(paid).toEqual([
        expect.objectContaining({
          before: { status: 'APPROVED' },
          after: expect.objectContaining({ status: 'PAID', idempotencyKey: 'key-1' }),
        }),
      ]);
    });

    it('answers 422 for the same key with a different body and 409 ALREADY_PAID for another key', async () => {
      const line = await lineOf(await enrolled(), 'LIVING_ALLOWANCE', 1);
      await approve(line.id).expect(200);
      await pay(line.id, 'key-2', body).expect(200);
      const reused = await pay(line.id, 'key-2', { ...body, reference: 'OTHER' }).expect(422);
      expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      const twice = await pay(line.id, 'key-3', body).expect(409);
      expect(twice.body.code).toBe('ALREADY_PAID');
      expect((await lineOf(line.studentId, 'LIVING_ALLOWANCE', 1)).reference).toBe(body.reference);
    });

    it('gives exactly one 200 and one 409 to two payments of one line at the same moment', async () => {
      const line = await lineOf(await enrolled(), 'EDUCATION_FUND', 1);
      await approve(line.id).expect(200);
      const [a, b] = await Promise.all([pay(line.id, 'race-a', body), pay(line.id, 'race-b', { ...body, reference: 'B' })]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      expect([a, b].find((r) => r.status === 409)!.body.code).toBe('ALREADY_PAID');
      expect((await auditOf('disbursement', line.id)).filter((e) => e.action === 'disbursement.paid')).toHaveLength(1);
    });

    it('lets the enterprise pay its own fare from SCHEDULED, and hides every other line from it', async () => {
      const id = await enrolled();
      const fare = await lineOf(id, 'WINTER_FARE', 2);
      await pay(fare.id, 'e-1', body, otherEnterprise).expect(404);
      await pay((await lineOf(id, 'EDUCATION_FUND', 1)).id, 'e-2', body, enterprise).expect(404);
      expect((await pay(fare.id, 'e-3', body, enterprise).expect(200)).body).toMatchObject({ status: 'PAID', approvedAt: null });
      const fareOfNobody = await lineOf(await enrolled({ intendedEnterpriseId: null }), 'WINTER_FARE', 1);
      await pay(fareOfNobody.id, 'e-4', body, enterprise).expect(404);
    });

    it('answers 409 to staff paying a line not yet approved or an enterprise fare', async () => {
      const id = await enrolled();
      expect((await pay((await lineOf(id, 'EDUCATION_FUND', 1)).id, 's-1', body).expect(409)).body.code).toBe('ILLEGAL_TRANSITION');
      expect((await pay((await lineOf(id, 'WINTER_FARE', 1)).id, 's-2', body).expect(409)).body.message).toMatch(/enterprise/);
    });

    it('requires the Idempotency-Key header and a valid body, naming each bad field', async () => {
      const line = await lineOf(await enrolled(), 'EDUCATION_FUND', 1);
      const missing = await pay(line.id, undefined, body).expect(400);
      expect(fieldsOf(missing.body)).toEqual(['Idempotency-Key']);
      expect(fieldsOf((await pay(line.id, 'x'.repeat(129), body).expect(400)).body)).toEqual(['Idempotency-Key']);
      const bad = await pay(line.id, 'k', { paidAt: '2019-13-01', reference: '', extra: 1 }).expect(400);
      expect(fieldsOf(bad.body)).toEqual(['extra', 'paidAt', 'reference']);
      expect(fieldsOf((await pay(line.id, 'k', {}).expect(400)).body)).toEqual(['paidAt', 'reference']);
      expect(fieldsOf((await pay(line.id, 'k', { ...body, paidAt: '2019-09-02' }).expect(400)).body)).toEqual(['paidAt']);
      expect(fieldsOf((await pay(line.id, 'k', { ...body, paidAt: '2999-01-01T00:00:00Z' }).expect(400)).body)).toEqual(['paidAt']);
      await pay(999999, 'k', body).expect(404);
    });

    it('refuses the student role and a missing token', async () => {
      const id = await enrolled();
      const line = await lineOf(id, 'EDUCATION_FUND', 1);
      await pay(line.id, 'k', body, await signInAs(t, 'student', { studentId: id })).expect(403);
      await t.http().post(`/api/disbursements/${line.id}/pay`).set('Idempotency-Key', 'k').send(body).expect(401);
    });
  });

  describe('holds, restorations and cancellations', () => {
    it('holds every unpaid line due from the suspension on, shows the student why, and restores them on return', async () => {
      const id = await enrolled();
      const fund1 = await lineOf(id, 'EDUCATION_FUND', 1);
      await approve(fund1.id).expect(200);
      await pay(fund1.id, 'h-1', { paidAt: PAID_AT, reference: 'R1' }).expect(200);
      await move(id, { status: 'SUSPENDED', reason: '因病休学 illness', effectiveDate: '2019-09-01' }).expect(200);
      const student = await signInAs(t, 'student', { studentId: id });
      const held = (await t.http().get('/api/me/disbursements').set(bearer(student)).expect(200)).body as {
        items: Line[];
        totals: Record<string, number>;
      };
      expect(held.items.map((l) => l.status)).toEqual(['PAID', ...Array(8).fill('SUSPENDED')]);
      expect(held.items[1]).toMatchObject({
        statusCause: 'SUSPENSION',
        statusReason: '因病休学 illness',
        statusEffectiveDate: '2019-09-01',
      });
      expect(held.totals).toEqual({
        scheduledFen: 0,
        approvedFen: 0,
        paidFen: 500000,
        suspendedFen: ENTITLEMENT - 500000,
        cancelledFen: 0,
      });
      const heldEntries = (await auditOf('disbursement', held.items[1].id)).filter((e) => e.action === 'disbursement.held');
      expect(heldEntries).toEqual([
        expect.objectContaining({ before: { status: 'SCHEDULED' }, after: expect.objectContaining({ status: 'SUSPENDED' }) }),
      ]);

      await move(id, { status: 'ENROLLED', reason: 'recovered', effectiveDate: '2020-02-01' }).expect(200);
      const back = await schedule(id);
      expect(back.items.map((l) => l.status)).toEqual(['PAID', ...Array(8).fill('SCHEDULED')]);
      expect(back.items[1]).toMatchObject({ statusCause: 'RETURN', statusReason: 'recovered', statusEffectiveDate: '2020-02-01' });
      expect(back.items[0]).toMatchObject({ status: 'PAID', reference: 'R1', statusCause: null });
    });

    it('holds only lines due on or after the suspension date, approved ones too', async () => {
      const id = await enrolled();
      await approve((await lineOf(id, 'EDUCATION_FUND', 2)).id).expect(200);
      await move(id, { status: 'SUSPENDED', effectiveDate: '2020-01-11' }).expect(200);
      const { items } = await schedule(id);
      expect(items.map((l) => [l.kind, l.studyYear, l.status])).toEqual([
        ['EDUCATION_FUND', 1, 'SCHEDULED'],
        ['LIVING_ALLOWANCE', 1, 'SCHEDULED'],
        ['WINTER_FARE', 1, 'SCHEDULED'],
        ['EDUCATION_FUND', 2, 'SUSPENDED'],
        ['LIVING_ALLOWANCE', 2, 'SUSPENDED'],
        ['WINTER_FARE', 2, 'SUSPENDED'],
        ['EDUCATION_FUND', 3, 'SUSPENDED'],
        ['LIVING_ALLOWANCE', 3, 'SUSPENDED'],
        ['WINTER_FARE', 3, 'SUSPENDED'],
      ]);
      const approved = items[3];
      await approve(approved.id).expect(409);
      await pay(approved.id, 'held', { paidAt: PAID_AT, reference: 'X' }).expect(409);
    });

    it('cancels unpaid lines due after the withdrawal date and leaves paid and earlier lines alone', async () => {
      const id = await enrolled();
      const fare2 = await lineOf(id, 'WINTER_FARE', 2);
      await pay(fare2.id, 'w-1', { paidAt: PAID_AT, reference: 'early' }, enterprise).expect(200);
      await move(id, { status: 'WITHDRAWN', reason: '家庭原因 family', effectiveDate: '2020-09-01' }).expect(200);
      const { items, totals } = await schedule(id);
      expect(items.map((l) => [l.kind, l.studyYear, l.status])).toEqual([
        ['EDUCATION_FUND', 1, 'SCHEDULED'],
        ['LIVING_ALLOWANCE', 1, 'SCHEDULED'],
        ['WINTER_FARE', 1, 'SCHEDULED'],
        ['EDUCATION_FUND', 2, 'SCHEDULED'],
        ['LIVING_ALLOWANCE', 2, 'SCHEDULED'],
        ['WINTER_FARE', 2, 'PAID'],
        ['EDUCATION_FUND', 3, 'CANCELLED'],
        ['LIVING_ALLOWANCE', 3, 'CANCELLED'],
        ['WINTER_FARE', 3, 'CANCELLED'],
      ]);
      expect(items[6]).toMatchObject({ statusCause: 'WITHDRAWAL', statusReason: '家庭原因 family', statusEffectiveDate: '2020-09-01' });
      expect(sum(totals)).toBe(ENTITLEMENT);
      expect(totals.cancelledFen).toBe(500000 + 500000 + 150000);
      expect((await auditOf('disbursement', items[6].id)).map((e) => e.action)).toContain('disbursement.cancelled');
    });

    it('cancels lines held by a suspension when the student withdraws while suspended, keeping earlier held lines held', async () => {
      const id = await enrolled();
      await move(id, { status: 'SUSPENDED', reason: 'illness', effectiveDate: '2019-12-01' }).expect(200);
      await move(id, { status: 'WITHDRAWN', reason: 'did not come back', effectiveDate: '2020-10-01' }).expect(200);
      const { items, totals } = await schedule(id);
      expect(items.map((l) => [l.kind, l.studyYear, l.status])).toEqual([
        ['EDUCATION_FUND', 1, 'SCHEDULED'],
        ['LIVING_ALLOWANCE', 1, 'SCHEDULED'],
        ['WINTER_FARE', 1, 'SUSPENDED'],
        ['EDUCATION_FUND', 2, 'SUSPENDED'],
        ['LIVING_ALLOWANCE', 2, 'SUSPENDED'],
        ['WINTER_FARE', 2, 'CANCELLED'],
        ['EDUCATION_FUND', 3, 'CANCELLED'],
        ['LIVING_ALLOWANCE', 3, 'CANCELLED'],
        ['WINTER_FARE', 3, 'CANCELLED'],
      ]);
      expect(sum(totals)).toBe(ENTITLEMENT);
      const cancelled = (await auditOf('disbursement', items[5].id)).find((e) => e.action === 'disbursement.cancelled');
      expect(cancelled).toMatchObject({ before: { status: 'SUSPENDED' }, after: { status: 'CANCELLED', statusCause: 'WITHDRAWAL' } });
    });
  });
});

/** A raw line, to show the unique index stops a second schedule whatever the service does. */
function insertLine(
  dataSource: DataSource,
  line: { studentId: number; cohortId: number; kind: string; studyYear: number; installment: number },
) {
  const now = new Date().toISOString();
  return dataSource.query(
    dataSource.options.type === 'postgres'
      ? `INSERT INTO disbursement_line ("studentId","cohortId","kind","studyYear","installment","dueDate","amountFen","payer","status","statusChangedAt","createdAt") VALUES ($1,$2,$3,$4,$5,'2019-09-01',1,'PROGRAM','SCHEDULED',$6,$6)`
      : `INSERT INTO disbursement_line ("studentId","cohortId","kind","studyYear","installment","dueDate","amountFen","payer","status","statusChangedAt","createdAt") VALUES (?,?,?,?,?,'2019-09-01',1,'PROGRAM','SCHEDULED',?,?)`,
    dataSource.options.type === 'postgres'
      ? [line.studentId, line.cohortId, line.kind, line.studyYear, line.installment, now]
      : [line.studentId, line.cohortId, line.kind, line.studyYear, line.installment, now, now],
  );
}
