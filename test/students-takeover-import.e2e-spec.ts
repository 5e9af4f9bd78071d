import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditEntryEntity } from '../src/audit/audit-entry.entity';
import { MajorEntity } from '../src/programs/major.entity';
import { StudentEntity } from '../src/students/student.entity';
import { studentBody } from './factories/bodies';
import { creditCode, nationalId } from './factories/ids';
import { saveCohort, saveCohortWithMajors, saveEnterprise, saveMajor, saveProgram } from './factories/reference-data';
import { applicantRow, CHINESE_HEADER, csv, ENGLISH_HEADER, Row, xlsx } from './factories/spreadsheets';
import { bearer, createTestApp, loginAdmin, signInAs, TestApp } from './utils/test-app';

const TAKEOVER_HEADER = [...CHINESE_HEADER, '报名日期', '状态', '状态日期', '专业'];
/** An applicant row with the takeover columns: application date, status, status date, major. */
const takeoverRow = (takeover: [string, string, string, string], overrides: Parameters<typeof applicantRow>[0] = {}): Row => [
  ...applicantRow(overrides),
  ...takeover,
];

interface AuditItem {
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

describe('Taking over a class already under way by import (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let staff: string;
  let enterprise: { id: number; creditCode: string };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
    staff = await signInAs(t, 'staff');
    enterprise = await saveEnterprise(t.dataSource, { creditCode: creditCode(515151) });
  });
  afterAll(() => t.close());

  const newCohort = async (m01Capacity = 40) =>
    (
      await saveCohortWithMajors(t.dataSource, {
        majors: [
          { code: 'M01', capacity: m01Capacity },
          { code: 'M02', capacity: 40 },
        ],
      })
    ).cohort.id;
  const upload = (cohortId: number, file: Buffer, query = '') =>
    t.http().post(`/api/cohorts/${cohortId}/students/import${query}`).set(bearer(staff)).attach('file', file, 'class-2019.csv');
  const studentsIn = (cohortId: number) => t.dataSource.getRepository(StudentEntity).find({ where: { cohortId }, order: { id: 'ASC' } });
  const seats = async (cohortId: number) =>
    Object.fromEntries(
      (await t.dataSource.getRepository(MajorEntity).find({ where: { cohortId }, order: { code: 'ASC' } })).map((m) => [
        m.code,
        m.assigned,
      ]),
    );
  const linesOf = async (id: number) =>
    (await t.http().get(`/api/students/${id}/disbursements`).set(bearer(admin)).expect(200)).body.items as Array<Record<string, unknown>>;
  /** Oldest first. */
  const auditOf = async (id: number): Promise<AuditItem[]> =>
    (
      (await t.http().get(`/api/audit?entityType=student&entityId=${id}`).set(bearer(admin)).expect(200)).body.items as AuditItem[]
    ).reverse();

  it('brings in applicants, admitted and enrolled students with their dates, seats and schedules', async () => {
    const cohortId = await newCohort();
    const rows = [
      takeoverRow(['2020-04-01', '', '', ''], { fullName: '陈报名' }),
      takeoverRow(['2020-04-02', '已录取', '2020-07-15', 'M02'], { fullName: '王录取' }),
      takeoverRow(['2020-04-03', '已录取', '2020-07-16', ''], { fullName: '李待分' }),
      takeoverRow(['2019-04-10', '在读', '2019-09-01', 'M01'], { fullName: '张在读', intendedEnterpriseCreditCode: enterprise.creditCode }),
      takeoverRow(['2019/4/11', 'ENROLLED', '2019/9/1', 'M01'], { fullName: '赵外县', homeCounty: '外县' }),
    ];
    const res = await upload(cohortId, csv(TAKEOVER_HEADER, rows)).expect(201);
    expect(res.body).toMatchObject({ imported: 5, errors: [], ineligible: [{ row: 6, reasons: [expect.stringContaining('外县')] }] });

    const students = await studentsIn(cohortId);
    expect(students.map((s) => [s.fullName, s.applicationDate, s.status, s.statusEffectiveDate, s.majorCode])).toEqual([
      ['陈报名', '2020-04-01', 'APPLIED', '2020-04-01', null],
      ['王录取', '2020-04-02', 'ADMITTED', '2020-07-15', 'M02'],
      ['李待分', '2020-04-03', 'ADMITTED', '2020-07-16', null],
      ['张在读', '2019-04-10', 'ENROLLED', '2019-09-01', 'M01'],
      ['赵外县', '2019-04-11', 'ENROLLED', '2019-09-01', 'M01'],
    ]);
    expect(students[4]).toMatchObject({ eligible: false });
    expect(await seats(cohortId)).toEqual({ M01: 2, M02: 1 });

    const [applied, admitted, , enrolled] = students;
    expect(await linesOf(applied.id)).toEqual([]);
    expect(await linesOf(admitted.id)).toEqual([]);
    const lines = await linesOf(enrolled.id);
    expect(lines).toHaveLength(9);
    expect(lines[0]).toMatchObject({ dueDate: '2019-09-01', status: 'SCHEDULED' });
    expect(lines.filter((l) => l.kind === 'WINTER_FARE').map((l) => l.payerEnterpriseId)).toEqual(Array(3).fill(enterprise.id));

    expect(
      (await auditOf(enrolled.id)).map((e) => [e.action, e.after?.trigger ?? null, e.after?.effectiveDate ?? e.after?.majorCode ?? null]),
    ).toEqual([
      ['student.created', 'IMPORT', null],
      ['student.status-changed', 'IMPORT', '2019-09-01'],
      ['student.major-changed', 'IMPORT', 'M01'],
      ['student.status-changed', 'IMPORT', '2019-09-01'],
      ['disbursement.schedule-created', null, null],
    ]);
    expect((await auditOf(applied.id)).map((e) => e.action)).toEqual(['student.created']);
  });

  it('reads the dates of a workbook from its date cells', async () => {
    const cohortId = await newCohort();
    const day = (date: string) => new Date(`${date}T00:00:00Z`);
    const file = await xlsx(TAKEOVER_HEADER, [[...applicantRow(), day('2019-04-10'), '在读', day('2019-09-01'), 'M01']]);
    await t.http().post(`/api/cohorts/${cohortId}/students/import`).set(bearer(staff)).attach('file', file, 'class-2019.xlsx').expect(201);
    expect(await studentsIn(cohortId)).toEqual([
      expect.objectContaining({ applicationDate: '2019-04-10', statusEffectiveDate: '2019-09-01' }),
    ]);
  });

  it('keeps the rule for later moves: not before the status taken over took effect', async () => {
    const cohortId = await newCohort();
    await upload(cohortId, csv(TAKEOVER_HEADER, [takeoverRow(['2019-04-10', '在读', '2019-09-01', 'M01'])])).expect(201);
    const [student] = await studentsIn(cohortId);
    const suspend = (effectiveDate: string) =>
      t.http().post(`/api/students/${student.id}/status`).set(bearer(staff)).send({ status: 'SUSPENDED', effectiveDate });
    expect((await suspend('2019-08-31').expect(400)).body.details).toEqual([
      { field: 'effectiveDate', message: 'must not be before 2019-09-01, when the current status ENROLLED took effect' },
    ]);
    await suspend('2020-03-01').expect(200);
    const held = (await linesOf(student.id)).filter((l) => l.status === 'SUSPENDED').map((l) => l.dueDate);
    expect(held[0]).toBe('2020-09-01');
  });

  it('reports every row that cannot be taken over, the full major included, and saves nothing', async () => {
    const cohortId = await newCohort(1);
    const rows = [
      takeoverRow(['2019-04-10', '在读', '2019-09-01', '']),
      takeoverRow(['2019-04-10', '在读', '2019-09-01', 'M09']),
      takeoverRow(['2019-04-10', '在读', '2019-09-01', 'M01']),
      takeoverRow(['2019-04-10', '已录取', '2019-07-15', 'M01']),
      takeoverRow(['2019-04-10', '已录取', '', '']),
      takeoverRow(['2019-04-10', '已录取', '2019-04-09', '']),
      takeoverRow(['2019-04-10', '休学', '2019-12-01', 'M02']),
      takeoverRow(['2019-04-10', '已报名', '', 'M02']),
      takeoverRow(['2019-04-10', '在读', '2099-09-01', 'M02']),
      takeoverRow(['2099-04-10', '', '', '']),
    ];
    const res = await upload(cohortId, csv(TAKEOVER_HEADER, rows)).expect(422);
    expect(res.body.errors).toEqual([
      { row: 2, column: '专业', message: 'is required for ENROLLED: a student needs a major before enrolling' },
      { row: 3, column: '专业', message: `no major M09 in cohort ${cohortId}` },
      { row: 5, column: '专业', message: 'major M01 has no free seat' },
      { row: 6, column: '状态日期', message: 'is required for ADMITTED: the day the student became ADMITTED' },
      { row: 7, column: '状态日期', message: 'must not be before the application date 2019-04-10' },
      { row: 8, column: '状态', message: 'must be one of 已报名 (APPLIED), 已录取 (ADMITTED), 在读 (ENROLLED)' },
      { row: 9, column: '专业', message: 'must be empty for APPLIED: only an ADMITTED or ENROLLED student holds a major' },
      { row: 10, column: '状态日期', message: expect.stringMatching(/^must not be after today, \d{4}-\d{2}-\d{2}$/) },
      { row: 11, column: '报名日期', message: expect.stringMatching(/^must not be after today, \d{4}-\d{2}-\d{2}$/) },
    ]);
    expect(await studentsIn(cohortId)).toEqual([]);
    expect(await seats(cohortId)).toEqual({ M01: 0, M02: 0 });
    expect(await t.dataSource.getRepository(AuditEntryEntity).countBy({ entityType: 'cohort', entityId: cohortId })).toBe(0);
  });

  it('counts the seats students already hold, and checks a takeover on a dry run without taking any', async () => {
    const cohortId = await newCohort(2);
    await upload(cohortId, csv(TAKEOVER_HEADER, [takeoverRow(['2019-04-10', '在读', '2019-09-01', 'M01'])])).expect(201);
    const file = csv(TAKEOVER_HEADER, [
      takeoverRow(['2019-04-10', '在读', '2019-09-01', 'M01']),
      takeoverRow(['2019-04-10', '已录取', '2019-07-15', 'M01']),
    ]);
    const dry = await upload(cohortId, file, '?dryRun=true').expect(200);
    expect(dry.body.errors).toEqual([{ row: 3, column: '专业', message: 'major M01 has no free seat' }]);
    expect(await seats(cohortId)).toEqual({ M01: 1, M02: 0 });
    expect(await studentsIn(cohortId)).toHaveLength(1);
  });

  it('counts seats across the chunks of a long file, and takes them in each chunk it saves', async () => {
    const cohortId = await newCohort(1000);
    const admitted = Array.from({ length: 1000 }, () => takeoverRow(['2019-04-10', '已录取', '2019-07-15', 'M01']));
    const over = await upload(
      cohortId,
      csv(TAKEOVER_HEADER, [...admitted, takeoverRow(['2019-04-10', '已录取', '2019-07-15', 'M01'])]),
    ).expect(422);
    expect(over.body.errors).toEqual([{ row: 1002, column: '专业', message: 'major M01 has no free seat' }]);
    await upload(cohortId, csv(TAKEOVER_HEADER, [...admitted, takeoverRow(['2019-04-10', '', '', ''])])).expect(201);
    expect(await seats(cohortId)).toEqual({ M01: 1000, M02: 0 });
    expect(await t.dataSource.getRepository(StudentEntity).countBy({ cohortId, status: 'ADMITTED', majorCode: 'M01' })).toBe(1000);
  });

  it('imports the example file of the README as it says', async () => {
    const { cohort } = await saveCohortWithMajors(t.dataSource, { majors: ['M01', 'M02', 'M03', 'M04'].map((code) => ({ code })) });
    const file = readFileSync(join(__dirname, '..', 'templates', 'examples', 'takeover-2019.csv'));
    expect((await upload(cohort.id, file).expect(201)).body).toMatchObject({ imported: 5, errors: [], warnings: [] });
    expect((await studentsIn(cohort.id)).map((s) => [s.status, s.statusEffectiveDate, s.majorCode])).toEqual([
      ['ENROLLED', '2019-09-01', 'M01'],
      ['ENROLLED', '2019-09-01', 'M02'],
      ['ADMITTED', '2019-07-15', 'M03'],
      ['ADMITTED', '2019-07-15', null],
      ['APPLIED', '2019-06-20', null],
    ]);
  });

  describe('one path for one and for many', () => {
    /** Two cohorts of one programme, with the same majors. */
    const twinCohorts = async (): Promise<[number, number]> => {
      const program = await saveProgram(t.dataSource);
      const ids: number[] = [];
      for (let i = 0; i < 2; i++) {
        const cohort = await saveCohort(t.dataSource, program.id);
        await saveMajor(t.dataSource, cohort.id, { code: 'M01' });
        await saveMajor(t.dataSource, cohort.id, { code: 'M02' });
        ids.push(cohort.id);
      }
      return [ids[0], ids[1]];
    };
    const applicant = {
      fullName: '龙小梅',
      nationalId: nationalId(611, '20040520'),
      phone: '13900001111',
      homeProvince: '贵州省',
      homeCounty: '织金县',
      povertyRegistered: true,
      examScore: 455.5,
      majorPreferences: ['M02', 'M01'],
      guardianName: '龙大山',
      guardianPhone: '13900002222',
      applicationDate: '2019-04-10',
    };
    const asRow = (): Row => {
      const values: Record<string, string | number | boolean> = {
        ...applicant,
        majorPreferences: applicant.majorPreferences.join(';'),
        intendedEnterpriseCreditCode: enterprise.creditCode,
      };
      return [...ENGLISH_HEADER, 'applicationDate'].map((field) => values[field]);
    };
    /** What two records must share: everything but what names the record and when it was written. */
    const comparable = ({ id: _id, cohortId: _c, createdAt: _a, updatedAt: _u, ...rest }: Record<string, unknown>) => rest;
    const comparableAudit = (entries: AuditItem[]) =>
      entries.map(({ action, before, after }) => {
        const { trigger: _t, reason, ...rest } = comparable(after ?? {});
        return { action, before, after: action === 'student.major-changed' ? rest : { ...rest, reason } };
      });
    const singleStudent = async (cohortId: number, body: Record<string, unknown>) =>
      (await t.http().post(`/api/cohorts/${cohortId}/students`).set(bearer(staff)).send(body).expect(201)).body.id as number;
    const onlyStudentOf = async (cohortId: number) => (await studentsIn(cohortId))[0];

    it('writes the same record and the same student.created entry for an intake and for an imported row', async () => {
      const [one, many] = await twinCohorts();
      const id = await singleStudent(one, studentBody({ ...applicant, intendedEnterpriseId: enterprise.id }));
      await upload(many, csv([...ENGLISH_HEADER, 'applicationDate'], [asRow()])).expect(201);
      const single = await t.dataSource.getRepository(StudentEntity).findOneByOrFail({ id });
      const imported = await onlyStudentOf(many);

      expect(comparable({ ...imported })).toEqual(comparable({ ...single }));
      expect(imported).toMatchObject({ applicationDate: '2019-04-10', intendedEnterpriseId: enterprise.id, cohortId: many });
      const [singleEntry] = await auditOf(id);
      const [importEntry] = await auditOf(imported.id);
      expect([singleEntry.after?.trigger, importEntry.after?.trigger]).toEqual(['SINGLE', 'IMPORT']);
      expect(comparableAudit([importEntry])).toEqual(comparableAudit([singleEntry]));
      expect(Object.keys(importEntry.after ?? {}).sort()).toEqual(Object.keys(singleEntry.after ?? {}).sort());
    });

    it('makes the same moves, seat, schedule and audit trail for a student taken over as ENROLLED as staff make one by one', async () => {
      const [one, many] = await twinCohorts();
      const id = await singleStudent(one, studentBody({ ...applicant, intendedEnterpriseId: enterprise.id }));
      const move = (body: object) => t.http().post(`/api/students/${id}/status`).set(bearer(staff)).send(body).expect(200);
      await move({ status: 'ADMITTED', effectiveDate: '2019-09-01' });
      await t.http().put(`/api/students/${id}/major`).set(bearer(staff)).send({ majorCode: 'M01', reason: 'arrival' }).expect(200);
      await move({ status: 'ENROLLED', effectiveDate: '2019-09-01' });
      const takeover = [...asRow(), '在读', '2019-09-01', 'M01'];
      await upload(many, csv([...ENGLISH_HEADER, 'applicationDate', 'status', 'statusDate', 'majorCode'], [takeover])).expect(201);
      const single = await t.dataSource.getRepository(StudentEntity).findOneByOrFail({ id });
      const imported = await onlyStudentOf(many);

      expect(comparable({ ...imported })).toEqual(comparable({ ...single }));
      expect([await seats(one), await seats(many)]).toEqual([
        { M01: 1, M02: 0 },
        { M01: 1, M02: 0 },
      ]);
      const lineFacts = async (studentId: number) =>
        (await linesOf(studentId)).map(({ id: _i, studentId: _s, statusChangedAt: _c, ...line }) => line);
      expect(await lineFacts(imported.id)).toEqual(await lineFacts(id));
      expect(comparableAudit(await auditOf(imported.id))).toEqual(comparableAudit(await auditOf(id)));
    });
  });
});
