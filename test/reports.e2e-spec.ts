import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { studentBody } from './factories/bodies';
import { createCohort, createEnterprise, createMajor } from './factories/reference-api';
import { bearer, createTestApp, fieldsOf, fixClock, loginAdmin, signInAs, TestApp } from './utils/test-app';
import { binary } from './utils/binary';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const SHEETS = [
  '学生状态 by status',
  '专业 by major',
  '户籍县 by home county',
  '资助发放 disbursements',
  '就业·专业 placements by major',
  '就业·企业 by enterprise',
];

type Cell = string | number | null;

/** The CSV's tables by title: each a title row, a header row and data rows, an empty line between. */
function readCsvTables(bytes: Buffer): Map<string, string[][]> {
  expect(bytes.subarray(0, 3)).toEqual(UTF8_BOM);
  const records = parse(bytes.subarray(3), { relax_column_count: true, skip_empty_lines: true }) as string[][];
  const tables = new Map<string, string[][]>();
  let current: string[][] = [];
  for (const record of records) {
    if (record.length === 1 && SHEETS.includes(record[0])) tables.set(record[0], (current = []));
    else current.push(record);
  }
  return tables;
}

async function readXlsxTables(bytes: Buffer): Promise<Map<string, { rows: Cell[][]; sheet: ExcelJS.Worksheet }>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const tables = new Map<string, { rows: Cell[][]; sheet: ExcelJS.Worksheet }>();
  for (const sheet of workbook.worksheets) {
    const rows: Cell[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      const values = (row.values as Cell[]).slice(1);
      rows.push(Array.from({ length: sheet.columnCount }, (_, i) => values[i] ?? null));
    });
    tables.set(sheet.name, { rows, sheet });
  }
  return tables;
}

/**
 * A small class built over HTTP: nine students in four counties and every kind of status, schedules made
 * by enrolment, approvals, a payment, a suspension and a withdrawal, internships and jobs.
 */
