import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { STUDENT_EXPORT_CHUNK_SIZE, STUDENT_EXPORT_SHEET_NAME } from '../src/students/export/student-export.service';
import { StudentsRepository } from '../src/students/students.repository';
import { studentBody } from './factories/bodies';
import { nationalId } from './factories/ids';
import { CohortSetup, saveCohortWithMajors, saveEnterprise } from './factories/reference-data';
import { insertStudents, saveStudent } from './factories/students';
import { bearer, createTestApp, fieldsOf, signInAs, TestApp } from './utils/test-app';
import { binary } from './utils/binary';

const HEADERS = [
  '学生编号',
  '姓名',
  '身份证号',
  '性别',
  '出生日期',
  '手机号',
  '户籍省',
  '户籍县',
  '建档立卡',
  '成绩',
  '专业志愿',
  '录取专业',
  '状态',
  '意向企业编号',
  '监护人姓名',
  '监护人电话',
  '是否符合条件',
  '不符合原因',
];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const FULL_ID = '11010519491231002X';

type Cell = string | number;

function readCsv(bytes: Buffer): string[][] {
  expect(bytes.subarray(0, 3)).toEqual(UTF8_BOM);
  return parse(bytes.subarray(3), { relax_column_count: false }) as string[][];
}

async function readXlsx(bytes: Buffer): Promise<{ rows: Cell[][]; sheet: ExcelJS.Worksheet }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  expect(workbook.worksheets.map((s) => s.name)).toEqual([STUDENT_EXPORT_SHEET_NAME]);
  const sheet = workbook.getWorksheet(STUDENT_EXPORT_SHEET_NAME)!;
  const rows: Cell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const values = row.values as unknown[];
    rows.push(HEADERS.map((_, i) => (values[i + 1] ?? '') as Cell));
  });
  return { rows, sheet };
}

