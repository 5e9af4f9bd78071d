import { StudentLifecycleHooks } from '../src/students/student-lifecycle.hooks';
import { StudentEntity } from '../src/students/student.entity';
import { ENROL_CHUNK } from '../src/disbursements/cohort-enrolment.service';
import { saveCohortWithMajors, saveEnterprise } from './factories/reference-data';
import { insertStudents, saveStudent } from './factories/students';
import { bearer, createTestApp, fieldsOf, loginAdmin, signInAs, TestApp } from './utils/test-app';

const ENTITLEMENT = 3 * (500000 + 500000) + 3 * 150000;

describe('Disbursements of a cohort: enrolment, batch approval and totals (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let staff: string;
  let failFor: number | null = null;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
    staff = await signInAs(t, 'staff');
    // A listener that fails for one chosen student, to show a failing chunk leaves nobody half-enrolled.
    t.app.get(StudentLifecycleHooks).onStatusChange(async (change) => {
      if (change.student.id === failFor) throw new Error('listener failed on purpose');
    });
  }, 30_000);
  afterAll(() => t.close());

  const newCohort = () => saveCohortWithMajors(t.dataSource, { majors: [{ code: 'M01', capacity: 5000 }] });
  const admitted = (cohortId: number, overrides: Partial<StudentEntity> = {}) =>
    saveStudent(t.dataSource, cohortId, { status: 'ADMITTED', majorCode: 'M01', statusEffectiveDate: '2019-07-01', ...overrides });
  const enrol = (cohortId: number, body: Record<string, unknown>, token = staff) =>
    t.http().post(`/api/cohorts/${cohortId}/enrol`).set(bearer(token)).send(body);
  const approveDue = (cohortId: number, body: Record<string, unknown>, token = staff) =>
    t.http().post(`/api/cohorts/${cohortId}/disbursements/approve-due`).set(bearer(token)).send(body);
  const summary = async (cohortId: number) =>
    (await t.http().get(`/api/cohorts/${cohortId}/disbursements/summary`).set(bearer(staff)).expect(200)).body;
  const schedule = async (id: number) => (await t.http().get(`/api/students/${id}/disbursements`).set(bearer(admin)).expect(200)).body;
  const statusOf = async (id: number) => (await t.dataSource.getRepository(StudentEntity).findOneByOrFail({ id })).status;
  const countLines = async (cohortId: number) =>
    Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM disbursement_line WHERE "cohortId" = ${cohortId}`))[0].n);

  describe('POST /api/cohorts/:id/enrol', () => {
    it('enrols every ADMITTED student with a major, schedules included, and lists those without one', async () => {
      const { cohort } = await newCohort();
      const enterprise = await saveEnterprise(t.dataSource);
      const a = await admitted(cohort.id, { intendedEnterpriseId: enterprise.id });
      const b = await admitted(cohort.id);
      const noMajor = await admitted(cohort.id, { majorCode: null });
      const applied = await saveStudent(t.dataSource, cohort.id, { status: 'APPLIED' });
      const res = await enrol(cohort.id, { effectiveDate: '2019-09-01' }).expect(200);
      expect(res.body).toEqual({ enrolled: 2, skipped: [{ studentId: noMajor.id, reason: 'A student needs a major before enrolling' }] });
      expect([await statusOf(a.id), await statusOf(b.id), await statusOf(noMajor.id), await statusOf(applied.id)]).toEqual([
        'ENROLLED',
        'ENROLLED',
        'ADMITTED',
        'APPLIED',
      ]);
      const lines = (await schedule(a.id)).items;
      expect(lines).toHaveLength(9);
      expect(
        lines.filter((l: { kind: string }) => l.kind === 'WINTER_FARE').map((l: { payerEnterpriseId: number }) => l.payerEnterpriseId),
      ).toEqual(Array(3).fill(enterprise.id));
      expect((await schedule(noMajor.id)).items).toEqual([]);
      const student = (await t.http().get(`/api/students/${a.id}`).set(bearer(admin)).expect(200)).body;
      expect(student).toMatchObject({ status: 'ENROLLED', statusEffectiveDate: '2019-09-01', statusReason: null });
    });

    it('writes for each student what a single status change writes: the same audit entry and the schedule entry', async () => {
      const { cohort } = await newCohort();
      const bulk = await admitted(cohort.id);
      const single = await admitted(cohort.id, { majorCode: null });
      await enrol(cohort.id, { effectiveDate: '2019-09-01' }).expect(200);
      await t.dataSource.getRepository(StudentEntity).update({ id: single.id }, { majorCode: 'M01' });
      await t
        .http()
        .post(`/api/students/${single.id}/status`)
        .set(bearer(staff))
        .send({ status: 'ENROLLED', effectiveDate: '2019-09-01' })
        .expect(200);
      const entries = async (id: number) =>
        (
          (await t.http().get(`/api/audit?entityType=student&entityId=${id}`).set(bearer(admin)).expect(200)).body.items as Array<
            Record<string, unknown>
          >
        )
          .map(({ action, entityType, before, after }) => ({ action, entityType, before, after }))
          .sort((x, y) => String(x.action).localeCompare(String(y.action)));
      expect(await entries(bulk.id)).toEqual(await entries(single.id));
      expect((await entries(bulk.id)).map((e) => e.action)).toEqual(['disbursement.schedule-created', 'student.status-changed']);
    });

    it('moves and refuses exactly as single status changes do: the same rows, the same reasons', async () => {
      const one = await newCohort();
      const many = await newCohort();
      const cases = [{}, { majorCode: null }, { statusEffectiveDate: '2019-09-05' }];
      const singles = [];
      for (const overrides of cases) singles.push(await admitted(one.cohort.id, overrides));
      const bulk = [];
      for (const overrides of cases) bulk.push(await admitted(many.cohort.id, overrides));
      const answers = [];
      for (const s of singles) {
        answers.push(
          await t.http().post(`/api/students/${s.id}/status`).set(bearer(staff)).send({ status: 'ENROLLED', effectiveDate: '2019-09-01' }),
        );
      }
      const res = await enrol(many.cohort.id, { effectiveDate: '2019-09-01' }).expect(200);

      expect(answers.map((a) => a.status)).toEqual([200, 409, 400]);
      expect(res.body).toEqual({
        enrolled: 1,
        skipped: [
          { studentId: bulk[1].id, reason: answers[1].body.message },
          { studentId: bulk[2].id, reason: answers[2].body.message },
        ],
      });
      const row = async (id: number) => {
        const { status, statusReason, statusEffectiveDate, majorCode, applicationDate } = await t.dataSource
          .getRepository(StudentEntity)
          .findOneByOrFail({ id });
        return { status, statusReason, statusEffectiveDate, majorCode, applicationDate };
      };
      for (const [i, single] of singles.entries()) expect(await row(bulk[i].id)).toEqual(await row(single.id));
    });

    it('enrols a cohort larger than a chunk, and a second run enrols nobody', async () => {
      const { cohort } = await newCohort();
      const count = ENROL_CHUNK + 37;
      await insertStudents(t.dataSource, cohort.id, count);
      await t.dataSource.query(`UPDATE student SET status = 'ADMITTED', "majorCode" = 'M01' WHERE "cohortId" = ${cohort.id}`);
      expect((await enrol(cohort.id, { effectiveDate: '2019-09-01' }).expect(200)).body).toEqual({ enrolled: count, skipped: [] });
      expect(await countLines(cohort.id)).toBe(count * 9);
      expect((await summary(cohort.id)).totals).toMatchObject({ scheduledFen: count * ENTITLEMENT, lines: count * 9 });
      expect((await enrol(cohort.id, { effectiveDate: '2019-09-02' }).expect(200)).body).toEqual({ enrolled: 0, skipped: [] });
      expect(await countLines(cohort.id)).toBe(count * 9);
    });

    it('leaves no student half-enrolled when a chunk fails: that chunk is rolled back whole', async () => {
      const { cohort } = await newCohort();
      const students = [];
      for (let i = 0; i < 3; i++) students.push(await admitted(cohort.id));
      failFor = students[1].id;
      try {
        await enrol(cohort.id, { effectiveDate: '2019-09-01' }).expect(500);
      } finally {
        failFor = null;
      }
      for (const s of students) expect(await statusOf(s.id)).toBe('ADMITTED');
      expect(await countLines(cohort.id)).toBe(0);
      expect((await enrol(cohort.id, { effectiveDate: '2019-09-01' }).expect(200)).body.enrolled).toBe(3);
    });

    it('skips a student admitted after the enrolment date', async () => {
      const { cohort } = await newCohort();
      const late = await admitted(cohort.id, { statusEffectiveDate: '2019-09-05' });
      expect((await enrol(cohort.id, { effectiveDate: '2019-09-01' }).expect(200)).body).toEqual({
        enrolled: 0,
        skipped: [
          { studentId: late.id, reason: 'effectiveDate: must not be before 2019-09-05, when the current status ADMITTED took effect' },
        ],
      });
    });

    it('answers 400 naming a missing or unreal date and unknown fields, 404 for an unknown cohort', async () => {
      const { cohort } = await newCohort();
      expect(fieldsOf((await enrol(cohort.id, {}).expect(400)).body)).toEqual(['effectiveDate']);
      expect(fieldsOf((await enrol(cohort.id, { effectiveDate: '2019-02-30', extra: 1 }).expect(400)).body)).toEqual([
        'effectiveDate',
        'extra',
      ]);
      await enrol(999999, { effectiveDate: '2019-09-01' }).expect(404);
      await enrol(cohort.id, { effectiveDate: '2019-09-01' }, admin).expect(200);
    });

    it('refuses enterprise and student with 403 and a missing token with 401', async () => {
      const { cohort } = await newCohort();
      const enterprise = await signInAs(t, 'enterprise', { enterpriseId: (await saveEnterprise(t.dataSource)).id });
      const student = await signInAs(t, 'student', { studentId: (await admitted(cohort.id)).id });
      for (const token of [enterprise, student]) {
        await enrol(cohort.id, { effectiveDate: '2019-09-01' }, token).expect(403);
        await approveDue(cohort.id, { dueOnOrBefore: '2019-09-01' }, token).expect(403);
        await t.http().get(`/api/cohorts/${cohort.id}/disbursements/summary`).set(bearer(token)).expect(403);
      }
      await t.http().post(`/api/cohorts/${cohort.id}/enrol`).send({ effectiveDate: '2019-09-01' }).expect(401);
      expect(await statusOf((await t.dataSource.getRepository(StudentEntity).findOneByOrFail({ cohortId: cohort.id })).id)).toBe(
        'ADMITTED',
      );
    });
  });

  describe('POST /api/cohorts/:id/disbursements/approve-due', () => {
    it("approves every SCHEDULED programme line due by the date, never an enterprise's fare or another cohort's line", async () => {
      const { cohort } = await newCohort();
      const other = await newCohort();
      const enterprise = await saveEnterprise(t.dataSource);
      const a = await admitted(cohort.id, { intendedEnterpriseId: enterprise.id });
      const b = await admitted(cohort.id);
      const elsewhere = await admitted(other.cohort.id);
      await enrol(cohort.id, { effectiveDate: '2019-09-01' }).expect(200);
      await enrol(other.cohort.id, { effectiveDate: '2019-09-01' }).expect(200);
      // a: 2 lines due 2019-09-01 and 2 on 2020-09-01 (its fares are the enterprise's); b: those 4 and its programme-paid fare of 2020-01-10.
      expect((await approveDue(cohort.id, { dueOnOrBefore: '2020-09-01' }).expect(200)).body).toEqual({ approved: 9 });
      expect((await approveDue(cohort.id, { dueOnOrBefore: '2020-09-01' }, admin).expect(200)).body).toEqual({ approved: 0 });
      const statuses = async (id: number) =>
        (await schedule(id)).items.map((l: { kind: string; studyYear: number; status: string }) => `${l.kind}/${l.studyYear}/${l.status}`);
      expect(await statuses(a.id)).toEqual([
        'EDUCATION_FUND/1/APPROVED',
        'LIVING_ALLOWANCE/1/APPROVED',
        'WINTER_FARE/1/SCHEDULED',
        'EDUCATION_FUND/2/APPROVED',
        'LIVING_ALLOWANCE/2/APPROVED',
        'WINTER_FARE/2/SCHEDULED',
        'EDUCATION_FUND/3/SCHEDULED',
        'LIVING_ALLOWANCE/3/SCHEDULED',
        'WINTER_FARE/3/SCHEDULED',
      ]);
      expect((await statuses(b.id))[2]).toBe('WINTER_FARE/1/APPROVED');
      expect((await statuses(elsewhere.id)).every((s: string) => s.endsWith('SCHEDULED'))).toBe(true);
      const line = (await schedule(a.id)).items[0];
      const audit = (await t.http().get(`/api/audit?entityType=disbursement&entityId=${line.id}`).set(bearer(admin)).expect(200)).body
        .items;
      expect(audit).toEqual([expect.objectContaining({ action: 'disbursement.approved', before: { status: 'SCHEDULED' } })]);
    });

    it('answers 400 naming a bad date and 404 for an unknown cohort', async () => {
      const { cohort } = await newCohort();
      expect(fieldsOf((await approveDue(cohort.id, { dueOnOrBefore: 'soon', extra: true }).expect(400)).body)).toEqual([
        'dueOnOrBefore',
        'extra',
      ]);
      expect(fieldsOf((await approveDue(cohort.id, {}).expect(400)).body)).toEqual(['dueOnOrBefore']);
      await approveDue(999999, { dueOnOrBefore: '2020-01-01' }).expect(404);
    });
  });

  describe('GET /api/cohorts/:id/disbursements/summary', () => {
    it('adds up fen by kind and status to the fen', async () => {
      const { cohort } = await newCohort();
      const enterprise = await saveEnterprise(t.dataSource);
      const enterpriseToken = await signInAs(t, 'enterprise', { enterpriseId: enterprise.id });
      const a = await admitted(cohort.id, { intendedEnterpriseId: enterprise.id });
      const b = await admitted(cohort.id);
      await enrol(cohort.id, { effectiveDate: '2019-09-01' }).expect(200);
      await approveDue(cohort.id, { dueOnOrBefore: '2019-09-01' }).expect(200);
      const fund = (await schedule(a.id)).items[0];
      await t
        .http()
        .post(`/api/disbursements/${fund.id}/pay`)
        .set(bearer(staff))
        .set('Idempotency-Key', 's1')
        .send({ paidAt: '2019-09-03T00:00:00Z', reference: 'P1' })
        .expect(200);
      const fare = (await schedule(a.id)).items[2];
      await t
        .http()
        .post(`/api/disbursements/${fare.id}/pay`)
        .set(bearer(enterpriseToken))
        .set('Idempotency-Key', 'f1')
        .send({ paidAt: '2019-09-03T00:00:00Z', reference: 'F1' })
        .expect(200);
      await t
        .http()
        .post(`/api/students/${b.id}/status`)
        .set(bearer(staff))
        .send({ status: 'WITHDRAWN', effectiveDate: '2019-12-31' })
        .expect(200);
      const body = await summary(cohort.id);
      expect(body).toEqual({
        cohortId: cohort.id,
        byKind: {
          EDUCATION_FUND: {
            scheduledFen: 1000000,
            approvedFen: 500000,
            paidFen: 500000,
            suspendedFen: 0,
            cancelledFen: 1000000,
            totalFen: 3000000,
            lines: 6,
          },
          LIVING_ALLOWANCE: {
            scheduledFen: 1000000,
            approvedFen: 1000000,
            paidFen: 0,
            suspendedFen: 0,
            cancelledFen: 1000000,
            totalFen: 3000000,
            lines: 6,
          },
          WINTER_FARE: {
            scheduledFen: 300000,
            approvedFen: 0,
            paidFen: 150000,
            suspendedFen: 0,
            cancelledFen: 450000,
            totalFen: 900000,
            lines: 6,
          },
        },
        totals: {
          scheduledFen: 2300000,
          approvedFen: 1500000,
          paidFen: 650000,
          suspendedFen: 0,
          cancelledFen: 2450000,
          totalFen: 2 * ENTITLEMENT,
          lines: 18,
        },
      });
    });

    it('answers zeros for a cohort with no schedule, 404 for an unknown one, 400 for a bad id', async () => {
      const { cohort } = await newCohort();
      const zero = { scheduledFen: 0, approvedFen: 0, paidFen: 0, suspendedFen: 0, cancelledFen: 0, totalFen: 0, lines: 0 };
      expect(await summary(cohort.id)).toEqual({
        cohortId: cohort.id,
        byKind: { EDUCATION_FUND: zero, LIVING_ALLOWANCE: zero, WINTER_FARE: zero },
        totals: zero,
      });
      await t.http().get('/api/cohorts/999999/disbursements/summary').set(bearer(staff)).expect(404);
      await t.http().get('/api/cohorts/x/disbursements/summary').set(bearer(staff)).expect(400);
    });
  });
});
