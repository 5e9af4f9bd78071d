import { DisbursementLineEntity } from '../src/disbursements/disbursement-line.entity';
import { CohortEntity } from '../src/programs/cohort.entity';
import { studentBody } from './factories/bodies';
import { CohortSetup, saveCohortWithMajors, saveEnterprise } from './factories/reference-data';
import { applicantRow, csv, ENGLISH_HEADER } from './factories/spreadsheets';
import { saveStudent } from './factories/students';
import { PageClient } from './utils/page-client';
import { pdfPages, squeeze } from './utils/pdf-text';
import { bearer, createTestApp, fixClock, loginAdmin, TestApp } from './utils/test-app';
import { binary } from './utils/binary';

// 07:30 on 3 December in Beijing is still 2 December in UTC: the hours in which a UTC "today" went wrong.
const MORNING_IN_BEIJING = '2026-12-02T23:30:00Z';
const BEIJING_TODAY = '2026-12-03';
const UTC_TODAY = '2026-12-02';
const PASSWORD = 'a-long-test-password';

describe('Business dates in Asia/Shanghai, at 07:30 Beijing time (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let setup: CohortSetup;
  let enterpriseId: number;
  let users = 0;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
    setup = await saveCohortWithMajors(t.dataSource);
    // Year 1's education fund and living allowance fall due on the start date, its winter fare on 10 January.
    await t.dataSource.getRepository(CohortEntity).update(setup.cohort.id, { startDate: BEIJING_TODAY });
    enterpriseId = (await saveEnterprise(t.dataSource)).id;
    fixClock(t, MORNING_IN_BEIJING);
  });
  afterAll(() => t.close());

  const api = (method: 'get' | 'post', path: string, token = admin) => t.http()[method](path).set(bearer(token));
  const enrolledStudent = async (cohortId = setup.cohort.id): Promise<number> => {
    const student = await saveStudent(t.dataSource, cohortId, {
      status: 'ADMITTED',
      majorCode: 'M01',
      intendedEnterpriseId: enterpriseId,
      statusEffectiveDate: '2026-09-01',
    });
    await api('post', `/api/students/${student.id}/status`).send({ status: 'ENROLLED', effectiveDate: '2026-11-01' }).expect(200);
    return student.id;
  };
  const scheduleOf = async (studentId: number) =>
    (await api('get', `/api/students/${studentId}/disbursements`).expect(200)).body.items as {
      id: number;
      kind: string;
      dueDate: string;
      status: string;
    }[];
  const winterFareOf = async (studentId: number) =>
    (await scheduleOf(studentId)).find((l) => l.kind === 'WINTER_FARE' && l.status === 'SCHEDULED')!;
  const account = async (role: 'enterprise' | 'staff' | 'student', binding: object = {}) => {
    const username = `dates-${role}-${++users}`;
    await api('post', '/api/users')
      .send({ username, password: PASSWORD, role, ...binding })
      .expect(201);
    return username;
  };
  const loginAs = async (username: string): Promise<string> =>
    (await t.http().post('/api/auth/login').send({ username, password: PASSWORD }).expect(200)).body.accessToken as string;
  const signedIn = async (username: string): Promise<PageClient> => {
    const client = new PageClient(t);
    expect((await client.signIn(username, PASSWORD)).status).toBe(303);
    return client;
  };

  it('tells operators the business date and its zone on /api/health', async () => {
    const res = await t.http().get('/api/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'up', businessDate: BEIJING_TODAY, timeZone: 'Asia/Shanghai' });
  });

  it('dates an intake on the Beijing date', async () => {
    const res = await api('post', `/api/cohorts/${setup.cohort.id}/students`).send(studentBody()).expect(201);
    expect(res.body).toMatchObject({ status: 'APPLIED', statusEffectiveDate: BEIJING_TODAY });
  });

  it('dates the students of an imported file on the Beijing date', async () => {
    const { cohort } = await saveCohortWithMajors(t.dataSource);
    await api('post', `/api/cohorts/${cohort.id}/students/import`)
      .attach('file', csv(ENGLISH_HEADER, [applicantRow()]), { filename: 'applicants.csv', contentType: 'text/csv' })
      .expect(201);
    const students = (await api('get', `/api/cohorts/${cohort.id}/students`).expect(200)).body.items as { statusEffectiveDate: string }[];
    expect(students.map((s) => s.statusEffectiveDate)).toEqual([BEIJING_TODAY]);
  });

  it('keeps the lines due today when a student withdraws without a date, and cancels the later ones', async () => {
    const studentId = await enrolledStudent();

    const res = await api('post', `/api/students/${studentId}/status`).send({ status: 'WITHDRAWN', reason: 'moved away' }).expect(200);

    expect(res.body.statusEffectiveDate).toBe(BEIJING_TODAY);
    const schedule = await scheduleOf(studentId);
    const statuses = (lines: typeof schedule) => lines.map((l) => `${l.kind} ${l.status}`).sort();
    expect(statuses(schedule.filter((l) => l.dueDate === BEIJING_TODAY))).toEqual([
      'EDUCATION_FUND SCHEDULED',
      'LIVING_ALLOWANCE SCHEDULED',
    ]);
    expect(new Set(schedule.filter((l) => l.dueDate > BEIJING_TODAY).map((l) => l.status))).toEqual(new Set(['CANCELLED']));
  });

  it('takes a fare paid today from the enterprise, whatever hour of today the instant names', async () => {
    const hr = await loginAs(await account('enterprise', { enterpriseId }));
    const pay = (lineId: number, paidAt: string, key: string) =>
      api('post', `/api/disbursements/${lineId}/pay`, hr).set('Idempotency-Key', key).send({ paidAt, reference: 'BOC 2026-12' });

    // Midnight UTC of the Beijing date is 08:00 Beijing: half an hour ahead, but today.
    const midnightUtc = await pay((await winterFareOf(await enrolledStudent())).id, `${BEIJING_TODAY}T00:00:00Z`, 'today-utc').expect(200);
    expect(midnightUtc.body).toMatchObject({ status: 'PAID', paidAt: `${BEIJING_TODAY}T00:00:00.000Z` });
    await pay((await winterFareOf(await enrolledStudent())).id, `${BEIJING_TODAY}T18:00:00+08:00`, 'today-evening').expect(200);
  });

  it('refuses a fare paid on the next Beijing day as in the future', async () => {
    const hr = await loginAs(await account('enterprise', { enterpriseId }));
    const line = await winterFareOf(await enrolledStudent());

    const res = await api('post', `/api/disbursements/${line.id}/pay`, hr)
      .set('Idempotency-Key', 'tomorrow')
      .send({ paidAt: '2026-12-04T00:00:00+08:00', reference: 'BOC 2026-12' })
      .expect(400);

    expect(res.body.details).toEqual([{ field: 'paidAt', message: `must not be in the future (after ${BEIJING_TODAY}, Asia/Shanghai)` }]);
  });

  it("offers today's Beijing date on the fare form and records it as the start of that day in Beijing", async () => {
    const lineId = (await winterFareOf(await enrolledStudent())).id;
    const client = await signedIn(await account('enterprise', { enterpriseId }));
    const page = await client.get('/enterprise/fares');
    expect(page.text).toContain(`name="lineIds" value="${lineId}"`);
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(page.text)![1];
    const paidOn = /name="paidOn" type="date" value="([^"]*)"/.exec(page.text)?.[1];
    expect(paidOn).toBe(BEIJING_TODAY);

    const res = await client.post('/enterprise/fares/pay', {
      idempotencyKey: key,
      lineIds: String(lineId),
      reference: 'BOC 2026-12',
      paidOn: paidOn!,
    });

    expect(res.status).toBe(303);
    expect((await client.get('/enterprise/fares')).text).toContain('已记录 1 笔路费的支付');
    const line = await t.dataSource.getRepository(DisbursementLineEntity).findOneByOrFail({ id: lineId });
    expect([line.status, line.paidAt]).toEqual(['PAID', '2026-12-02T16:00:00.000Z']);
  });

  it('dates an agreement issued now on the Beijing date', async () => {
    const agreement = await api('post', `/api/students/${await enrolledStudent()}/agreements`)
      .send({ kind: 'TRIPARTITE' })
      .expect(201);
    const pdf = await api('get', `/api/agreements/${agreement.body.id}/pdf`).buffer(true).parse(binary).expect(200);
    expect(squeeze((await pdfPages(pdf.body as Buffer)).join(''))).toContain('签发日期2026年12月3日');
  });

  it("shows a student yesterday's Beijing payment as overdue", async () => {
    const { cohort } = await saveCohortWithMajors(t.dataSource);
    await t.dataSource.getRepository(CohortEntity).update(cohort.id, { startDate: UTC_TODAY });
    const studentId = await enrolledStudent(cohort.id);
    const client = await signedIn(await account('student', { studentId }));

    const page = await client.get(`/student/${studentId}`);

    expect(page.text).toContain(`<strong id="next-date">${UTC_TODAY}</strong> （已到期，待发放）`);
  });

  it("offers today's Beijing date on the staff form approving what falls due", async () => {
    const client = await signedIn(await account('staff'));
    const page = await client.get('/staff');
    expect(page.text).toContain(`id="due-${setup.cohort.id}" name="dueOnOrBefore" type="date" value="${BEIJING_TODAY}"`);
  });
});

describe('Business dates with BUSINESS_TIME_ZONE=UTC (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ businessTimeZone: 'UTC' });
    fixClock(t, MORNING_IN_BEIJING);
  });
  afterAll(() => t.close());

  it('dates health and an intake on the UTC date', async () => {
    expect((await t.http().get('/api/health').expect(200)).body).toMatchObject({ businessDate: UTC_TODAY, timeZone: 'UTC' });
    const { cohort } = await saveCohortWithMajors(t.dataSource);
    const res = await t
      .http()
      .post(`/api/cohorts/${cohort.id}/students`)
      .set(bearer(await loginAdmin(t)))
      .send(studentBody())
      .expect(201);
    expect(res.body.statusEffectiveDate).toBe(UTC_TODAY);
  });
});
