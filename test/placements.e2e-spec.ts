import { QuotaEntity } from '../src/enterprises/quota.entity';
import { EnterpriseEntity } from '../src/enterprises/enterprise.entity';
import { PlacementEntity } from '../src/placements/placement.entity';
import { StudentEntity } from '../src/students/student.entity';
import { CohortSetup, saveCohortWithMajors, saveEnterprise } from './factories/reference-data';
import { saveStudent } from './factories/students';
import { bearer, createTestApp, fieldsOf, loginAdmin, signInAs, TestApp } from './utils/test-app';

describe('Placements: proposals, confirmations, declines, lists and report (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let staff: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
    staff = await signInAs(t, 'staff');
  });
  afterAll(() => t.close());

  const saveQuota = (cohortId: number, enterpriseId: number, majorCode: string, seats: number): Promise<QuotaEntity> =>
    t.dataSource
      .getRepository(QuotaEntity)
      .save({ cohortId, enterpriseId, majorCode, seats, used: 0, createdAt: '2019-06-01T00:00:00.000Z' });
  const used = async (quotaId: number) => (await t.dataSource.getRepository(QuotaEntity).findOneByOrFail({ id: quotaId })).used;
  const statusOf = async (studentId: number) => (await t.dataSource.getRepository(StudentEntity).findOneByOrFail({ id: studentId })).status;
  const enrolled = (cohortId: number, overrides: Partial<StudentEntity> = {}) =>
    saveStudent(t.dataSource, cohortId, { status: 'ENROLLED', majorCode: 'M01', statusEffectiveDate: '2019-09-01', ...overrides });
  const auditOf = async (placementId: number) =>
    (await t.http().get(`/api/audit?entityType=placement&entityId=${placementId}`).set(bearer(admin)).expect(200)).body.items as Array<
      Record<string, unknown>
    >;
  const propose = (cohortId: number, body: Record<string, unknown> = { startDate: '2021-07-01' }, token = staff) =>
    t.http().post(`/api/cohorts/${cohortId}/internships/propose`).set(bearer(token)).send(body);
  const create = (body: Record<string, unknown>, token = staff) => t.http().post('/api/placements').set(bearer(token)).send(body);
  const confirm = (id: number, body: Record<string, unknown> = { position: '数控车工' }, token = staff) =>
    t.http().post(`/api/placements/${id}/confirm`).set(bearer(token)).send(body);
  const decline = (id: number, body: Record<string, unknown> = { reason: '岗位已满' }, token = staff) =>
    t.http().post(`/api/placements/${id}/decline`).set(bearer(token)).send(body);
  const changeStatus = (studentId: number, body: Record<string, unknown>) =>
    t.http().post(`/api/students/${studentId}/status`).set(bearer(staff)).send(body);
  const proposeJobs = (cohortId: number, startDate = '2022-07-01') =>
    t.http().post(`/api/cohorts/${cohortId}/employment/propose`).set(bearer(staff)).send({ startDate });
  const job = (studentId: number, enterpriseId: number) => create({ studentId, enterpriseId, type: 'EMPLOYMENT', startDate: '2022-07-01' });
  /** A graduate whose internship at the enterprise was confirmed: it still holds its seat there. */
  const intern = async (cohortId: number, enterpriseId: number, overrides: Partial<StudentEntity> = {}) => {
    const s = await enrolled(cohortId, overrides);
    const internship = (await create({ studentId: s.id, enterpriseId, type: 'INTERNSHIP', startDate: '2021-07-01' }).expect(201)).body;
    await confirm(internship.id).expect(200);
    await changeStatus(s.id, { status: 'GRADUATED', effectiveDate: '2022-06-30' }).expect(200);
    return s;
  };

  /** A cohort with M01 and M02, two enterprises and their quotas. */
  async function world(seats: { a: number; b: number; bM02?: number }) {
    const setup: CohortSetup = await saveCohortWithMajors(t.dataSource);
    const a = await saveEnterprise(t.dataSource);
    const b = await saveEnterprise(t.dataSource);
    const qa = await saveQuota(setup.cohort.id, a.id, 'M01', seats.a);
    const qb = await saveQuota(setup.cohort.id, b.id, 'M01', seats.b);
    const qbM02 = seats.bM02 === undefined ? null : await saveQuota(setup.cohort.id, b.id, 'M02', seats.bM02);
    return { cohortId: setup.cohort.id, a, b, qa, qb, qbM02 };
  }

  describe('POST /api/cohorts/:id/internships/propose', () => {
    it('proposes the intended enterprise, else the one with most free seats, else leaves the student unplaced with a reason', async () => {
      const w = await world({ a: 1, b: 2 });
      const s1 = await enrolled(w.cohortId, { intendedEnterpriseId: w.a.id });
      const s2 = await enrolled(w.cohortId, { intendedEnterpriseId: w.a.id });
      const s3 = await enrolled(w.cohortId);
      const s4 = await enrolled(w.cohortId);
      const s5 = await enrolled(w.cohortId, { majorCode: 'M02' });
      await saveStudent(t.dataSource, w.cohortId, { status: 'ADMITTED', majorCode: 'M01' });
      const res = await propose(w.cohortId).expect(200);
      expect(res.body.proposed.map((p: { studentId: number; enterpriseId: number }) => [p.studentId, p.enterpriseId])).toEqual([
        [s1.id, w.a.id],
        [s2.id, w.b.id],
        [s3.id, w.b.id],
      ]);
      expect(res.body.unplaced).toEqual([
        { studentId: s4.id, reason: 'All 3 seats that 2 enterprise(s) offer in major M01 are taken' },
        { studentId: s5.id, reason: 'No enterprise offers seats in major M02' },
      ]);
      expect([await used(w.qa.id), await used(w.qb.id)]).toEqual([1, 2]);
      const placement = await t.dataSource.getRepository(PlacementEntity).findOneByOrFail({ id: res.body.proposed[0].placementId });
      expect(placement).toMatchObject({
        studentId: s1.id,
        type: 'INTERNSHIP',
        status: 'PROPOSED',
        startDate: '2021-07-01',
        quotaId: w.qa.id,
      });
      expect(await auditOf(placement.id)).toEqual([
        expect.objectContaining({
          action: 'placement.proposed',
          after: expect.objectContaining({ status: 'PROPOSED', studentId: s1.id, by: 'RULES' }),
        }),
      ]);
    });

    it('skips students who already have an open internship when run again', async () => {
      const w = await world({ a: 5, b: 0 });
      await enrolled(w.cohortId);
      expect((await propose(w.cohortId).expect(200)).body.proposed).toHaveLength(1);
      expect((await propose(w.cohortId).expect(200)).body).toEqual({ proposed: [], unplaced: [] });
      expect(await used(w.qa.id)).toBe(1);
    });

    it('never goes over a quota when two runs race', async () => {
      const w = await world({ a: 2, b: 0 });
      for (let i = 0; i < 4; i++) await enrolled(w.cohortId);
      const [r1, r2] = await Promise.all([propose(w.cohortId), propose(w.cohortId)]);
      expect([r1.status, r2.status].filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
      expect(await used(w.qa.id)).toBe(2);
      expect(await t.dataSource.getRepository(PlacementEntity).countBy({ cohortId: w.cohortId, status: 'PROPOSED' })).toBe(2);
    });

    it('refuses a bad start date and unknown fields, naming them, and an unknown cohort', async () => {
      const w = await world({ a: 1, b: 0 });
      expect(fieldsOf((await propose(w.cohortId, { startDate: '2021-02-30', extra: 1 }).expect(400)).body)).toEqual(['extra', 'startDate']);
      expect(fieldsOf((await propose(w.cohortId, {}).expect(400)).body)).toEqual(['startDate']);
      await propose(99999).expect(404);
    });

    it('proposes jobs to graduates at their internship enterprise first', async () => {
      const w = await world({ a: 3, b: 3 });
      const s = await enrolled(w.cohortId, { intendedEnterpriseId: w.a.id });
      const internship = (await create({ studentId: s.id, enterpriseId: w.b.id, type: 'INTERNSHIP', startDate: '2021-07-01' }).expect(201))
        .body;
      await confirm(internship.id).expect(200);
      await t
        .http()
        .post(`/api/students/${s.id}/status`)
        .set(bearer(staff))
        .send({ status: 'GRADUATED', effectiveDate: '2022-06-30' })
        .expect(200);
      const res = await proposeJobs(w.cohortId).expect(200);
      expect(res.body.proposed).toEqual([{ placementId: expect.any(Number), studentId: s.id, enterpriseId: w.b.id }]);
    });
  });

  describe('POST /api/placements', () => {
    it('proposes one placement, taking a seat, and refuses a second open one of the same type with 409', async () => {
      const w = await world({ a: 2, b: 0 });
      const s = await enrolled(w.cohortId);
      const res = await create({ studentId: s.id, enterpriseId: w.a.id, type: 'INTERNSHIP', startDate: '2021-07-01' }).expect(201);
      expect(res.body).toEqual({
        id: expect.any(Number),
        cohortId: w.cohortId,
        studentId: s.id,
        enterpriseId: w.a.id,
        quotaId: w.qa.id,
        holdsSeat: true,
        majorCode: 'M01',
        type: 'INTERNSHIP',
        status: 'PROPOSED',
        startDate: '2021-07-01',
        position: null,
        supervisorName: null,
        monthlySalaryFen: null,
        declineReason: null,
        decidedAt: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(await used(w.qa.id)).toBe(1);
      const again = await create({ studentId: s.id, enterpriseId: w.a.id, type: 'INTERNSHIP', startDate: '2021-07-01' }).expect(409);
      expect(again.body.code).toBe('DUPLICATE');
      expect(await used(w.qa.id)).toBe(1);
      expect((await auditOf(res.body.id))[0]).toMatchObject({
        action: 'placement.proposed',
        after: expect.objectContaining({ by: 'MANUAL' }),
      });
    });

    it('answers 409 for a student in the wrong status, an enterprise without a quota in the major, and a full quota', async () => {
      const w = await world({ a: 1, b: 0 });
      const applied = await saveStudent(t.dataSource, w.cohortId, { majorCode: 'M01' });
      expect(
        (await create({ studentId: applied.id, enterpriseId: w.a.id, type: 'INTERNSHIP', startDate: '2021-07-01' }).expect(409)).body
          .message,
      ).toBe(`A INTERNSHIP placement is for ENROLLED students; student ${applied.id} is APPLIED`);
      const enrolledStudent = await enrolled(w.cohortId);
      await create({ studentId: enrolledStudent.id, enterpriseId: w.a.id, type: 'EMPLOYMENT', startDate: '2021-07-01' }).expect(409);
      const m02 = await enrolled(w.cohortId, { majorCode: 'M02' });
      expect(
        (await create({ studentId: m02.id, enterpriseId: w.a.id, type: 'INTERNSHIP', startDate: '2021-07-01' }).expect(409)).body.message,
      ).toBe(`Enterprise ${w.a.id} offers no seats in major M02 of cohort ${w.cohortId}`);
      await create({ studentId: enrolledStudent.id, enterpriseId: w.a.id, type: 'INTERNSHIP', startDate: '2021-07-01' }).expect(201);
      const other = await enrolled(w.cohortId);
      const full = await create({ studentId: other.id, enterpriseId: w.a.id, type: 'INTERNSHIP', startDate: '2021-07-01' }).expect(409);
      expect(full.body.code).toBe('CAPACITY_FULL');
    });

    it('gives the last seat to only one of two requests racing for it', async () => {
      const w = await world({ a: 1, b: 0 });
      const s1 = await enrolled(w.cohortId);
      const s2 = await enrolled(w.cohortId);
      const results = await Promise.all(
        [s1, s2].map((s) => create({ studentId: s.id, enterpriseId: w.a.id, type: 'INTERNSHIP', startDate: '2021-07-01' })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(await used(w.qa.id)).toBe(1);
    });

    it('names every bad field, unknown students and enterprises included', async () => {
      const bad = await create({ studentId: 0, enterpriseId: 'x', type: 'JOB', startDate: '2021/07/01', extra: true }).expect(400);
      expect(fieldsOf(bad.body)).toEqual(['enterpriseId', 'extra', 'startDate', 'studentId', 'type']);
      const unknown = await create({ studentId: 999999, enterpriseId: 999999, type: 'INTERNSHIP', startDate: '2021-07-01' }).expect(400);
      expect(fieldsOf(unknown.body)).toEqual(['enterpriseId', 'studentId']);
      expect(
        fieldsOf((await create({ studentId: 2147483648, enterpriseId: 1, type: 'INTERNSHIP', startDate: '2021-07-01' }).expect(400)).body),
      ).toEqual(['studentId']);
    });
  });

  describe('POST /api/placements/:id/confirm and /decline', () => {
    async function proposed(seats = 3) {
      const w = await world({ a: seats, b: seats });
      const s = await enrolled(w.cohortId);
      const p = (await create({ studentId: s.id, enterpriseId: w.a.id, type: 'INTERNSHIP', startDate: '2021-07-01' }).expect(201)).body;
      const hrA = await signInAs(t, 'enterprise', { enterpriseId: w.a.id });
      const hrB = await signInAs(t, 'enterprise', { enterpriseId: w.b.id });
      return { w, s, p, hrA, hrB };
    }

    it('lets the enterprise confirm its placement, moving the student to INTERNING in the same step', async () => {
      const { s, p, hrA } = await proposed();
      const res = await confirm(
        p.id,
        { position: '数控车工', supervisorName: '李师傅', startDate: '2021-07-05', monthlySalaryFen: 350000 },
        hrA,
      ).expect(200);
      expect(res.body).toMatchObject({
        status: 'CONFIRMED',
        position: '数控车工',
        supervisorName: '李师傅',
        startDate: '2021-07-05',
        monthlySalaryFen: 350000,
        decidedAt: expect.any(String),
      });
      const student = await t.dataSource.getRepository(StudentEntity).findOneByOrFail({ id: s.id });
      expect([student.status, student.statusEffectiveDate]).toEqual(['INTERNING', '2021-07-05']);
      expect((await auditOf(p.id)).map((e) => e.action)).toEqual(['placement.confirmed', 'placement.proposed']);
      const moves = (await t.http().get(`/api/audit?entityType=student&entityId=${s.id}`).set(bearer(admin)).expect(200)).body.items;
      expect(moves[0]).toMatchObject({
        action: 'student.status-changed',
        after: expect.objectContaining({ status: 'INTERNING', trigger: 'PLACEMENT' }),
      });
    });

    it('answers 409 for confirming or declining anything but PROPOSED', async () => {
      const { p } = await proposed();
      await confirm(p.id).expect(200);
      expect((await confirm(p.id).expect(409)).body.message).toBe(
        `Placement ${p.id} is CONFIRMED; only a PROPOSED placement can be confirmed`,
      );
      await decline(p.id).expect(409);
    });

    it('answers 404 to another enterprise and for an unknown placement', async () => {
      const { p, hrB } = await proposed();
      expect((await confirm(p.id, { position: 'x' }, hrB).expect(404)).body.message).toBe(`Placement ${p.id} not found`);
      await decline(p.id, { reason: 'x' }, hrB).expect(404);
      await confirm(999999).expect(404);
      await decline(999999).expect(404);
    });

    it('changes nothing when the student can no longer move: 409', async () => {
      const { s, p, w } = await proposed();
      await changeStatus(s.id, { status: 'SUSPENDED', effectiveDate: '2020-01-01' }).expect(200);
      expect((await confirm(p.id).expect(409)).body.code).toBe('ILLEGAL_TRANSITION');
      expect((await t.dataSource.getRepository(PlacementEntity).findOneByOrFail({ id: p.id })).status).toBe('PROPOSED');
      expect(await statusOf(s.id)).toBe('SUSPENDED');
      expect(await used(w.qa.id)).toBe(1);
    });

    it('refuses a start date before the student entered their status, naming startDate', async () => {
      const { p } = await proposed();
      expect(fieldsOf((await confirm(p.id, { position: 'x', startDate: '2019-01-01' }).expect(400)).body)).toEqual(['startDate']);
    });

    it('confirms a placement only once when two confirmations race', async () => {
      const { s, p, hrA } = await proposed();
      const results = await Promise.all([confirm(p.id, { position: 'a' }, hrA), confirm(p.id, { position: 'b' })]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(await statusOf(s.id)).toBe('INTERNING');
      expect((await auditOf(p.id)).filter((e) => e.action === 'placement.confirmed')).toHaveLength(1);
    });

    it('declines a placement, freeing the seat, and lets the student be proposed again', async () => {
      const { w, s, p, hrA } = await proposed(1);
      expect(await used(w.qa.id)).toBe(1);
      const res = await decline(p.id, { reason: ' 专业不对口 ' }, hrA).expect(200);
      expect(res.body).toMatchObject({ status: 'DECLINED', declineReason: '专业不对口' });
      expect(await used(w.qa.id)).toBe(0);
      expect((await auditOf(p.id))[0]).toMatchObject({
        action: 'placement.declined',
        after: expect.objectContaining({ reason: '专业不对口' }),
      });
      expect(await statusOf(s.id)).toBe('ENROLLED');
      await create({ studentId: s.id, enterpriseId: w.b.id, type: 'INTERNSHIP', startDate: '2021-08-01' }).expect(201);
    });

    it('names every bad field of a confirmation or a decline', async () => {
      const { p } = await proposed();
      const bad = await confirm(p.id, {
        position: '',
        supervisorName: 5,
        startDate: '2021-13-01',
        monthlySalaryFen: 12.5,
        extra: 1,
      }).expect(400);
      expect(fieldsOf(bad.body)).toEqual(['extra', 'monthlySalaryFen', 'position', 'startDate', 'supervisorName']);
      expect(fieldsOf((await decline(p.id, { reason: '   ' }).expect(400)).body)).toEqual(['reason']);
      expect(fieldsOf((await decline(p.id, {}).expect(400)).body)).toEqual(['reason']);
    });
  });

  describe('jobs where the student interned: the internship seat carries over', () => {
    it('proposes a job at the internship enterprise whose quota is full, by hand and by the rule, using no more seats', async () => {
      const w = await world({ a: 2, b: 2 });
      const s1 = await intern(w.cohortId, w.a.id);
      const s2 = await intern(w.cohortId, w.a.id, { intendedEnterpriseId: w.b.id });
      expect(await used(w.qa.id)).toBe(2);
      const byHand = await job(s1.id, w.a.id).expect(201);
      expect(byHand.body).toMatchObject({ enterpriseId: w.a.id, quotaId: w.qa.id, type: 'EMPLOYMENT', holdsSeat: false });
      const run = await proposeJobs(w.cohortId).expect(200);
      expect(run.body).toEqual({ proposed: [{ placementId: expect.any(Number), studentId: s2.id, enterpriseId: w.a.id }], unplaced: [] });
      expect([await used(w.qa.id), await used(w.qb.id)]).toEqual([2, 0]);
      expect((await auditOf(run.body.proposed[0].placementId))[0]).toMatchObject({
        action: 'placement.proposed',
        after: expect.objectContaining({ holdsSeat: false, by: 'RULES' }),
      });
      const confirmed = await confirm(byHand.body.id, { position: '装配工' }).expect(200);
      expect(confirmed.body).toMatchObject({ status: 'CONFIRMED', holdsSeat: false });
      expect(await statusOf(s1.id)).toBe('EMPLOYED');
      expect(await used(w.qa.id)).toBe(2);
    });

    it('leaves the internship seat taken when a carried-over job is declined', async () => {
      const w = await world({ a: 1, b: 1 });
      const s = await intern(w.cohortId, w.a.id);
      const p = (await job(s.id, w.a.id).expect(201)).body;
      const res = await decline(p.id, { reason: '未留用' }).expect(200);
      expect(res.body).toMatchObject({ status: 'DECLINED', holdsSeat: false });
      expect(await used(w.qa.id)).toBe(1);
      expect((await auditOf(p.id))[0]).toMatchObject({
        action: 'placement.declined',
        after: expect.objectContaining({ reason: '未留用', seatFreed: false }),
      });
      const other = await enrolled(w.cohortId);
      const full = await create({ studentId: other.id, enterpriseId: w.a.id, type: 'INTERNSHIP', startDate: '2021-07-01' }).expect(409);
      expect(full.body.code).toBe('CAPACITY_FULL');
    });

    it('needs a free seat for a job at another enterprise, and keeps the internship seat', async () => {
      const w = await world({ a: 1, b: 1 });
      const s = await intern(w.cohortId, w.a.id);
      const other = await enrolled(w.cohortId);
      const otherInternship = (
        await create({ studentId: other.id, enterpriseId: w.b.id, type: 'INTERNSHIP', startDate: '2021-07-01' }).expect(201)
      ).body;
      const full = await job(s.id, w.b.id).expect(409);
      expect(full.body).toMatchObject({ code: 'CAPACITY_FULL', message: `All 1 seats of enterprise ${w.b.id} in major M01 are taken` });
      await decline(otherInternship.id).expect(200);
      expect((await job(s.id, w.b.id).expect(201)).body).toMatchObject({ enterpriseId: w.b.id, holdsSeat: true });
      expect([await used(w.qa.id), await used(w.qb.id)]).toEqual([1, 1]);
    });

    it('gives the last seat at another enterprise to only one of two graduates racing for it', async () => {
      const w = await world({ a: 2, b: 1 });
      const s1 = await intern(w.cohortId, w.a.id);
      const s2 = await intern(w.cohortId, w.a.id);
      const results = await Promise.all([job(s1.id, w.b.id), job(s2.id, w.b.id)]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(results.find((r) => r.status === 409)!.body.code).toBe('CAPACITY_FULL');
      expect([await used(w.qa.id), await used(w.qb.id)]).toEqual([2, 1]);
    });

    it('never goes over a quota, nor proposes a job twice, when two runs race', async () => {
      const w = await world({ a: 2, b: 1 });
      await intern(w.cohortId, w.a.id);
      await intern(w.cohortId, w.a.id);
      for (let i = 0; i < 2; i++) await saveStudent(t.dataSource, w.cohortId, { status: 'GRADUATED', majorCode: 'M01' });
      const [r1, r2] = await Promise.all([proposeJobs(w.cohortId), proposeJobs(w.cohortId)]);
      expect([r1.status, r2.status].filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
      expect([await used(w.qa.id), await used(w.qb.id)]).toEqual([2, 1]);
      const jobs = await t.dataSource
        .getRepository(PlacementEntity)
        .findBy({ cohortId: w.cohortId, type: 'EMPLOYMENT', status: 'PROPOSED' });
      expect(jobs.filter((p) => !p.holdsSeat).map((p) => p.enterpriseId)).toEqual([w.a.id, w.a.id]);
      expect(jobs.filter((p) => p.holdsSeat).map((p) => p.enterpriseId)).toEqual([w.b.id]);
    });
  });

  describe('one eligibility rule for proposals by hand, by the run and for the confirmation', () => {
    const placementsOf = (studentId: number) => t.dataSource.getRepository(PlacementEntity).findBy({ studentId });

    it('refuses by hand, and leaves unplaced in the run with the same reason, an internship starting before the enrolment', async () => {
      const w = await world({ a: 5, b: 0 });
      const late = await enrolled(w.cohortId, { statusEffectiveDate: '2021-09-01' });
      const onTime = await enrolled(w.cohortId);
      const byHand = await create({ studentId: late.id, enterpriseId: w.a.id, type: 'INTERNSHIP', startDate: '2021-07-01' }).expect(400);
      const reason = "startDate: must not be before 2021-09-01, when the student's status ENROLLED took effect";
      expect(byHand.body).toMatchObject({ code: 'VALIDATION_FAILED', message: reason });
      expect(fieldsOf(byHand.body)).toEqual(['startDate']);
      const run = await propose(w.cohortId, { startDate: '2021-07-01' }).expect(200);
      expect(run.body).toEqual({
        proposed: [{ placementId: expect.any(Number), studentId: onTime.id, enterpriseId: w.a.id }],
        unplaced: [{ studentId: late.id, reason }],
      });
      expect(await placementsOf(late.id)).toEqual([]);
      expect(await used(w.qa.id)).toBe(1);
    });

    it('proposes from the day the status took effect, and that proposal can be confirmed as it stands', async () => {
      const w = await world({ a: 5, b: 0 });
      const late = await enrolled(w.cohortId, { statusEffectiveDate: '2021-09-01' });
      const byHand = (await create({ studentId: late.id, enterpriseId: w.a.id, type: 'INTERNSHIP', startDate: '2021-09-01' }).expect(201))
        .body;
      await confirm(byHand.id).expect(200);
      expect(await statusOf(late.id)).toBe('INTERNING');
      const other = await enrolled(w.cohortId, { statusEffectiveDate: '2021-09-01' });
      const run = await propose(w.cohortId, { startDate: '2021-09-01' }).expect(200);
      expect(run.body.proposed.map((p: { studentId: number }) => p.studentId)).toEqual([other.id]);
      await confirm(run.body.proposed[0].placementId).expect(200);
      expect(await statusOf(other.id)).toBe('INTERNING');
    });

    it('holds jobs to the graduation date the same way', async () => {
      const w = await world({ a: 5, b: 0 });
      const graduate = await saveStudent(t.dataSource, w.cohortId, {
        status: 'GRADUATED',
        majorCode: 'M01',
        statusEffectiveDate: '2022-06-30',
      });
      const byHand = await job(graduate.id, w.a.id).expect(201);
      await decline(byHand.body.id).expect(200);
      const early = { studentId: graduate.id, enterpriseId: w.a.id, type: 'EMPLOYMENT', startDate: '2022-06-01' };
      const refused = await create(early).expect(400);
      const run = await proposeJobs(w.cohortId, '2022-06-01').expect(200);
      expect(run.body).toEqual({ proposed: [], unplaced: [{ studentId: graduate.id, reason: refused.body.message }] });
      expect(refused.body.message).toBe("startDate: must not be before 2022-06-30, when the student's status GRADUATED took effect");
    });

    it('gives a student without a major the same refusal by hand (409) and in the run', async () => {
      const w = await world({ a: 5, b: 0 });
      const noMajor = await enrolled(w.cohortId, { majorCode: null });
      const byHand = await create({ studentId: noMajor.id, enterpriseId: w.a.id, type: 'INTERNSHIP', startDate: '2021-07-01' }).expect(409);
      expect(byHand.body).toMatchObject({
        code: 'CONFLICT',
        message: `Student ${noMajor.id} has no major, and quotas are offered per major`,
      });
      expect((await propose(w.cohortId).expect(200)).body.unplaced).toEqual([{ studentId: noMajor.id, reason: byHand.body.message }]);
    });

    it('passes over in the run, without listing them, students with an open placement or in another status', async () => {
      const w = await world({ a: 5, b: 0 });
      const s = await enrolled(w.cohortId);
      await create({ studentId: s.id, enterpriseId: w.a.id, type: 'INTERNSHIP', startDate: '2021-07-01' }).expect(201);
      await saveStudent(t.dataSource, w.cohortId, { status: 'SUSPENDED', majorCode: 'M01' });
      expect((await propose(w.cohortId).expect(200)).body).toEqual({ proposed: [], unplaced: [] });
    });
  });

  describe('a student who withdraws', () => {
    it('has their proposed placements declined for the withdrawal and their seats freed, in the same step', async () => {
      const w = await world({ a: 1, b: 1 });
      const s = await enrolled(w.cohortId);
      const stays = await enrolled(w.cohortId);
      const p = (await create({ studentId: s.id, enterpriseId: w.a.id, type: 'INTERNSHIP', startDate: '2021-07-01' }).expect(201)).body;
      const kept = (await create({ studentId: stays.id, enterpriseId: w.b.id, type: 'INTERNSHIP', startDate: '2021-07-01' }).expect(201))
        .body;
      await changeStatus(s.id, { status: 'WITHDRAWN', reason: '转学', effectiveDate: '2020-03-01' }).expect(200);
      expect(await t.dataSource.getRepository(PlacementEntity).findOneByOrFail({ id: p.id })).toMatchObject({
        status: 'DECLINED',
        declineReason: 'Student withdrawn on 2020-03-01: 转学',
        decidedAt: expect.any(String),
      });
      expect((await t.dataSource.getRepository(PlacementEntity).findOneByOrFail({ id: kept.id })).status).toBe('PROPOSED');
      expect([await used(w.qa.id), await used(w.qb.id)]).toEqual([0, 1]);
      const staffId = (await t.http().get('/api/auth/me').set(bearer(staff)).expect(200)).body.id;
      expect((await auditOf(p.id))[0]).toMatchObject({
        action: 'placement.declined',
        actorId: staffId,
        after: expect.objectContaining({ status: 'DECLINED', reason: 'Student withdrawn on 2020-03-01: 转学', seatFreed: true }),
      });
      expect((await confirm(p.id).expect(409)).body.message).toBe(
        `Placement ${p.id} is DECLINED; only a PROPOSED placement can be confirmed`,
      );
      const other = await enrolled(w.cohortId);
      await create({ studentId: other.id, enterpriseId: w.a.id, type: 'INTERNSHIP', startDate: '2021-07-01' }).expect(201);
    });

    it('keeps a confirmed internship as it is', async () => {
      const w = await world({ a: 1, b: 0 });
      const s = await enrolled(w.cohortId);
      const p = (await create({ studentId: s.id, enterpriseId: w.a.id, type: 'INTERNSHIP', startDate: '2021-07-01' }).expect(201)).body;
      await confirm(p.id).expect(200);
      await changeStatus(s.id, { status: 'WITHDRAWN', effectiveDate: '2021-09-01' }).expect(200);
      expect((await t.dataSource.getRepository(PlacementEntity).findOneByOrFail({ id: p.id })).status).toBe('CONFIRMED');
      expect(await used(w.qa.id)).toBe(1);
    });

    it('and a confirmation racing the withdrawal end in one consistent outcome, never an error', async () => {
      const w = await world({ a: 1, b: 0 });
      const s = await enrolled(w.cohortId);
      const p = (await create({ studentId: s.id, enterpriseId: w.a.id, type: 'INTERNSHIP', startDate: '2021-07-01' }).expect(201)).body;
      const [withdrawal, confirmation] = await Promise.all([
        changeStatus(s.id, { status: 'WITHDRAWN', effectiveDate: '2021-08-01' }),
        confirm(p.id),
      ]);
      expect([withdrawal.status, confirmation.status]).toContain(200);
      expect([200, 409]).toEqual(expect.arrayContaining([withdrawal.status, confirmation.status]));
      const placement = await t.dataSource.getRepository(PlacementEntity).findOneByOrFail({ id: p.id });
      if (confirmation.status === 200) {
        expect([placement.status, await used(w.qa.id)]).toEqual(['CONFIRMED', 1]);
        expect(await statusOf(s.id)).toBe(withdrawal.status === 200 ? 'WITHDRAWN' : 'INTERNING');
      } else {
        expect([placement.status, await used(w.qa.id), await statusOf(s.id)]).toEqual(['DECLINED', 0, 'WITHDRAWN']);
      }
    });
  });

  describe('GET /api/placements', () => {
    it('lists with filters for staff, and only its own placements for an enterprise', async () => {
      const w = await world({ a: 2, b: 2 });
      const s1 = await enrolled(w.cohortId);
      const s2 = await enrolled(w.cohortId);
      const pa = (await create({ studentId: s1.id, enterpriseId: w.a.id, type: 'INTERNSHIP', startDate: '2021-07-01' }).expect(201)).body;
      const pb = (await create({ studentId: s2.id, enterpriseId: w.b.id, type: 'INTERNSHIP', startDate: '2021-07-01' }).expect(201)).body;
      await decline(pb.id).expect(200);
      const all = await t.http().get(`/api/placements?cohortId=${w.cohortId}`).set(bearer(staff)).expect(200);
      expect(all.body).toMatchObject({ total: 2, page: 1, pageSize: 50 });
      const declined = await t
        .http()
        .get(`/api/placements?cohortId=${w.cohortId}&status=DECLINED&type=INTERNSHIP`)
        .set(bearer(staff))
        .expect(200);
      expect(declined.body.items.map((p: { id: number }) => p.id)).toEqual([pb.id]);
      const byB = await t.http().get(`/api/placements?cohortId=${w.cohortId}&enterpriseId=${w.b.id}`).set(bearer(admin)).expect(200);
      expect(byB.body.total).toBe(1);
      const hrA = await signInAs(t, 'enterprise', { enterpriseId: w.a.id });
      const own = await t.http().get('/api/placements').set(bearer(hrA)).expect(200);
      expect(own.body.items.map((p: { id: number }) => p.id)).toEqual([pa.id]);
      const others = await t.http().get(`/api/placements?enterpriseId=${w.b.id}`).set(bearer(hrA)).expect(200);
      expect(others.body).toMatchObject({ items: [], total: 0 });
    });

    it('names bad filters', async () => {
      const res = await t.http().get('/api/placements?status=DONE&type=JOB&cohortId=x&pageSize=501').set(bearer(staff)).expect(400);
      expect(fieldsOf(res.body)).toEqual(['cohortId', 'pageSize', 'status', 'type']);
    });
  });

  describe('GET /api/enterprises/:id/students', () => {
    it('lists students placed with the enterprise as well as those who intend to work there', async () => {
      const w = await world({ a: 2, b: 2 });
      const intending = await enrolled(w.cohortId, { intendedEnterpriseId: w.b.id });
      const placed = await enrolled(w.cohortId, { intendedEnterpriseId: w.a.id });
      await create({ studentId: placed.id, enterpriseId: w.b.id, type: 'INTERNSHIP', startDate: '2021-07-01' }).expect(201);
      const hrB = await signInAs(t, 'enterprise', { enterpriseId: w.b.id });
      const res = await t.http().get(`/api/enterprises/${w.b.id}/students`).set(bearer(hrB)).expect(200);
      expect(res.body.items.map((s: { id: number }) => s.id)).toEqual([intending.id, placed.id]);
      expect(res.body.total).toBe(2);
    });
  });

  describe('GET /api/cohorts/:id/placement-report', () => {
    it('counts by major and by enterprise with the employment rate, and downloads the same as CSV', async () => {
      const w = await world({ a: 3, b: 3, bM02: 2 });
      const enterpriseName = (await t.dataSource.getRepository(EnterpriseEntity).findOneByOrFail({ id: w.a.id })).name;
      const g1 = await saveStudent(t.dataSource, w.cohortId, { status: 'GRADUATED', majorCode: 'M01', statusEffectiveDate: '2022-06-30' });
      const g2 = await saveStudent(t.dataSource, w.cohortId, { status: 'GRADUATED', majorCode: 'M01', statusEffectiveDate: '2022-06-30' });
      await saveStudent(t.dataSource, w.cohortId, { status: 'GRADUATED', majorCode: 'M02', statusEffectiveDate: '2022-06-30' });
      const s = await enrolled(w.cohortId);
      const job = (await create({ studentId: g1.id, enterpriseId: w.a.id, type: 'EMPLOYMENT', startDate: '2022-07-01' }).expect(201)).body;
      await confirm(job.id, { position: '装配工', monthlySalaryFen: 480000 }).expect(200);
      const declined = (await create({ studentId: g2.id, enterpriseId: w.a.id, type: 'EMPLOYMENT', startDate: '2022-07-01' }).expect(201))
        .body;
      await decline(declined.id).expect(200);
      await create({ studentId: s.id, enterpriseId: w.b.id, type: 'INTERNSHIP', startDate: '2021-07-01' }).expect(201);

      const res = await t.http().get(`/api/cohorts/${w.cohortId}/placement-report`).set(bearer(staff)).expect(200);
      expect(res.body.byMajor).toEqual([
        expect.objectContaining({
          majorCode: 'M01',
          proposed: 1,
          confirmed: 1,
          declined: 1,
          graduates: 2,
          employed: 1,
          employmentRate: 0.5,
        }),
        expect.objectContaining({ majorCode: 'M02', proposed: 0, confirmed: 0, declined: 0, graduates: 1, employed: 0, employmentRate: 0 }),
      ]);
      expect(res.body.byEnterprise).toEqual([
        { enterpriseId: w.a.id, enterpriseName, proposed: 0, confirmed: 1, declined: 1, graduates: 2, employed: 1, employmentRate: 0.5 },
        expect.objectContaining({
          enterpriseId: w.b.id,
          proposed: 1,
          confirmed: 0,
          declined: 0,
          graduates: 0,
          employed: 0,
          employmentRate: null,
        }),
      ]);
      expect(res.body.total).toEqual({ proposed: 1, confirmed: 1, declined: 1, graduates: 3, employed: 1, employmentRate: 0.3333 });

      const jobsOnly = await t.http().get(`/api/cohorts/${w.cohortId}/placement-report?type=EMPLOYMENT`).set(bearer(admin)).expect(200);
      expect(jobsOnly.body.total).toMatchObject({ proposed: 0, confirmed: 1, declined: 1, employed: 1 });

      const csv = await t.http().get(`/api/cohorts/${w.cohortId}/placement-report?format=csv`).set(bearer(staff)).buffer(true).expect(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toContain(`cohort-${w.cohortId}-placement-report.csv`);
      const text = Buffer.from(csv.text ?? csv.body, 'utf8').toString();
      expect(text.charCodeAt(0)).toBe(0xfeff);
      const lines = text.slice(1).trim().split('\r\n');
      expect(lines[0]).toContain('就业率 employment rate');
      expect(lines).toContain('专业 major,M01,机械加工技术 Mechanical processing,1,1,1,2,1,50.0%');
      expect(lines[lines.length - 1]).toBe('合计 total,,,1,1,1,3,1,33.3%');
    });

    it('answers 404 for an unknown cohort and 400 for a bad format', async () => {
      await t.http().get('/api/cohorts/99999/placement-report').set(bearer(staff)).expect(404);
      const setup = await saveCohortWithMajors(t.dataSource);
      expect(
        fieldsOf((await t.http().get(`/api/cohorts/${setup.cohort.id}/placement-report?format=pdf`).set(bearer(staff)).expect(400)).body),
      ).toEqual(['format']);
    });
  });
});
