import { Role } from '../src/common/auth/auth-user';
import { studentBody } from './factories/bodies';
import { createCohort, createEnterprise, createMajor } from './factories/reference-api';
import { bearer, createTestApp, loginAdmin, signInAs, TestApp } from './utils/test-app';

/**
 * The whole road of a small Yunnan–Guizhou-like class over HTTP: intake, admission, majors, enrolment,
 * internships proposed, confirmed and declined, a second proposal, graduation, jobs proposed where each
 * student interned (in the seat the internship already holds), confirmed and declined.
 */
describe('Placements: the whole path of a class (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let staff: string;
  let hrA: string;
  let hrB: string;
  let studentToken: string;
  let cohortId: number;
  let a: number;
  let b: number;
  const students: number[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
    staff = await signInAs(t, 'staff');
  });
  afterAll(() => t.close());

  const post = (path: string, body: Record<string, unknown>, token = staff) => t.http().post(path).set(bearer(token)).send(body);
  const get = (path: string, token = staff) => t.http().get(path).set(bearer(token));
  const statuses = async () =>
    Promise.all(students.map(async (id) => (await get(`/api/students/${id}`).expect(200)).body.status as string));
  const quotaUse = async () =>
    Object.fromEntries(
      (
        (await get(`/api/cohorts/${cohortId}/quotas`).expect(200)).body.items as Array<{
          enterpriseId: number;
          majorCode: string;
          used: number;
        }>
      ).map((q) => [`${q.enterpriseId === a ? 'A' : 'B'}-${q.majorCode}`, q.used]),
    );
  const report = async () => (await get(`/api/cohorts/${cohortId}/placement-report`).expect(200)).body;

  it('sets up a class: programme, cohort, majors, enterprises with quotas, five applicants', async () => {
    cohortId = (await createCohort(t, staff)).id;
    await createMajor(t, staff, cohortId, { code: 'M01', capacity: 10 });
    await createMajor(t, staff, cohortId, { code: 'M02', name: '装配钳工 Assembly fitter', capacity: 10 });
    a = (await createEnterprise(t, staff)).id;
    b = (await createEnterprise(t, staff)).id;
    await post(`/api/cohorts/${cohortId}/quotas`, { enterpriseId: a, majorCode: 'M01', seats: 3 }).expect(201);
    await post(`/api/cohorts/${cohortId}/quotas`, { enterpriseId: b, majorCode: 'M01', seats: 2 }).expect(201);
    await post(`/api/cohorts/${cohortId}/quotas`, { enterpriseId: b, majorCode: 'M02', seats: 1 }).expect(201);
    const applicants = [
      { majorPreferences: ['M01'], intendedEnterpriseId: a },
      { majorPreferences: ['M01'], intendedEnterpriseId: a },
      { majorPreferences: ['M01'], intendedEnterpriseId: b },
      { majorPreferences: ['M01'] },
      { majorPreferences: ['M02'], intendedEnterpriseId: a },
    ];
    for (const applicant of applicants)
      students.push((await post(`/api/cohorts/${cohortId}/students`, studentBody(applicant)).expect(201)).body.id);
    hrA = await signInAs(t, 'enterprise', { enterpriseId: a });
    hrB = await signInAs(t, 'enterprise', { enterpriseId: b });
    studentToken = await signInAs(t, 'student', { studentId: students[0] });
  });

  it('admits, assigns majors and enrols every student', async () => {
    for (const [i, id] of students.entries()) {
      await post(`/api/students/${id}/status`, { status: 'ADMITTED', effectiveDate: '2096-07-15' }).expect(200);
      await t
        .http()
        .put(`/api/students/${id}/major`)
        .set(bearer(staff))
        .send({ majorCode: i === 4 ? 'M02' : 'M01', reason: 'first choice' })
        .expect(200);
      await post(`/api/students/${id}/status`, { status: 'ENROLLED', effectiveDate: '2096-09-01' }).expect(200);
    }
    expect(await statuses()).toEqual(Array(5).fill('ENROLLED'));
  });

  it('proposes internships: intended enterprise first, then most free seats', async () => {
    const res = await post(`/api/cohorts/${cohortId}/internships/propose`, { startDate: '2098-07-01' }).expect(200);
    expect(res.body.proposed.map((p: { studentId: number; enterpriseId: number }) => [p.studentId, p.enterpriseId])).toEqual([
      [students[0], a],
      [students[1], a],
      [students[2], b],
      [students[3], a],
      [students[4], b],
    ]);
    expect(res.body.unplaced).toEqual([]);
    expect(await quotaUse()).toEqual({ 'A-M01': 3, 'B-M01': 1, 'B-M02': 1 });
    expect((await report()).total).toMatchObject({ proposed: 5, confirmed: 0, declined: 0 });
  });

  it('lets enterprise A confirm two and decline one, and enterprise B confirm its own but not A’s', async () => {
    const mine = (await get('/api/placements?status=PROPOSED', hrA).expect(200)).body.items as Array<{ id: number; studentId: number }>;
    expect(mine.map((p) => p.studentId)).toEqual([students[0], students[1], students[3]]);
    await post(`/api/placements/${mine[0].id}/confirm`, { position: '数控车工', monthlySalaryFen: 300000 }, hrA).expect(200);
    await post(`/api/placements/${mine[1].id}/confirm`, { position: '装配工' }, hrA).expect(200);
    await post(`/api/placements/${mine[2].id}/decline`, { reason: '岗位调整' }, hrA).expect(200);
    await post(`/api/placements/${mine[2].id}/confirm`, { position: 'x' }, hrA).expect(409);
    await post(`/api/placements/${mine[0].id}/decline`, { reason: 'x' }, hrB).expect(404);
    const theirs = (await get('/api/placements?status=PROPOSED', hrB).expect(200)).body.items as Array<{ id: number }>;
    for (const p of theirs) await post(`/api/placements/${p.id}/confirm`, { position: '电工' }, hrB).expect(200);
    expect(await statuses()).toEqual(['INTERNING', 'INTERNING', 'INTERNING', 'ENROLLED', 'INTERNING']);
    expect(await quotaUse()).toEqual({ 'A-M01': 2, 'B-M01': 1, 'B-M02': 1 });
    const sponsored = (await get(`/api/enterprises/${b}/students`, hrB).expect(200)).body.items.map((s: { id: number }) => s.id);
    expect(sponsored).toEqual([students[2], students[4]]);
  });

  it('proposes again for the declined student only, into the seat the decline freed', async () => {
    const res = await post(`/api/cohorts/${cohortId}/internships/propose`, { startDate: '2098-08-01' }).expect(200);
    expect(res.body).toEqual({ proposed: [{ placementId: expect.any(Number), studentId: students[3], enterpriseId: a }], unplaced: [] });
    await post(`/api/placements/${res.body.proposed[0].placementId}/confirm`, { position: '数控车工' }, hrA).expect(200);
    expect(await quotaUse()).toEqual({ 'A-M01': 3, 'B-M01': 1, 'B-M02': 1 });
    const r = await report();
    expect(r.total).toEqual({ proposed: 0, confirmed: 5, declined: 1, graduates: 0, employed: 0, employmentRate: null });
  });

  it('graduates the class and proposes every intern a job where they interned, in the seat they already hold', async () => {
    for (const id of students) await post(`/api/students/${id}/status`, { status: 'GRADUATED', effectiveDate: '2099-06-30' }).expect(200);
    const res = await post(`/api/cohorts/${cohortId}/employment/propose`, { startDate: '2099-07-01' }).expect(200);
    expect(res.body.proposed.map((p: { studentId: number; enterpriseId: number }) => [p.studentId, p.enterpriseId])).toEqual([
      [students[0], a],
      [students[1], a],
      [students[2], b],
      [students[3], a],
      [students[4], b],
    ]);
    expect(res.body.unplaced).toEqual([]);
    // A is full of its own interns, and each job carries its intern's seat over: nothing more is used.
    expect(await quotaUse()).toEqual({ 'A-M01': 3, 'B-M01': 1, 'B-M02': 1 });
    const jobs = (await get(`/api/placements?type=EMPLOYMENT&cohortId=${cohortId}`).expect(200)).body.items;
    expect(jobs.map((j: { holdsSeat: boolean }) => j.holdsSeat)).toEqual(Array(5).fill(false));
  });

  it('confirms four jobs and declines one, keeping the intern’s seat, and reports the employment rate', async () => {
    const jobsAt = async (token: string) =>
      (await get(`/api/placements?type=EMPLOYMENT&status=PROPOSED&cohortId=${cohortId}`, token).expect(200)).body.items as Array<{
        id: number;
        studentId: number;
      }>;
    const [job0, job1, job3] = await jobsAt(hrA);
    await post(
      `/api/placements/${job0.id}/confirm`,
      { position: '数控车工', monthlySalaryFen: 520000, startDate: '2099-07-04' },
      hrA,
    ).expect(200);
    await post(`/api/placements/${job1.id}/confirm`, { position: '装配工' }, hrA).expect(200);
    await post(`/api/placements/${job3.id}/decline`, { reason: '未留用' }, hrA).expect(200);
    for (const job of await jobsAt(hrB)) await post(`/api/placements/${job.id}/confirm`, { position: '电工' }, hrB).expect(200);
    expect(await statuses()).toEqual(['EMPLOYED', 'EMPLOYED', 'EMPLOYED', 'GRADUATED', 'EMPLOYED']);
    // The declined job held no seat of its own, so A's seats stay taken by its three former interns.
    expect(await quotaUse()).toEqual({ 'A-M01': 3, 'B-M01': 1, 'B-M02': 1 });
    const r = await report();
    expect(r.total).toEqual({ proposed: 0, confirmed: 9, declined: 2, graduates: 5, employed: 4, employmentRate: 0.8 });
    expect(r.byMajor.find((m: { majorCode: string }) => m.majorCode === 'M01')).toMatchObject({
      graduates: 4,
      employed: 3,
      employmentRate: 0.75,
    });
    expect(r.byEnterprise.find((e: { enterpriseId: number }) => e.enterpriseId === a)).toMatchObject({
      confirmed: 5,
      declined: 2,
      graduates: 3,
      employed: 2,
      employmentRate: 0.6667,
    });
    expect(r.byEnterprise.find((e: { enterpriseId: number }) => e.enterpriseId === b)).toMatchObject({
      confirmed: 4,
      graduates: 2,
      employed: 2,
      employmentRate: 1,
    });
    const audit = (await get(`/api/audit?entityType=placement&entityId=${job0.id}`, admin).expect(200)).body.items;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['placement.confirmed', 'placement.proposed']);
    const declined = (await get(`/api/audit?entityType=placement&entityId=${job3.id}`, admin).expect(200)).body.items;
    expect(declined[0]).toMatchObject({ action: 'placement.declined', after: expect.objectContaining({ seatFreed: false }) });
  });

  it('refuses every role that may never call a placement route', async () => {
    const refused: Array<[string, string, Role[]]> = [
      ['post', `/api/cohorts/${cohortId}/internships/propose`, ['enterprise', 'student']],
      ['post', `/api/cohorts/${cohortId}/employment/propose`, ['enterprise', 'student']],
      ['post', '/api/placements', ['enterprise', 'student']],
      ['get', '/api/placements', ['student']],
      ['post', '/api/placements/1/confirm', ['student']],
      ['post', '/api/placements/1/decline', ['student']],
      ['get', `/api/cohorts/${cohortId}/placement-report`, ['enterprise', 'student']],
    ];
    const tokens: Partial<Record<Role, string>> = { enterprise: hrA, student: studentToken };
    for (const [method, path, roles] of refused) {
      await t.http()[method as 'get' | 'post'](path).expect(401);
      for (const role of roles) await t.http()[method as 'get' | 'post'](path).set(bearer(tokens[role]!)).send({}).expect(403);
    }
  });
});
