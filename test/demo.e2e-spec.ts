import { DataSource } from 'typeorm';
import { DEMO_APPLICANT_COUNT } from '../src/demo/demo-data';
import { DEMO_LOGINS, seedDemo } from '../src/demo/seed-demo';
import { StudentEntity } from '../src/students/student.entity';
import { bearer, createTestApp, login, TestApp } from './utils/test-app';

describe('Demo seed (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('seeds the 2019 class once; running it again adds nothing', async () => {
    expect(await seedDemo(t.app)).toBe(true);
    const count = () => t.app.get(DataSource).getRepository(StudentEntity).count();
    expect(await count()).toBe(DEMO_APPLICANT_COUNT);
    expect(await seedDemo(t.app)).toBe(false);
    expect(await count()).toBe(DEMO_APPLICANT_COUNT);
  });

  it('gives working sign-ins for staff, an enterprise and a student', async () => {
    const [staff, hr, student] = await Promise.all(DEMO_LOGINS.map((l) => login(t, l.username, l.password)));
    const programs = await t.http().get('/api/programs').set(bearer(staff)).expect(200);
    expect(programs.body.items.map((p: { code: string; funder: string }) => [p.code, p.funder])).toEqual([
      ['YG2019', 'ENTERPRISE'],
      ['CX2020', 'GOVERNMENT'],
    ]);
    const cohort = (await t.http().get('/api/cohorts').set(bearer(staff)).expect(200)).body.items[0];
    const majors = await t.http().get(`/api/cohorts/${cohort.id}/majors`).set(bearer(staff)).expect(200);
    expect(majors.body.items.map((m: { code: string }) => m.code)).toEqual(['M01', 'M02', 'M03', 'M04']);

    const me = await t.http().get('/api/auth/me').set(bearer(hr)).expect(200);
    const sponsored = await t.http().get(`/api/enterprises/${me.body.enterpriseId}/students`).set(bearer(hr)).expect(200);
    expect(sponsored.body.total).toBeGreaterThan(30);

    const studentMe = await t.http().get('/api/auth/me').set(bearer(student)).expect(200);
    const record = await t.http().get(`/api/students/${studentMe.body.studentId}`).set(bearer(student)).expect(200);
    expect(record.body).toMatchObject({
      status: 'ENROLLED',
      statusEffectiveDate: '2019-09-01',
      majorCode: expect.any(String),
      nationalIdMasked: expect.stringMatching(/^\d{6}\*{8}[\dX]{4}$/),
    });
    expect(record.body.applicationDate >= '2019-03-01' && record.body.applicationDate <= '2019-05-31').toBe(true);
    expect(record.body.nationalId).toBeUndefined();
    // The first school year is history, paid on each line's due date; the two later years wait for staff.
    const money = await t.http().get('/api/me/disbursements').set(bearer(student)).expect(200);
    expect(money.body.totals).toMatchObject({ paidFen: 500000 + 500000 + 150000, scheduledFen: 2 * (500000 + 500000 + 150000) });
    for (const line of money.body.items as { dueDate: string; status: string; paidAt: string | null; reference: string | null }[]) {
      if (line.dueDate < '2020-09-01') {
        expect([line.status, line.paidAt]).toEqual(['PAID', new Date(`${line.dueDate}T00:00:00+08:00`).toISOString()]);
        expect(line.reference).toContain('系统启用前');
      } else expect(line.status).toBe('SCHEDULED');
    }
  });

  it("proposes the class's 2021 internships, which the enterprise can confirm", async () => {
    const hr = await login(t, DEMO_LOGINS[1].username, DEMO_LOGINS[1].password);
    const proposed = await t.http().get('/api/placements?status=PROPOSED').set(bearer(hr)).expect(200);
    expect(proposed.body.total).toBeGreaterThan(10);
    const [first] = proposed.body.items as { id: number; startDate: string }[];
    expect(first.startDate).toBe('2021-07-01');
    const confirmed = await t.http().post(`/api/placements/${first.id}/confirm`).set(bearer(hr)).send({ position: '数控车工' }).expect(200);
    expect(confirmed.body.status).toBe('CONFIRMED');
  });

  it('takes the 2019 class through admission, major assignment and enrolment', async () => {
    const staff = await login(t, DEMO_LOGINS[0].username, DEMO_LOGINS[0].password);
    const cohort = (await t.http().get('/api/cohorts').set(bearer(staff)).expect(200)).body.items[0];
    const enrolled = await t.http().get(`/api/cohorts/${cohort.id}/students?status=ENROLLED`).set(bearer(staff)).expect(200);
    expect(enrolled.body.items.every((s: { statusEffectiveDate: string }) => s.statusEffectiveDate === '2019-09-01')).toBe(true);
    const applied = await t.http().get(`/api/cohorts/${cohort.id}/students?status=APPLIED`).set(bearer(staff)).expect(200);
    expect(enrolled.body.total).toBeGreaterThan(100);
    expect(applied.body.items.every((s: { eligible: boolean }) => !s.eligible)).toBe(true);
    const majors = await t.http().get(`/api/cohorts/${cohort.id}/majors`).set(bearer(staff)).expect(200);
    for (const major of majors.body.items) expect(major.cutoffScore).toEqual(expect.any(Number));
  });

  it("pays the class's second year through a bank batch, skipping the students who have no account yet", async () => {
    const staff = await login(t, DEMO_LOGINS[0].username, DEMO_LOGINS[0].password);
    const cohort = (await t.http().get('/api/cohorts').set(bearer(staff)).expect(200)).body.items[0];
    await t
      .http()
      .post(`/api/cohorts/${cohort.id}/disbursements/approve-due`)
      .set(bearer(staff))
      .send({ dueOnOrBefore: '2020-09-30' })
      .expect(200);
    const batch = await t
      .http()
      .post('/api/payment-batches')
      .set(bearer(staff))
      .send({ cohortId: cohort.id, dueOnOrBefore: '2020-09-30' })
      .expect(201);
    expect(batch.body.lineCount).toBeGreaterThan(150);
    expect(batch.body.skipped.length).toBeGreaterThan(0);
    expect(batch.body.totalFen).toBe(batch.body.lineCount * 500000);
  });
});
