import { studentBody } from './factories/bodies';
import { saveCohortWithMajors } from './factories/reference-data';
import { applicantRow, CHINESE_HEADER, csv } from './factories/spreadsheets';
import { bearer, createTestApp, fixClock, loginAdmin, signInAs, TestApp } from './utils/test-app';

interface Line {
  kind: string;
  studyYear: number;
  dueDate: string;
  status: string;
  statusCause: string | null;
  statusEffectiveDate: string | null;
}

// Issue 13: a class that started in 2019 is entered years later with its real dates, step by step.
describe('A class entered with its history (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let staff: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
    staff = await signInAs(t, 'staff');
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  // Two study years, the living allowance in ten monthly installments: a line falls on each side of every date below.
  const newCohort = () =>
    saveCohortWithMajors(t.dataSource, { program: { studyYears: 2, livingAllowanceInstallments: 10, eligibleHomeCounties: [] } });
  const move = (id: number, body: Record<string, unknown>) => t.http().post(`/api/students/${id}/status`).set(bearer(staff)).send(body);
  const linesOf = async (id: number): Promise<Line[]> =>
    (await t.http().get(`/api/students/${id}/disbursements`).set(bearer(admin)).expect(200)).body.items;
  /** Each line as `kind year due status [cause since]`. */
  const states = async (id: number) =>
    (await linesOf(id)).map((l) =>
      [l.kind, l.studyYear, l.dueDate, l.status, ...(l.statusCause ? [l.statusCause, l.statusEffectiveDate] : [])].join(' '),
    );

  it('walks a student from a 2019 application to a 2020 withdrawal, the lines following each effective date', async () => {
    const { cohort } = await newCohort();
    const created = await t
      .http()
      .post(`/api/cohorts/${cohort.id}/students`)
      .set(bearer(staff))
      .send(studentBody({ applicationDate: '2019-04-10' }))
      .expect(201);
    const id = created.body.id as number;
    expect(created.body).toMatchObject({ status: 'APPLIED', applicationDate: '2019-04-10', statusEffectiveDate: '2019-04-10' });

    expect((await move(id, { status: 'ADMITTED', effectiveDate: '2019-04-09' }).expect(400)).body.details).toEqual([
      { field: 'effectiveDate', message: 'must not be before 2019-04-10, when the current status APPLIED took effect' },
    ]);
    await move(id, { status: 'ADMITTED', reason: 'interview passed', effectiveDate: '2019-07-15' }).expect(200);
    await t.http().put(`/api/students/${id}/major`).set(bearer(staff)).send({ majorCode: 'M01', reason: 'first choice' }).expect(200);
    await move(id, { status: 'ENROLLED', effectiveDate: '2019-07-14' }).expect(400);
    await move(id, { status: 'ENROLLED', effectiveDate: '2019-09-01' }).expect(200);

    // The schedule runs from the cohort start, 2019-09-01, whatever today is.
    const scheduled = await states(id);
    expect(scheduled).toHaveLength(2 * 12);
    expect(scheduled.slice(0, 4)).toEqual([
      'EDUCATION_FUND 1 2019-09-01 SCHEDULED',
      'LIVING_ALLOWANCE 1 2019-09-01 SCHEDULED',
      'LIVING_ALLOWANCE 1 2019-10-01 SCHEDULED',
      'LIVING_ALLOWANCE 1 2019-11-01 SCHEDULED',
    ]);

    await move(id, { status: 'SUSPENDED', reason: 'illness', effectiveDate: '2019-12-01' }).expect(200);
    const held = await states(id);
    expect(held.slice(0, 6)).toEqual([
      'EDUCATION_FUND 1 2019-09-01 SCHEDULED',
      'LIVING_ALLOWANCE 1 2019-09-01 SCHEDULED',
      'LIVING_ALLOWANCE 1 2019-10-01 SCHEDULED',
      'LIVING_ALLOWANCE 1 2019-11-01 SCHEDULED',
      'LIVING_ALLOWANCE 1 2019-12-01 SUSPENDED SUSPENSION 2019-12-01',
      'LIVING_ALLOWANCE 1 2020-01-01 SUSPENDED SUSPENSION 2019-12-01',
    ]);
    expect(held.slice(4).every((line) => line.endsWith('SUSPENDED SUSPENSION 2019-12-01'))).toBe(true);

    await move(id, { status: 'ENROLLED', effectiveDate: '2020-03-01' }).expect(200);
    await move(id, { status: 'SUSPENDED', effectiveDate: '2020-02-29' }).expect(400);
    const back = await states(id);
    expect(back.slice(0, 4).every((line) => line.endsWith('SCHEDULED'))).toBe(true);
    expect(back.slice(4).every((line) => line.endsWith('SCHEDULED RETURN 2020-03-01'))).toBe(true);

    await move(id, { status: 'WITHDRAWN', reason: 'family moved', effectiveDate: '2020-06-30' }).expect(200);
    const withdrawn = await linesOf(id);
    const kept = withdrawn.filter((l) => l.dueDate <= '2020-06-30');
    const cancelled = withdrawn.filter((l) => l.dueDate > '2020-06-30');
    expect(kept.map((l) => l.dueDate).at(-1)).toBe('2020-06-01');
    expect(kept.every((l) => l.status === 'SCHEDULED')).toBe(true);
    expect(cancelled).toHaveLength(12);
    expect(
      cancelled.every((l) => l.status === 'CANCELLED' && l.statusCause === 'WITHDRAWAL' && l.statusEffectiveDate === '2020-06-30'),
    ).toBe(true);

    const student = (await t.http().get(`/api/students/${id}`).set(bearer(admin)).expect(200)).body;
    expect(student).toMatchObject({ status: 'WITHDRAWN', statusEffectiveDate: '2020-06-30', applicationDate: '2019-04-10' });
    const audit = (await t.http().get(`/api/audit?entityType=student&entityId=${id}`).set(bearer(admin)).expect(200)).body.items as {
      action: string;
      after: { status: string; effectiveDate: string };
    }[];
    expect(
      audit
        .filter((e) => e.action === 'student.status-changed')
        .map((e) => `${e.after.status} ${e.after.effectiveDate}`)
        .reverse(),
    ).toEqual(['ADMITTED 2019-07-15', 'ENROLLED 2019-09-01', 'SUSPENDED 2019-12-01', 'ENROLLED 2020-03-01', 'WITHDRAWN 2020-06-30']);
  });

  it('dates an application by the business day: 23:30 UTC on 2 December is already 3 December in Beijing', async () => {
    const { cohort } = await newCohort();
    fixClock(t, '2026-12-02T23:30:00Z');
    const intake = (body: Record<string, unknown>) => t.http().post(`/api/cohorts/${cohort.id}/students`).set(bearer(staff)).send(body);
    expect((await intake(studentBody()).expect(201)).body).toMatchObject({
      applicationDate: '2026-12-03',
      statusEffectiveDate: '2026-12-03',
    });
    expect((await intake(studentBody({ applicationDate: '2026-12-03' })).expect(201)).body.applicationDate).toBe('2026-12-03');
    expect((await intake(studentBody({ applicationDate: '2026-12-04' })).expect(400)).body.details).toEqual([
      { field: 'applicationDate', message: 'must not be after today, 2026-12-03' },
    ]);
    const file = (date: string) => csv([...CHINESE_HEADER, '报名日期'], [[...applicantRow(), date]]);
    const upload = (date: string) =>
      t.http().post(`/api/cohorts/${cohort.id}/students/import`).set(bearer(staff)).attach('file', file(date), 'class.csv');
    expect((await upload('2026-12-04').expect(422)).body.errors).toEqual([
      { row: 2, column: '报名日期', message: 'must not be after today, 2026-12-03' },
    ]);
    await upload('2026-12-03').expect(201);
  });
});