describe('Cohort report (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let staff: string;
  let cohortId: number;
  let enterprise: number;
  let idle: number;
  const s: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp();
    // The class below starts in 2027 and has a line paid in November 2026: the dates hold on any day the test runs.
    fixClock(t, '2026-12-03T02:00:00Z');
    admin = await loginAdmin(t);
    staff = await signInAs(t, 'staff');
  });
  afterAll(() => t.close());

  const post = (path: string, body: Record<string, unknown>, token = staff) => t.http().post(path).set(bearer(token)).send(body);
  const get = (path: string, token = staff) => t.http().get(path).set(bearer(token));
  const status = (id: number, to: string, effectiveDate: string) =>
    post(`/api/students/${id}/status`, { status: to, effectiveDate }).expect(200);
  const download = (format: 'csv' | 'xlsx') =>
    get(`/api/cohorts/${cohortId}/report?format=${format}`).buffer(true).parse(binary).expect(200);

  async function applicant(key: string, fields: Record<string, unknown>, major?: string): Promise<number> {
    const id = (await post(`/api/cohorts/${cohortId}/students`, studentBody(fields)).expect(201)).body.id as number;
    s[key] = id;
    if (major) {
      await status(id, 'ADMITTED', '2027-07-15');
      await t.http().put(`/api/students/${id}/major`).set(bearer(staff)).send({ majorCode: major, reason: '第一志愿' }).expect(200);
    }
    return id;
  }

  it('builds the class', async () => {
    cohortId = (await createCohort(t, staff, { intakeYear: 2027, startDate: '2027-09-01', name: '2027级云贵班' })).id;
    await createMajor(t, staff, cohortId, { code: 'M01', capacity: 40 });
    await createMajor(t, staff, cohortId, { code: 'M02', name: '装配钳工 Assembly fitter', capacity: 30 });
    await createMajor(t, staff, cohortId, { code: 'M03', name: '=旅游服务 Tourism', capacity: 5 });
    enterprise = (await createEnterprise(t, staff)).id;
    idle = (await createEnterprise(t, staff)).id;
    await post(`/api/cohorts/${cohortId}/quotas`, { enterpriseId: enterprise, majorCode: 'M01', seats: 5 }).expect(201);
    await post(`/api/cohorts/${cohortId}/quotas`, { enterpriseId: enterprise, majorCode: 'M02', seats: 5 }).expect(201);
    await post(`/api/cohorts/${cohortId}/quotas`, { enterpriseId: idle, majorCode: 'M01', seats: 2 }).expect(201);

    const zhijin = { homeProvince: '贵州省', homeCounty: '织金县' };
    await applicant('enrolled', { ...zhijin, intendedEnterpriseId: enterprise, majorPreferences: ['M01'] }, 'M01');
    await applicant('employed', { ...zhijin, majorPreferences: ['M01'] }, 'M01');
    await applicant('graduated', { homeProvince: '贵州省', homeCounty: '纳雍县', majorPreferences: ['M02'] }, 'M02');
    await applicant('withdrawn', { ...zhijin, majorPreferences: ['M02'] }, 'M02');
    await applicant('suspended', { ...zhijin, majorPreferences: ['M01'] }, 'M01');
    await applicant('admitted', { ...zhijin, majorPreferences: ['M01'] }, 'M01');
    await applicant('applied', { homeProvince: '云南省', homeCounty: '昭阳区' });
    await status(await applicant('waitlisted', { homeProvince: '云南省', homeCounty: '昭阳区' }), 'WAITLISTED', '2027-07-15');
    await status(await applicant('rejected', { homeProvince: '云南省', homeCounty: '鲁甸县' }), 'REJECTED', '2027-07-15');

    // The first ENROLLED of each makes a schedule: 3 years × (education fund + living allowance + winter fare).
    for (const key of ['enrolled', 'employed', 'graduated', 'withdrawn', 'suspended']) await status(s[key], 'ENROLLED', '2027-09-01');
    expect((await post(`/api/cohorts/${cohortId}/disbursements/approve-due`, { dueOnOrBefore: '2027-09-30' }).expect(200)).body).toEqual({
      approved: 10,
    });
    const lines = (await get(`/api/students/${s.enrolled}/disbursements`).expect(200)).body.items as Array<{
      id: number;
      kind: string;
      studyYear: number;
    }>;
    const fund = lines.find((l) => l.kind === 'EDUCATION_FUND' && l.studyYear === 1)!;
    await t
      .http()
      .post(`/api/disbursements/${fund.id}/pay`)
      .set(bearer(staff))
      .set('Idempotency-Key', 'report-0001')
      .send({ paidAt: '2026-11-05T08:30:00Z', reference: 'ICBC 0001' })
      .expect(200);
    await status(s.suspended, 'SUSPENDED', '2028-06-01');
    await status(s.withdrawn, 'WITHDRAWN', '2028-06-30');

    const internship = (
      await post('/api/placements', {
        studentId: s.employed,
        enterpriseId: enterprise,
        type: 'INTERNSHIP',
        startDate: '2029-07-01',
      }).expect(201)
    ).body.id;
    await post(`/api/placements/${internship}/confirm`, { position: '数控车工' }).expect(200);
    await post('/api/placements', { studentId: s.enrolled, enterpriseId: enterprise, type: 'INTERNSHIP', startDate: '2029-07-01' }).expect(
      201,
    );
    await status(s.employed, 'GRADUATED', '2030-06-30');
    await status(s.graduated, 'GRADUATED', '2030-06-30');
    const job = (
      await post('/api/placements', {
        studentId: s.employed,
        enterpriseId: enterprise,
        type: 'EMPLOYMENT',
        startDate: '2030-07-01',
      }).expect(201)
    ).body.id;
    await post(`/api/placements/${job}/confirm`, { position: '数控车工', monthlySalaryFen: 520000 }).expect(200);
    const refused = (
      await post('/api/placements', {
        studentId: s.graduated,
        enterpriseId: enterprise,
        type: 'EMPLOYMENT',
        startDate: '2030-07-01',
      }).expect(201)
    ).body.id;
    await post(`/api/placements/${refused}/decline`, { reason: '未留用' }).expect(200);

    // Another cohort's students count nowhere in this one.
    const other = (await createCohort(t, staff)).id;
    await createMajor(t, staff, other, { code: 'M01' });
    await post(`/api/cohorts/${other}/students`, studentBody({ homeProvince: '贵州省', homeCounty: '织金县' })).expect(201);
  });

  describe('GET /api/cohorts/:id/report', () => {
    it('counts students by status, major and home county', async () => {
      const body = (await get(`/api/cohorts/${cohortId}/report`).expect(200)).body;
      expect(body).toMatchObject({ cohortId, cohortName: '2027级云贵班', intakeYear: 2027 });
      expect(new Date(body.generatedAt).toISOString()).toBe(body.generatedAt);
      expect(body.students).toEqual({
        total: 9,
        byStatus: [
          { status: 'APPLIED', students: 1 },
          { status: 'ADMITTED', students: 1 },
          { status: 'WAITLISTED', students: 1 },
          { status: 'REJECTED', students: 1 },
          { status: 'ENROLLED', students: 1 },
          { status: 'SUSPENDED', students: 1 },
          { status: 'INTERNING', students: 0 },
          { status: 'GRADUATED', students: 1 },
          { status: 'EMPLOYED', students: 1 },
          { status: 'WITHDRAWN', students: 1 },
        ],
        byMajor: [
          { majorCode: 'M01', majorName: '机械加工技术 Mechanical processing', capacity: 40, students: 4 },
          { majorCode: 'M02', majorName: '装配钳工 Assembly fitter', capacity: 30, students: 2 },
          { majorCode: 'M03', majorName: '=旅游服务 Tourism', capacity: 5, students: 0 },
          { majorCode: null, majorName: null, capacity: null, students: 3 },
        ],
        byHomeCounty: [
          { homeProvince: '贵州省', homeCounty: '织金县', students: 5 },
          { homeProvince: '云南省', homeCounty: '昭阳区', students: 2 },
          { homeProvince: '云南省', homeCounty: '鲁甸县', students: 1 },
          { homeProvince: '贵州省', homeCounty: '纳雍县', students: 1 },
        ],
      });
    });

    it('adds up the schedules in fen by kind and status', async () => {
      const { disbursements } = (await get(`/api/cohorts/${cohortId}/report`).expect(200)).body;
      expect(disbursements).toEqual({
        byKind: [
          {
            kind: 'EDUCATION_FUND',
            lines: 15,
            totalFen: 7_500_000,
            scheduledFen: 3_000_000,
            approvedFen: 2_000_000,
            paidFen: 500_000,
            suspendedFen: 1_000_000,
            cancelledFen: 1_000_000,
          },
          {
            kind: 'LIVING_ALLOWANCE',
            lines: 15,
            totalFen: 7_500_000,
            scheduledFen: 3_000_000,
            approvedFen: 2_500_000,
            paidFen: 0,
            suspendedFen: 1_000_000,
            cancelledFen: 1_000_000,
          },
          {
            kind: 'WINTER_FARE',
            lines: 15,
            totalFen: 2_250_000,
            scheduledFen: 1_650_000,
            approvedFen: 0,
            paidFen: 0,
            suspendedFen: 300_000,
            cancelledFen: 300_000,
          },
        ],
        total: {
          lines: 45,
          totalFen: 17_250_000,
          scheduledFen: 7_650_000,
          approvedFen: 4_500_000,
          paidFen: 500_000,
          suspendedFen: 2_300_000,
          cancelledFen: 2_300_000,
        },
      });
      const summary = (await get(`/api/cohorts/${cohortId}/disbursements/summary`).expect(200)).body;
      expect(summary.totals).toEqual(disbursements.total);
    });

    it('gives the placement figures and rates of the placement report', async () => {
      const { placements } = (await get(`/api/cohorts/${cohortId}/report`).expect(200)).body;
      expect(placements).toEqual({
        byMajor: [
          {
            majorCode: 'M01',
            majorName: '机械加工技术 Mechanical processing',
            proposed: 1,
            confirmed: 2,
            declined: 0,
            graduates: 1,
            employed: 1,
            employmentRate: 1,
          },
          {
            majorCode: 'M02',
            majorName: '装配钳工 Assembly fitter',
            proposed: 0,
            confirmed: 0,
            declined: 1,
            graduates: 1,
            employed: 0,
            employmentRate: 0,
          },
          {
            majorCode: 'M03',
            majorName: '=旅游服务 Tourism',
            proposed: 0,
            confirmed: 0,
            declined: 0,
            graduates: 0,
            employed: 0,
            employmentRate: null,
          },
        ],
        byEnterprise: [
          {
            enterpriseId: enterprise,
            enterpriseName: expect.any(String),
            proposed: 1,
            confirmed: 2,
            declined: 1,
            graduates: 2,
            employed: 1,
            employmentRate: 0.5,
          },
          {
            enterpriseId: idle,
            enterpriseName: expect.any(String),
            proposed: 0,
            confirmed: 0,
            declined: 0,
            graduates: 0,
            employed: 0,
            employmentRate: null,
          },
        ],
        total: { proposed: 1, confirmed: 2, declined: 1, graduates: 2, employed: 1, employmentRate: 0.5 },
      });
      const placementReport = (await get(`/api/cohorts/${cohortId}/placement-report`).expect(200)).body;
      expect(placements.total).toEqual(placementReport.total);
    });

    it('downloads the same figures as CSV, table after table, UTF-8 with a BOM', async () => {
      const json = (await get(`/api/cohorts/${cohortId}/report`).expect(200)).body;
      const res = await download('csv');
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toContain(`filename="cohort-${cohortId}-report.csv"`);
      const tables = readCsvTables(res.body as Buffer);
      expect([...tables.keys()]).toEqual(SHEETS);

      const byStatus = tables.get('学生状态 by status')!;
      expect(byStatus[0]).toEqual(['状态 status', '名称 name', '人数 students']);
      expect(byStatus.slice(1)).toEqual([
        ...json.students.byStatus.map((r: { status: string; students: number }) => [r.status, expect.any(String), String(r.students)]),
        ['合计 total', '', '9'],
      ]);
      expect(byStatus[1]).toEqual(['APPLIED', '已报名', '1']);

      expect(tables.get('专业 by major')!.slice(1)).toEqual([
        ['M01', '机械加工技术 Mechanical processing', '40', '4'],
        ['M02', '装配钳工 Assembly fitter', '30', '2'],
        ['M03', "'=旅游服务 Tourism", '5', '0'],
        ['未分专业 no major', '', '', '3'],
        ['合计 total', '', '', '9'],
      ]);
      expect(tables.get('户籍县 by home county')!.slice(1)).toEqual([
        ['贵州省', '织金县', '5'],
        ['云南省', '昭阳区', '2'],
        ['云南省', '鲁甸县', '1'],
        ['贵州省', '纳雍县', '1'],
        ['合计 total', '', '9'],
      ]);

      const money = tables.get('资助发放 disbursements')!;
      expect(money[0].slice(2)).toEqual([
        '笔数 lines',
        '合计 total (分 fen)',
        '待发放 scheduled (分 fen)',
        '已审批 approved (分 fen)',
        '已发放 paid (分 fen)',
        '暂停 suspended (分 fen)',
        '已取消 cancelled (分 fen)',
      ]);
      const fen = (m: Record<string, number>) =>
        [m.lines, m.totalFen, m.scheduledFen, m.approvedFen, m.paidFen, m.suspendedFen, m.cancelledFen].map(String);
      expect(money.slice(1).map((r) => [r[0], ...r.slice(2)])).toEqual([
        ...json.disbursements.byKind.map((k: Record<string, number> & { kind: string }) => [k.kind, ...fen(k)]),
        ['合计 total', ...fen(json.disbursements.total)],
      ]);
      expect(money[4]).toEqual(['合计 total', '', '45', '17250000', '7650000', '4500000', '500000', '2300000', '2300000']);

      expect(tables.get('就业·专业 placements by major')!.slice(1)).toEqual([
        ['M01', '机械加工技术 Mechanical processing', '1', '2', '0', '1', '1', '100.0%'],
        ['M02', '装配钳工 Assembly fitter', '0', '0', '1', '1', '0', '0.0%'],
        ['M03', "'=旅游服务 Tourism", '0', '0', '0', '0', '0', ''],
        ['合计 total', '', '1', '2', '1', '2', '1', '50.0%'],
      ]);
      expect(tables.get('就业·企业 by enterprise')!.slice(1)).toEqual([
        [String(enterprise), json.placements.byEnterprise[0].enterpriseName, '1', '2', '1', '2', '1', '50.0%'],
        [String(idle), json.placements.byEnterprise[1].enterpriseName, '0', '0', '0', '0', '0', ''],
      ]);
    });

    it('downloads the same figures as XLSX, a sheet per table, numbers as numbers and rates as percentages', async () => {
      const json = (await get(`/api/cohorts/${cohortId}/report`).expect(200)).body;
      const res = await download('xlsx');
      expect(res.headers['content-type']).toBe(XLSX_TYPE);
      expect(res.headers['content-disposition']).toContain(`filename="cohort-${cohortId}-report.xlsx"`);
      const tables = await readXlsxTables(res.body as Buffer);
      expect([...tables.keys()]).toEqual(SHEETS);

      expect(tables.get('学生状态 by status')!.rows.slice(1)).toEqual([
        ...json.students.byStatus.map((r: { status: string; students: number }) => [r.status, expect.any(String), r.students]),
        ['合计 total', null, 9],
      ]);
      expect(tables.get('专业 by major')!.rows.slice(1)).toEqual([
        ['M01', '机械加工技术 Mechanical processing', 40, 4],
        ['M02', '装配钳工 Assembly fitter', 30, 2],
        ['M03', '=旅游服务 Tourism', 5, 0],
        ['未分专业 no major', null, null, 3],
        ['合计 total', null, null, 9],
      ]);
      expect(tables.get('户籍县 by home county')!.rows.slice(1)).toEqual([
        ['贵州省', '织金县', 5],
        ['云南省', '昭阳区', 2],
        ['云南省', '鲁甸县', 1],
        ['贵州省', '纳雍县', 1],
        ['合计 total', null, 9],
      ]);
      const money = tables.get('资助发放 disbursements')!.rows;
      expect(money.slice(1).map((r) => [r[0], ...r.slice(2)])).toEqual([
        ['EDUCATION_FUND', 15, 7_500_000, 3_000_000, 2_000_000, 500_000, 1_000_000, 1_000_000],
        ['LIVING_ALLOWANCE', 15, 7_500_000, 3_000_000, 2_500_000, 0, 1_000_000, 1_000_000],
        ['WINTER_FARE', 15, 2_250_000, 1_650_000, 0, 0, 300_000, 300_000],
        ['合计 total', 45, 17_250_000, 7_650_000, 4_500_000, 500_000, 2_300_000, 2_300_000],
      ]);
      const byMajor = tables.get('就业·专业 placements by major')!;
      expect(byMajor.rows.slice(1)).toEqual([
        ['M01', '机械加工技术 Mechanical processing', 1, 2, 0, 1, 1, 1],
        ['M02', '装配钳工 Assembly fitter', 0, 0, 1, 1, 0, 0],
        ['M03', '=旅游服务 Tourism', 0, 0, 0, 0, 0, null],
        ['合计 total', null, 1, 2, 1, 2, 1, 0.5],
      ]);
      expect(byMajor.sheet.getCell('H5').numFmt).toBe('0.0%');
      expect(tables.get('就业·企业 by enterprise')!.rows.slice(1)).toEqual([
        [enterprise, json.placements.byEnterprise[0].enterpriseName, 1, 2, 1, 2, 1, 0.5],
        [idle, json.placements.byEnterprise[1].enterpriseName, 0, 0, 0, 0, 0, null],
      ]);
    });

    it('reports an empty cohort with zeros, no counties and no rates', async () => {
      const empty = (await createCohort(t, staff)).id;
      const body = (await get(`/api/cohorts/${empty}/report`, admin).expect(200)).body;
      expect(body.students.total).toBe(0);
      expect(body.students.byStatus.every((r: { students: number }) => r.students === 0)).toBe(true);
      expect(body.students.byMajor).toEqual([{ majorCode: null, majorName: null, capacity: null, students: 0 }]);
      expect(body.students.byHomeCounty).toEqual([]);
      expect(body.disbursements.total).toEqual({
        lines: 0,
        totalFen: 0,
        scheduledFen: 0,
        approvedFen: 0,
        paidFen: 0,
        suspendedFen: 0,
        cancelledFen: 0,
      });
      expect(body.placements).toEqual({
        byMajor: [],
        byEnterprise: [],
        total: { proposed: 0, confirmed: 0, declined: 0, graduates: 0, employed: 0, employmentRate: null },
      });
    });

    it('answers 404 for an unknown cohort, in JSON whatever the format', async () => {
      for (const format of ['json', 'csv', 'xlsx']) {
        const res = await get(`/api/cohorts/999999/report?format=${format}`).expect(404);
        expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
      }
    });

    it('refuses a bad id, an unknown format and unknown parameters, naming them', async () => {
      expect(fieldsOf((await get('/api/cohorts/abc/report').expect(400)).body)).toEqual(['id']);
      expect(fieldsOf((await get('/api/cohorts/2147483648/report').expect(400)).body)).toEqual(['id']);
      expect(fieldsOf((await get(`/api/cohorts/${cohortId}/report?format=pdf&type=INTERNSHIP`).expect(400)).body)).toEqual([
        'format',
        'type',
      ]);
    });

    it('answers 401 without a token and 403 to enterprise and student accounts', async () => {
      await t.http().get(`/api/cohorts/${cohortId}/report`).expect(401);
      const hr = await signInAs(t, 'enterprise', { enterpriseId: enterprise });
      const student = await signInAs(t, 'student', { studentId: s.enrolled });
      for (const token of [hr, student]) {
        expect((await get(`/api/cohorts/${cohortId}/report`, token).expect(403)).body.code).toBe('FORBIDDEN');
        await get(`/api/cohorts/${cohortId}/report?format=csv`, token).expect(403);
      }
    });
  });
});
