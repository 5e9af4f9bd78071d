import { AuditEntryEntity } from '../src/audit/audit-entry.entity';
import { StudentEntity } from '../src/students/student.entity';
import { nationalId } from './factories/ids';
import { saveCohortWithMajors, saveEnterprise } from './factories/reference-data';
import { saveStudent, studentRow } from './factories/students';
import { bearer, createTestApp, fieldsOf, loginAdmin, signInAs, TestApp } from './utils/test-app';

type Body = Record<string, unknown>;

describe('Major assignment (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let staff: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
    staff = await signInAs(t, 'staff');
  });
  afterAll(() => t.close());

  const run = (cohortId: number | string, body: Body = {}, token = staff) =>
    t.http().post(`/api/cohorts/${cohortId}/major-assignment`).set(bearer(token)).send(body);
  const majorsOf = async (cohortId: number) =>
    (await t.http().get(`/api/cohorts/${cohortId}/majors`).set(bearer(staff)).expect(200)).body.items.map((m: Body) => ({
      code: m.code,
      capacity: m.capacity,
      assigned: m.assigned,
      cutoffScore: m.cutoffScore,
    }));
  const majorOf = async (studentId: number) =>
    (await t.http().get(`/api/students/${studentId}`).set(bearer(staff)).expect(200)).body.majorCode as string | null;
  const admitted = (cohortId: number, examScore: number, majorPreferences: string[], overrides: Partial<StudentEntity> = {}) =>
    saveStudent(t.dataSource, cohortId, { status: 'ADMITTED', examScore, majorPreferences, ...overrides });
  const auditCount = () => t.dataSource.getRepository(AuditEntryEntity).count();

  /** M01 two seats, M02 one, M03 one. */
  const threeMajors = () =>
    saveCohortWithMajors(t.dataSource, {
      majors: [
        { code: 'M01', capacity: 2 },
        { code: 'M02', capacity: 1 },
        { code: 'M03', capacity: 1 },
      ],
    });

  it('assigns by score and preference, explains who is left out and shows seats and cut-offs on the majors', async () => {
    const { cohort } = await threeMajors();
    const a = await admitted(cohort.id, 480, ['M01', 'M02']);
    const b = await admitted(cohort.id, 470.5, ['M01']);
    const c = await admitted(cohort.id, 460, ['M01', 'M02', 'M03']);
    const d = await admitted(cohort.id, 431, ['M02', 'M01', 'M03']);
    const e = await admitted(cohort.id, 420, ['M01', 'M02', 'M03']);

    const res = await run(cohort.id).expect(200);

    expect(res.body).toEqual({
      assigned: [
        { studentId: a.id, majorCode: 'M01', choiceRank: 1 },
        { studentId: b.id, majorCode: 'M01', choiceRank: 1 },
        { studentId: c.id, majorCode: 'M02', choiceRank: 2 },
        { studentId: d.id, majorCode: 'M03', choiceRank: 3 },
      ],
      unassigned: [
        {
          studentId: e.id,
          reason:
            'all 3 preferred majors are full: M01 (lowest admitted score 470.5), M02 (lowest admitted score 460.0), M03 (lowest admitted score 431.0)',
        },
      ],
      cutoffs: { M01: 470.5, M02: 460, M03: 431 },
    });
    expect(await majorsOf(cohort.id)).toEqual([
      { code: 'M01', capacity: 2, assigned: 2, cutoffScore: 470.5 },
      { code: 'M02', capacity: 1, assigned: 1, cutoffScore: 460 },
      { code: 'M03', capacity: 1, assigned: 1, cutoffScore: 431 },
    ]);
    expect(await majorOf(d.id)).toBe('M03');
    expect(await majorOf(e.id)).toBeNull();
  });

  it('writes one audit entry per assigned student and one summary on the cohort', async () => {
    const { cohort } = await threeMajors();
    const a = await admitted(cohort.id, 480, ['M02', 'M01']);
    const b = await admitted(cohort.id, 470, ['M02', 'M01']);
    await run(cohort.id, {}, admin).expect(200);

    const audit = async (query: string) =>
      (await t.http().get(`/api/audit?${query}`).set(bearer(admin)).expect(200)).body.items as Array<Record<string, unknown>>;
    expect(await audit(`entityType=student&entityId=${b.id}`)).toEqual([
      expect.objectContaining({
        action: 'student.major-assigned',
        before: { majorCode: null },
        after: { majorCode: 'M01', choiceRank: 2 },
      }),
    ]);
    expect((await audit(`entityType=student&entityId=${a.id}`))[0].after).toEqual({ majorCode: 'M02', choiceRank: 1 });
    expect(await audit(`entityType=cohort&entityId=${cohort.id}`)).toEqual([
      expect.objectContaining({
        action: 'cohort.majors-assigned',
        before: { seats: { M01: 0, M02: 0, M03: 0 }, cutoffs: { M01: null, M02: null, M03: null } },
        after: { assigned: 2, unassigned: 0, seats: { M01: 1, M02: 1, M03: 0 }, cutoffs: { M01: 470, M02: 480, M03: null } },
      }),
    ]);
  });

  it('breaks ties on score by earlier intake, then by lower id', async () => {
    const { cohort } = await saveCohortWithMajors(t.dataSource, { majors: [{ code: 'M01', capacity: 2 }] });
    const late = await admitted(cohort.id, 450, ['M01'], { createdAt: '2019-06-03T00:00:00.000Z' });
    const early = await admitted(cohort.id, 450, ['M01'], { createdAt: '2019-06-01T00:00:00.000Z' });
    const lateHigherId = await admitted(cohort.id, 450, ['M01'], { createdAt: '2019-06-03T00:00:00.000Z' });
    const res = await run(cohort.id).expect(200);
    expect(res.body.assigned.map((p: Body) => p.studentId)).toEqual([early.id, late.id]);
    expect(res.body.unassigned).toEqual([
      {
        studentId: lateHigherId.id,
        reason: 'the only preferred major is full: M01 (lowest admitted score 450.0; on equal scores the earlier applicant goes first)',
      },
    ]);
  });

  it('considers only ADMITTED students without a major and explains preferences the cohort does not offer', async () => {
    const { cohort } = await threeMajors();
    await saveStudent(t.dataSource, cohort.id, { status: 'APPLIED', examScore: 600, majorPreferences: ['M01'] });
    await saveStudent(t.dataSource, cohort.id, { status: 'WAITLISTED', examScore: 600, majorPreferences: ['M01'] });
    await saveStudent(t.dataSource, cohort.id, { status: 'WITHDRAWN', examScore: 600, majorPreferences: ['M01'] });
    const stranger = await admitted(cohort.id, 500, ['X9']);
    const res = await run(cohort.id).expect(200);
    expect(res.body).toEqual({
      assigned: [],
      unassigned: [{ studentId: stranger.id, reason: 'the preferred major X9 is not offered in this cohort' }],
      cutoffs: {},
    });
  });

  it('answers a dry run with what a real run does, and writes nothing', async () => {
    const { cohort } = await threeMajors();
    const students = [];
    for (const [score, prefs] of [
      [455, ['M02', 'M01']],
      [455, ['M02', 'M03']],
      [390, ['M03']],
      [300, ['M03', 'M02']],
    ] as const) {
      students.push(await admitted(cohort.id, score, [...prefs]));
    }
    const majorsBefore = await majorsOf(cohort.id);
    const entries = await auditCount();

    const dry = await run(cohort.id, { dryRun: true }).expect(200);
    expect(await run(cohort.id, { dryRun: true }).expect(200)).toHaveProperty('body', dry.body);
    expect(await majorsOf(cohort.id)).toEqual(majorsBefore);
    expect(await auditCount()).toBe(entries);
    for (const s of students) expect(await majorOf(s.id)).toBeNull();
    expect(dry.body.assigned).toHaveLength(2);
    expect(dry.body.unassigned).toHaveLength(2);

    const real = await run(cohort.id, { dryRun: false }).expect(200);
    expect(real.body).toEqual(dry.body);
  });

  it('runs without a body as a real run', async () => {
    const { cohort } = await threeMajors();
    const s = await admitted(cohort.id, 400, ['M01']);
    await t.http().post(`/api/cohorts/${cohort.id}/major-assignment`).set(bearer(staff)).expect(200);
    expect(await majorOf(s.id)).toBe('M01');
  });

  it('never moves an assigned student on a second run, and gives a seat freed by a withdrawal to the best unassigned student who wants it', async () => {
    const { cohort } = await threeMajors();
    const top = await admitted(cohort.id, 500, ['M02']);
    const second = await admitted(cohort.id, 490, ['M02', 'M01']);
    await run(cohort.id).expect(200);
    const weaker = await admitted(cohort.id, 410, ['M02']);
    const stronger = await admitted(cohort.id, 450, ['M02']);
    const other = await admitted(cohort.id, 520, ['M01']);

    const again = await run(cohort.id).expect(200);
    expect(again.body.assigned).toEqual([{ studentId: other.id, majorCode: 'M01', choiceRank: 1 }]);
    expect(again.body.unassigned.map((u: Body) => u.studentId)).toEqual([stronger.id, weaker.id]);
    expect(again.body.unassigned[0].reason).toBe('the only preferred major is full: M02 (lowest admitted score 500.0)');
    expect(await majorOf(top.id)).toBe('M02');
    expect(await majorOf(second.id)).toBe('M01');

    await t
      .http()
      .post(`/api/students/${top.id}/status`)
      .set(bearer(staff))
      .send({ status: 'WITHDRAWN', reason: 'moved away' })
      .expect(200);
    const afterWithdrawal = await run(cohort.id).expect(200);
    expect(afterWithdrawal.body.assigned).toEqual([{ studentId: stronger.id, majorCode: 'M02', choiceRank: 1 }]);
    expect(afterWithdrawal.body.unassigned).toEqual([
      { studentId: weaker.id, reason: 'the only preferred major is full: M02 (lowest admitted score 450.0)' },
    ]);
    expect(afterWithdrawal.body.cutoffs).toEqual({ M01: 490, M02: 450 });
    expect(await majorsOf(cohort.id)).toEqual([
      { code: 'M01', capacity: 2, assigned: 2, cutoffScore: 490 },
      { code: 'M02', capacity: 1, assigned: 1, cutoffScore: 450 },
      { code: 'M03', capacity: 1, assigned: 0, cutoffScore: null },
    ]);
  });

  it('counts an exception made by hand: a forced seat keeps the major full on the next run', async () => {
    const { cohort } = await threeMajors();
    const holder = await admitted(cohort.id, 380, ['M02']);
    const forced = await admitted(cohort.id, 370, ['M02']);
    const applicant = await admitted(cohort.id, 460, ['M02', 'M03']);
    const setMajor = (id: number, body: Body, token: string) => t.http().put(`/api/students/${id}/major`).set(bearer(token)).send(body);
    await setMajor(holder.id, { majorCode: 'M02', reason: 'early decision' }, staff).expect(200);
    await setMajor(forced.id, { majorCode: 'M02', reason: 'sibling in the class' }, staff).expect(409);
    await setMajor(forced.id, { majorCode: 'M02', reason: 'sibling in the class', force: true }, admin).expect(200);

    const res = await run(cohort.id).expect(200);
    expect(res.body.assigned).toEqual([{ studentId: applicant.id, majorCode: 'M03', choiceRank: 2 }]);
    expect(res.body.cutoffs).toEqual({ M02: 370, M03: 460 });
    expect((await majorsOf(cohort.id))[1]).toEqual({ code: 'M02', capacity: 1, assigned: 2, cutoffScore: 370 });
  });

  it('never fills a major past its capacity when two runs race', async () => {
    const { cohort } = await saveCohortWithMajors(t.dataSource, {
      majors: [
        { code: 'M01', capacity: 3 },
        { code: 'M02', capacity: 2 },
      ],
    });
    for (let i = 0; i < 12; i++) await admitted(cohort.id, 400 + i, i % 2 ? ['M01', 'M02'] : ['M02', 'M01']);
    const answers = await Promise.all([run(cohort.id), run(cohort.id, {}, admin)]);
    for (const answer of answers) expect([200, 409]).toContain(answer.status);
    const total = answers.filter((a) => a.status === 200).reduce((n, a) => n + a.body.assigned.length, 0);
    expect(total).toBe(5);
    expect(await majorsOf(cohort.id)).toEqual([
      { code: 'M01', capacity: 3, assigned: 3, cutoffScore: expect.any(Number) },
      { code: 'M02', capacity: 2, assigned: 2, cutoffScore: expect.any(Number) },
    ]);
    expect(await t.dataSource.getRepository(StudentEntity).countBy({ cohortId: cohort.id, majorCode: 'M01' })).toBe(3);
  });

  it('assigns a cohort larger than one read or write chunk', async () => {
    const capacities = [1200, 1500, 1000, 800, 700];
    const { cohort } = await saveCohortWithMajors(t.dataSource, {
      majors: capacities.map((capacity, i) => ({ code: `M0${i + 1}`, capacity })),
    });
    const codes = capacities.map((_, i) => `M0${i + 1}`);
    const rows = Array.from({ length: 5_600 }, (_, i) =>
      studentRow(cohort.id, {
        nationalId: nationalId(i % 1000, `2004050${1 + Math.floor(i / 1000)}`),
        status: 'ADMITTED',
        examScore: 300 + ((i * 7919) % 400) / 2,
        majorPreferences: [codes[i % 5], codes[(i + 2) % 5], codes[(i + 3) % 5]],
      }),
    );
    for (let start = 0; start < rows.length; start += 500) {
      await t.dataSource.getRepository(StudentEntity).insert(rows.slice(start, start + 500));
    }
    const auditedBefore = await auditCount();
    const res = await run(cohort.id).expect(200);
    expect(res.body.assigned).toHaveLength(5_200);
    expect(res.body.unassigned).toHaveLength(400);
    const majors = await majorsOf(cohort.id);
    expect(majors.map((m: Body) => m.assigned)).toEqual(capacities);
    const counts = await t.dataSource
      .getRepository(StudentEntity)
      .createQueryBuilder('s')
      .select('s.majorCode', 'code')
      .addSelect('COUNT(*)', 'n')
      .where('s.cohortId = :cohortId', { cohortId: cohort.id })
      .groupBy('s.majorCode')
      .getRawMany();
    expect(Object.fromEntries(counts.map((r) => [r.code ?? 'none', Number(r.n)]))).toEqual({
      M01: 1200,
      M02: 1500,
      M03: 1000,
      M04: 800,
      M05: 700,
      none: 400,
    });
    expect((await auditCount()) - auditedBefore).toBe(5_200 + 1);
  });

  it('names a dryRun that is not a boolean and every unknown field', async () => {
    const { cohort } = await threeMajors();
    const res = await run(cohort.id, { dryRun: 'yes', majors: ['M01'] }).expect(400);
    expect(fieldsOf(res.body)).toEqual(['dryRun', 'majors']);
  });

  it('answers 400 for an id that is not a positive 32-bit integer, and 404 for an unknown cohort', async () => {
    expect(fieldsOf((await run('abc').expect(400)).body)).toEqual(['id']);
    await run(2147483648).expect(400);
    await run(99999).expect(404);
  });

  it('answers 401 without a token and 403 to the enterprise and student roles', async () => {
    const { cohort } = await threeMajors();
    const s = await admitted(cohort.id, 400, ['M01']);
    const enterprise = await saveEnterprise(t.dataSource);
    await t.http().post(`/api/cohorts/${cohort.id}/major-assignment`).send({}).expect(401);
    await run(cohort.id, {}, await signInAs(t, 'enterprise', { enterpriseId: enterprise.id })).expect(403);
    await run(cohort.id, {}, await signInAs(t, 'student', { studentId: s.id })).expect(403);
    expect(await majorOf(s.id)).toBeNull();
  });
});
