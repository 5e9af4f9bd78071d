import { SystemClock } from '../src/common/clock';
import { MajorEntity } from '../src/programs/major.entity';
import { studentBody } from './factories/bodies';
import { CohortSetup, saveCohortWithMajors } from './factories/reference-data';
import { saveStudent } from './factories/students';
import { bearer, createTestApp, loginAdmin, signInAs, TestApp } from './utils/test-app';

describe('Students: status and major changes (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let staff: string;
  let setup: CohortSetup;
  // Intake stamps the business date (Asia/Shanghai in tests), not the UTC one.
  const today = new SystemClock().today();

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
    staff = await signInAs(t, 'staff');
    setup = await saveCohortWithMajors(t.dataSource, {
      majors: [
        { code: 'M01', capacity: 40 },
        { code: 'M02', capacity: 1 },
      ],
    });
  });
  afterAll(() => t.close());

  const newStudent = async (): Promise<number> =>
    (await t.http().post(`/api/cohorts/${setup.cohort.id}/students`).set(bearer(staff)).send(studentBody()).expect(201)).body.id;
  const move = (id: number, body: Record<string, unknown>, token = staff) =>
    t.http().post(`/api/students/${id}/status`).set(bearer(token)).send(body);
  const setMajor = (id: number, body: Record<string, unknown>, token = staff) =>
    t.http().put(`/api/students/${id}/major`).set(bearer(token)).send(body);
  const auditOf = async (id: number) =>
    (await t.http().get(`/api/audit?entityType=student&entityId=${id}`).set(bearer(admin)).expect(200)).body.items as Array<
      Record<string, unknown>
    >;
  const assigned = async (code: string) =>
    (await t.dataSource.getRepository(MajorEntity).findOneByOrFail({ cohortId: setup.cohort.id, code })).assigned;

  describe('POST /api/students/:id/status', () => {
    it('walks a student through admission, enrolment, suspension and graduation', async () => {
      const id = await newStudent();
      expect((await move(id, { status: 'ADMITTED', reason: 'passed the interview' }).expect(200)).body).toMatchObject({
        id,
        status: 'ADMITTED',
        statusReason: 'passed the interview',
        statusEffectiveDate: today,
      });
      await setMajor(id, { majorCode: 'M01', reason: 'first choice' }).expect(200);
      await move(id, { status: 'ENROLLED', effectiveDate: '2099-09-01' }, admin).expect(200);
      await move(id, { status: 'SUSPENDED', reason: 'illness', effectiveDate: '2099-10-08' }).expect(200);
      const back = await move(id, { status: 'ENROLLED', effectiveDate: '2099-11-01' }).expect(200);
      expect(back.body).toMatchObject({ status: 'ENROLLED', statusReason: null, statusEffectiveDate: '2099-11-01', majorCode: 'M01' });
      expect(back.body).not.toHaveProperty('nationalId');
      expect((await move(id, { status: 'GRADUATED', effectiveDate: '2100-06-30' }).expect(200)).body.status).toBe('GRADUATED');
    });

    it('takes a waitlisted applicant in or turns them down', async () => {
      const admitted = await newStudent();
      await move(admitted, { status: 'WAITLISTED' }).expect(200);
      await move(admitted, { status: 'ADMITTED' }).expect(200);
      const rejected = await newStudent();
      await move(rejected, { status: 'WAITLISTED' }).expect(200);
      await move(rejected, { status: 'REJECTED', reason: 'no seat left' }).expect(200);
    });

    it('answers 409 ILLEGAL_TRANSITION for a move the lifecycle does not allow, naming both statuses', async () => {
      const id = await newStudent();
      const res = await move(id, { status: 'GRADUATED' }).expect(409);
      expect(res.body).toEqual({
        statusCode: 409,
        error: 'Conflict',
        code: 'ILLEGAL_TRANSITION',
        message: 'A student cannot go from APPLIED to GRADUATED',
      });
      await move(id, { status: 'REJECTED' }).expect(200);
      await move(id, { status: 'ADMITTED' }).expect(409);
      await move(id, { status: 'WITHDRAWN' }).expect(409);
    });

    it('refuses enrolling a student without a major', async () => {
      const id = await newStudent();
      await move(id, { status: 'ADMITTED' }).expect(200);
      const res = await move(id, { status: 'ENROLLED' }).expect(409);
      expect(res.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: 'A student needs a major before enrolling' });
    });

    it('refuses INTERNING and EMPLOYED by hand: only a confirmed placement leads there', async () => {
      const student = await saveStudent(t.dataSource, setup.cohort.id, { status: 'ENROLLED', majorCode: 'M01' });
      expect((await move(student.id, { status: 'INTERNING' }).expect(409)).body.message).toBe(
        'INTERNING is reached only by confirming a placement',
      );
      const graduate = await saveStudent(t.dataSource, setup.cohort.id, { status: 'GRADUATED', majorCode: 'M01' });
      await move(graduate.id, { status: 'EMPLOYED' }).expect(409);
      await move(graduate.id, { status: 'WITHDRAWN' }).expect(409);
    });

    it('writes one audit entry per change with the status before and after', async () => {
      const id = await newStudent();
      await move(id, { status: 'ADMITTED', reason: 'interview passed', effectiveDate: '2099-07-15' }).expect(200);
      await move(id, { status: 'ENROLLED' }).expect(409);
      const entries = (await auditOf(id)).filter((e) => e.action === 'student.status-changed');
      expect(entries).toEqual([
        expect.objectContaining({
          entityType: 'student',
          entityId: id,
          before: { status: 'APPLIED', statusReason: null, statusEffectiveDate: today, majorCode: null },
          after: { status: 'ADMITTED', reason: 'interview passed', effectiveDate: '2099-07-15', trigger: 'MANUAL' },
        }),
      ]);
    });

    it('frees the major seat of a student who withdraws', async () => {
      const id = await newStudent();
      await move(id, { status: 'ADMITTED' }).expect(200);
      await setMajor(id, { majorCode: 'M01', reason: 'first choice' }).expect(200);
      const before = await assigned('M01');
      await move(id, { status: 'WITHDRAWN', reason: 'family moved to Guiyang' }).expect(200);
      expect(await assigned('M01')).toBe(before - 1);
    });

    it('refuses bad statuses, long reasons, unreal or badly written dates, dates before the current status, and unknown fields', async () => {
      const id = await newStudent();
      const res = await move(id, { status: 'DONE', reason: 'x'.repeat(501), effectiveDate: '2024-02-30', extra: true }).expect(400);
      expect([...new Set(res.body.details.map((d: { field: string }) => d.field))].sort()).toEqual([
        'effectiveDate',
        'extra',
        'reason',
        'status',
      ]);
      await move(id, { status: 'ADMITTED', effectiveDate: '2099/01/01' }).expect(400);
      await move(id, { status: 'ADMITTED', effectiveDate: '2099-01-01T00:00:00Z' }).expect(400);
      const early = await move(id, { status: 'ADMITTED', effectiveDate: '2000-01-01' }).expect(400);
      expect(early.body.details).toEqual([
        { field: 'effectiveDate', message: `must not be before ${today}, when the current status APPLIED took effect` },
      ]);
    });

    it('answers 404 for an unknown student', async () => {
      await move(99999, { status: 'ADMITTED' }).expect(404);
    });
  });

  describe('PUT /api/students/:id/major', () => {
    const admittedStudent = async (): Promise<number> => {
      const id = await newStudent();
      await move(id, { status: 'ADMITTED' }).expect(200);
      return id;
    };

    it('moves a student to another major, freeing the old seat and auditing the reason', async () => {
      const id = await admittedStudent();
      await setMajor(id, { majorCode: 'M01', reason: 'first choice' }).expect(200);
      const m01 = await assigned('M01');
      const res = await setMajor(id, { majorCode: 'M02', reason: 'asked to switch to fitting' }, admin).expect(200);
      expect(res.body).toMatchObject({ id, majorCode: 'M02', status: 'ADMITTED' });
      expect(await assigned('M01')).toBe(m01 - 1);
      expect(await assigned('M02')).toBe(1);
      const entries = (await auditOf(id)).filter((e) => e.action === 'student.major-changed');
      expect(entries.map((e) => [e.before, e.after])).toEqual([
        [{ majorCode: 'M01' }, { majorCode: 'M02', reason: 'asked to switch to fitting', forced: false, trigger: 'MANUAL' }],
        [{ majorCode: null }, { majorCode: 'M01', reason: 'first choice', forced: false, trigger: 'MANUAL' }],
      ]);
      await setMajor(id, { majorCode: 'M01', reason: 'back again' }).expect(200);
      expect(await assigned('M02')).toBe(0);
    });

    it('answers 409 CAPACITY_FULL for a full major, refuses force from staff with 403, and lets an admin force it', async () => {
      const first = await admittedStudent();
      await setMajor(first, { majorCode: 'M02', reason: 'first choice' }).expect(200);
      const second = await admittedStudent();
      const full = await setMajor(second, { majorCode: 'M02', reason: 'second choice' }).expect(409);
      expect(full.body).toMatchObject({ code: 'CAPACITY_FULL' });
      await setMajor(second, { majorCode: 'M02', reason: 'second choice', force: true }).expect(403);
      expect(await assigned('M02')).toBe(1);
      const forced = await setMajor(second, { majorCode: 'M02', reason: 'approved by the director', force: true }, admin).expect(200);
      expect(forced.body.majorCode).toBe('M02');
      expect(await assigned('M02')).toBe(2);
      const entry = (await auditOf(second)).find((e) => e.action === 'student.major-changed');
      expect(entry?.after).toEqual({ majorCode: 'M02', reason: 'approved by the director', forced: true, trigger: 'MANUAL' });
      await setMajor(first, { majorCode: 'M01', reason: 'free a seat' }).expect(200);
      await setMajor(second, { majorCode: 'M01', reason: 'free a seat' }).expect(200);
    });

    it('answers the major the student already has with 200 and changes nothing', async () => {
      const id = await admittedStudent();
      await setMajor(id, { majorCode: 'M01', reason: 'first choice' }).expect(200);
      const seats = await assigned('M01');
      const again = await setMajor(id, { majorCode: 'M01', reason: 'first choice' }).expect(200);
      expect(again.body.majorCode).toBe('M01');
      expect(await assigned('M01')).toBe(seats);
      expect((await auditOf(id)).filter((e) => e.action === 'student.major-changed')).toHaveLength(1);
    });

    it('names majorCode for a major the cohort does not have', async () => {
      const id = await admittedStudent();
      const res = await setMajor(id, { majorCode: 'M99', reason: 'typo' }).expect(400);
      expect(res.body.details).toEqual([{ field: 'majorCode', message: `no major M99 in cohort ${setup.cohort.id}` }]);
    });

    it('answers 409 outside ADMITTED, ENROLLED and SUSPENDED', async () => {
      const applied = await newStudent();
      expect((await setMajor(applied, { majorCode: 'M01', reason: 'too early' }).expect(409)).body.code).toBe('CONFLICT');
      const graduate = await saveStudent(t.dataSource, setup.cohort.id, { status: 'GRADUATED', majorCode: 'M01' });
      await setMajor(graduate.id, { majorCode: 'M02', reason: 'too late' }).expect(409);
    });

    it('requires a reason and refuses unknown fields', async () => {
      const id = await admittedStudent();
      const res = await setMajor(id, { majorCode: 'M01', force: 'yes', note: 1 }).expect(400);
      expect([...new Set(res.body.details.map((d: { field: string }) => d.field))].sort()).toEqual(['force', 'note', 'reason']);
    });

    it('answers 404 for an unknown student', async () => {
      await setMajor(99999, { majorCode: 'M01', reason: 'x' }).expect(404);
    });
  });
});