describe('Students: CSV and XLSX downloads of a cohort list (e2e)', () => {
  let t: TestApp;
  let staff: string;
  let setup: CohortSetup;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp();
    staff = await signInAs(t, 'staff');
    setup = await saveCohortWithMajors(t.dataSource, { program: { eligibleHomeCounties: ['织金县'], requirePovertyRegistration: true } });
    const intake = async (key: string, body: Record<string, unknown>) => {
      const res = await t.http().post(`/api/cohorts/${setup.cohort.id}/students`).set(bearer(staff)).send(studentBody(body)).expect(201);
      ids[key] = res.body.id;
    };
    await intake('ming', { fullName: '李明', nationalId: nationalId(301), majorPreferences: ['M02', 'M01'] });
    await intake('formula', {
      fullName: '=HYPERLINK("http://evil.example","点我")',
      nationalId: nationalId(302),
      phone: '+86 138 0000 1234',
      homeProvince: '云南省',
      homeCounty: '昭阳区',
      guardianName: '@cmd',
      guardianPhone: '-1 0000 0000',
    });
    await intake('hua', { fullName: '李华', nationalId: FULL_ID, guardianName: '李大山', guardianPhone: '13900000001' });
    await intake('lei', { fullName: '赵磊', nationalId: nationalId(304), homeCounty: '昭阳区', povertyRegistered: false });
    const status = (key: string, to: string) =>
      t.http().post(`/api/students/${ids[key]}/status`).set(bearer(staff)).send({ status: to }).expect(200);
    await status('ming', 'ADMITTED');
    await t.http().put(`/api/students/${ids.ming}/major`).set(bearer(staff)).send({ majorCode: 'M02', reason: 'export test' }).expect(200);
    await status('formula', 'REJECTED');
    await status('lei', 'WAITLISTED');
    const other = await saveCohortWithMajors(t.dataSource);
    await t
      .http()
      .post(`/api/cohorts/${other.cohort.id}/students`)
      .set(bearer(staff))
      .send(studentBody({ fullName: '别班' }))
      .expect(201);
  });
  afterAll(() => t.close());

  const download = (format: string, query = '', token = staff, cohortId = setup.cohort.id) =>
    t.http().get(`/api/cohorts/${cohortId}/students?format=${format}${query}`).set(bearer(token)).buffer(true).parse(binary);
  const csv = async (query = '') => readCsv((await download('csv', query).expect(200)).body as Buffer);
  const xlsx = async (query = '') => (await readXlsx((await download('xlsx', query).expect(200)).body as Buffer)).rows;
  const jsonIds = async (query: string): Promise<number[]> => {
    const res = await t.http().get(`/api/cohorts/${setup.cohort.id}/students?pageSize=500${query}`).set(bearer(staff)).expect(200);
    return res.body.items.map((s: { id: number }) => s.id);
  };

  describe('CSV', () => {
    it('answers a UTF-8 CSV attachment with a BOM and CRLF line ends', async () => {
      const res = await download('csv').expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      const name = `cohort-${setup.cohort.id}-students.csv`;
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${name}"; filename*=UTF-8''${name}`);
      const bytes = res.body as Buffer;
      expect(bytes.subarray(0, 3)).toEqual(UTF8_BOM);
      const text = bytes.subarray(3).toString('utf8');
      expect(text.startsWith(`${HEADERS.join(',')}\r\n`)).toBe(true);
      expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    });

    it('has the Chinese header row and one row per student of the cohort, in id order', async () => {
      const rows = await csv();
      expect(rows[0]).toEqual(HEADERS);
      expect(rows.slice(1).map((r) => Number(r[0]))).toEqual([ids.ming, ids.formula, ids.hua, ids.lei]);
    });

    it('writes every column of a student the way staff read it', async () => {
      const rows = await csv();
      expect(rows[1]).toEqual([
        String(ids.ming),
        '李明',
        `${nationalId(301).slice(0, 6)}********${nationalId(301).slice(-4)}`,
        '男',
        '2004-03-15',
        '13800001234',
        '贵州省',
        '织金县',
        '是',
        '420.5',
        'M02;M01',
        'M02',
        'ADMITTED 已录取',
        '',
        '',
        '',
        '是',
        '',
      ]);
      expect(rows[4].slice(12)).toEqual(['WAITLISTED 候补', '', '', '', '否', expect.stringContaining('；')]);
    });

    it('masks national IDs and never sends the full one', async () => {
      const res = await download('csv').expect(200);
      const rows = readCsv(res.body as Buffer);
      expect(rows[3][2]).toBe('110105********002X');
      expect((res.body as Buffer).toString('utf8')).not.toContain(FULL_ID);
      for (const row of rows.slice(1)) expect(row[2]).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    });

    it('prefixes an apostrophe to cells a spreadsheet would read as a formula', async () => {
      const row = (await csv()).find((r) => Number(r[0]) === ids.formula)!;
      expect(row[1]).toBe('\'=HYPERLINK("http://evil.example","点我")');
      expect(row[5]).toBe("'+86 138 0000 1234");
      expect(row[14]).toBe("'@cmd");
      expect(row[15]).toBe("'-1 0000 0000");
      expect(row[12]).toBe('REJECTED 未录取');
    });

    it.each([
      ['status', '&status=APPLIED'],
      ['major', '&major=M02'],
      ['county', `&county=${encodeURIComponent('昭阳区')}`],
      ['name', `&q=${encodeURIComponent('李')}`],
      ['ID tail', '&q=002x'],
      ['county and status', `&county=${encodeURIComponent('昭阳区')}&status=REJECTED`],
    ])('narrows the download by %s exactly like the JSON list', async (_, query) => {
      const expected = await jsonIds(query);
      expect(expected.length).toBeGreaterThan(0);
      expect((await csv(query)).slice(1).map((r) => Number(r[0]))).toEqual(expected);
    });

    it('ignores page and pageSize: the download is the whole filtered list', async () => {
      expect(await csv('&page=3&pageSize=1')).toHaveLength(5);
    });

    it('answers just the header row when nothing matches', async () => {
      expect(await csv('&status=EMPLOYED')).toEqual([HEADERS]);
    });
  });

  describe('XLSX', () => {
    it('answers an XLSX attachment with one sheet, a bold Chinese header row and a row per student', async () => {
      const res = await download('xlsx').expect(200);
      expect(res.headers['content-type']).toBe(XLSX_TYPE);
      const name = `cohort-${setup.cohort.id}-students.xlsx`;
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${name}"; filename*=UTF-8''${name}`);
      const { rows, sheet } = await readXlsx(res.body as Buffer);
      expect(rows[0]).toEqual(HEADERS);
      expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(rows.slice(1).map((r) => r[0])).toEqual([ids.ming, ids.formula, ids.hua, ids.lei]);
    });

    it('writes ids and scores as numbers and everything else as text, never a formula', async () => {
      const { rows, sheet } = await readXlsx((await download('xlsx').expect(200)).body as Buffer);
      expect(rows[1]).toEqual([
        ids.ming,
        '李明',
        expect.stringMatching(/^520524\*{8}\d{3}[\dX]$/),
        '男',
        '2004-03-15',
        '13800001234',
        '贵州省',
        '织金县',
        '是',
        420.5,
        'M02;M01',
        'M02',
        'ADMITTED 已录取',
        '',
        '',
        '',
        '是',
        '',
      ]);
      sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    });

    it('masks national IDs and writes formula-like text as text cells, without a visible apostrophe', async () => {
      const { rows, sheet } = await readXlsx((await download('xlsx').expect(200)).body as Buffer);
      expect(JSON.stringify(rows)).not.toContain(FULL_ID);
      expect(rows[3][2]).toBe('110105********002X');
      const index = rows.findIndex((r) => r[0] === ids.formula);
      expect([2, 6, 15, 16].map((column) => sheet.getRow(index + 1).getCell(column).type)).toEqual(Array(4).fill(ExcelJS.ValueType.String));
      expect([rows[index][1], rows[index][5], rows[index][14], rows[index][15]]).toEqual([
        '=HYPERLINK("http://evil.example","点我")',
        '+86 138 0000 1234',
        '@cmd',
        '-1 0000 0000',
      ]);
    });

    it.each([
      ['status', '&status=APPLIED'],
      ['major', '&major=M02'],
      ['county', `&county=${encodeURIComponent('昭阳区')}`],
      ['search', `&q=${encodeURIComponent('赵')}`],
    ])('narrows the download by %s exactly like the JSON list', async (_, query) => {
      expect((await xlsx(query)).slice(1).map((r) => r[0])).toEqual(await jsonIds(query));
    });

    it('answers just the header row when nothing matches', async () => {
      expect(await xlsx('&status=EMPLOYED')).toEqual([HEADERS]);
    });
  });

  describe('text holding a line break (stored before such text was refused)', () => {
    let cohortId: number;
    beforeAll(async () => {
      cohortId = (await saveCohortWithMajors(t.dataSource)).cohort.id;
      await saveStudent(t.dataSource, cohortId, { fullName: '王\n=1+2', guardianName: '李\r\n@SUM(A1)' });
    });

    it('quotes the cell in the CSV, so no line of the file starts with its formula', async () => {
      const bytes = (await download('csv', '', staff, cohortId).expect(200)).body as Buffer;
      expect(
        bytes
          .toString('utf8')
          .split(/\r\n|\r|\n/)
          .filter((line) => /^[=+\-@]/.test(line)),
      ).toEqual([]);
      const rows = readCsv(bytes);
      expect(rows).toHaveLength(2);
      expect([rows[1][1], rows[1][14]]).toEqual(["王\n'=1+2", "李\r\n'@SUM(A1)"]);
    });

    it('keeps the text as it is in an XLSX string cell', async () => {
      const { rows, sheet } = await readXlsx((await download('xlsx', '', staff, cohortId).expect(200)).body as Buffer);
      expect(rows[1][1]).toBe('王\n=1+2');
      expect(sheet.getRow(2).getCell(2).type).toBe(ExcelJS.ValueType.String);
    });
  });

  describe('a list longer than one read chunk', () => {
    const COUNT = 2500;
    let cohortId: number;

    beforeAll(async () => {
      cohortId = (await saveCohortWithMajors(t.dataSource)).cohort.id;
      await insertStudents(t.dataSource, cohortId, COUNT);
    });
    afterEach(() => jest.restoreAllMocks());

    it('streams every student in id order, reading the database chunk by chunk', async () => {
      expect(COUNT).toBeGreaterThan(2 * STUDENT_EXPORT_CHUNK_SIZE);
      const chunks = jest.spyOn(t.app.get(StudentsRepository), 'chunkInCohortAfter');
      const res = await download('csv', '', staff, cohortId).expect(200);
      const studentIds = readCsv(res.body as Buffer)
        .slice(1)
        .map((r) => Number(r[0]));
      expect(studentIds).toHaveLength(COUNT);
      expect(studentIds.every((id, i) => i === 0 || id > studentIds[i - 1])).toBe(true);
      expect(chunks).toHaveBeenCalledTimes(Math.ceil(COUNT / STUDENT_EXPORT_CHUNK_SIZE));
      for (const call of chunks.mock.calls) expect(call[4]).toBe(STUDENT_EXPORT_CHUNK_SIZE);
    });

    it('writes every student to the XLSX too', async () => {
      const rows = await readXlsx((await download('xlsx', '', staff, cohortId).expect(200)).body as Buffer);
      expect(rows.rows).toHaveLength(COUNT + 1);
    });
  });

  describe('errors and access', () => {
    it('answers 404 in the JSON error shape for an unknown cohort', async () => {
      for (const format of ['csv', 'xlsx']) {
        const res = await t.http().get(`/api/cohorts/99999/students?format=${format}`).set(bearer(staff)).expect(404);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found', code: 'NOT_FOUND' });
      }
    });

    it('refuses an unknown format, naming the field', async () => {
      const res = await t.http().get(`/api/cohorts/${setup.cohort.id}/students?format=pdf`).set(bearer(staff)).expect(400);
      expect(fieldsOf(res.body)).toEqual(['format']);
    });

    it('keeps the JSON page for format=json', async () => {
      const res = await t.http().get(`/api/cohorts/${setup.cohort.id}/students?format=json&pageSize=2`).set(bearer(staff)).expect(200);
      expect(res.body).toMatchObject({ total: 4, page: 1, pageSize: 2 });
    });

    it('lets admin download, answers 403 to enterprise and student accounts and 401 without a token', async () => {
      const admin = await signInAs(t, 'admin');
      await download('csv', '', admin).expect(200);
      const enterprise = await signInAs(t, 'enterprise', { enterpriseId: (await saveEnterprise(t.dataSource)).id });
      const student = await signInAs(t, 'student', { studentId: ids.hua });
      for (const format of ['csv', 'xlsx']) {
        for (const token of [enterprise, student]) {
          await t.http().get(`/api/cohorts/${setup.cohort.id}/students?format=${format}`).set(bearer(token)).expect(403);
        }
        await t.http().get(`/api/cohorts/${setup.cohort.id}/students?format=${format}`).expect(401);
      }
    });
  });
});
