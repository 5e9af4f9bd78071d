import { AuditEntryEntity } from '../src/audit/audit-entry.entity';
import { StudentEntity } from '../src/students/student.entity';
import { creditCode, nationalId } from './factories/ids';
import { saveCohortWithMajors, saveEnterprise } from './factories/reference-data';
import { applicantRow, CHINESE_HEADER, csv, ENGLISH_HEADER, Row, xlsx } from './factories/spreadsheets';
import { saveStudent } from './factories/students';
import { bearer, createTestApp, loginAdmin, signInAs, TestApp } from './utils/test-app';

const CSV = { filename: 'zhijin-2019.csv', contentType: 'text/csv' };
const XLSX = { filename: 'zhijin-2019.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

describe('Bulk intake from spreadsheets (e2e)', () => {
  let t: TestApp;
  let staff: string;
  let enterprise: { id: number; creditCode: string };

  beforeAll(async () => {
    t = await createTestApp();
    staff = await signInAs(t, 'staff');
    enterprise = await saveEnterprise(t.dataSource, { creditCode: creditCode(424242) });
  });
  afterAll(() => t.close());

  const newCohort = async () => (await saveCohortWithMajors(t.dataSource)).cohort.id;
  const upload = (cohortId: number, file: Buffer, options = CSV, query = '') =>
    t.http().post(`/api/cohorts/${cohortId}/students/import${query}`).set(bearer(staff)).attach('file', file, options);
  const studentsIn = (cohortId: number) => t.dataSource.getRepository(StudentEntity).find({ where: { cohortId }, order: { id: 'ASC' } });

  describe('good files', () => {
    it('imports a UTF-8 CSV with a BOM and Chinese headers, deriving what single intake derives', async () => {
      const cohortId = await newCohort();
      const rows = [
        applicantRow({ fullName: '王芳', nationalId: nationalId(2, '20040315'), intendedEnterpriseCreditCode: enterprise.creditCode }),
        applicantRow({ fullName: '赵强', homeCounty: '昭阳区', homeProvince: '云南省', povertyRegistered: '否' }),
      ];
      const res = await upload(cohortId, csv(CHINESE_HEADER, rows, { bom: true })).expect(201);
      expect(res.body).toEqual({
        dryRun: false,
        imported: 2,
        errors: [],
        warnings: [],
        ineligible: [{ row: 3, reasons: [expect.stringContaining('昭阳区'), expect.stringContaining('建档立卡')] }],
      });
      const [wang, zhao] = await studentsIn(cohortId);
      expect(wang).toMatchObject({
        fullName: '王芳',
        nationalId: nationalId(2, '20040315'),
        gender: 'FEMALE',
        birthDate: '2004-03-15',
        status: 'APPLIED',
        examScore: 455.5,
        majorPreferences: ['M01', 'M02'],
        intendedEnterpriseId: enterprise.id,
        eligible: true,
      });
      expect(zhao).toMatchObject({ homeCounty: '昭阳区', povertyRegistered: false, eligible: false, intendedEnterpriseId: null });
    });

    it('imports a CSV without a BOM and with the API field names as headers, in another column order', async () => {
      const cohortId = await newCohort();
      const order = [7, 0, 1, 2, 3, 4, 5, 6];
      const header = order.map((i) => ENGLISH_HEADER[i]);
      const rows = [applicantRow(), applicantRow()].map((row) => order.map((i) => row[i]));
      await upload(cohortId, csv(header, rows)).expect(201);
      expect(await studentsIn(cohortId)).toHaveLength(2);
    });

    it('reads a GB18030 CSV as Chinese Excel saves it, detected or named with ?encoding', async () => {
      const cohortId = await newCohort();
      const file = csv(CHINESE_HEADER, [applicantRow({ fullName: '龙晓燕', homeCounty: '织金县' })], { encoding: 'gb18030' });
      expect(file.includes(Buffer.from('龙晓燕', 'utf8'))).toBe(false);
      const dry = await upload(cohortId, file, CSV, '?dryRun=true&encoding=gb18030').expect(200);
      expect(dry.body.errors).toEqual([]);
      await upload(cohortId, file).expect(201);
      expect((await studentsIn(cohortId))[0]).toMatchObject({ fullName: '龙晓燕', homeCounty: '织金县', homeProvince: '贵州省' });
    });

    it('refuses a GB18030 file declared as UTF-8, with 422', async () => {
      const file = csv(CHINESE_HEADER, [applicantRow()], { encoding: 'gb18030' });
      const res = await upload(await newCohort(), file, CSV, '?encoding=utf-8').expect(422);
      expect(res.body.message).toMatch(/not valid UTF-8/);
    });

    it('imports an XLSX workbook with typed cells (numbers, booleans) and Chinese headers', async () => {
      const cohortId = await newCohort();
      const rows = [
        applicantRow({ examScore: 512, povertyRegistered: true, phone: 13800001234 }),
        applicantRow({ examScore: 388.5, povertyRegistered: '否' }),
      ];
      const res = await upload(cohortId, await xlsx(CHINESE_HEADER, rows), XLSX).expect(201);
      expect(res.body.imported).toBe(2);
      const saved = await studentsIn(cohortId);
      expect(saved.map((s) => [s.examScore, s.povertyRegistered, s.phone])).toEqual([
        [512, true, '13800001234'],
        [388.5, false, '13900001111'],
      ]);
    });

    it('reports unknown columns as warnings and imports the rest', async () => {
      const cohortId = await newCohort();
      const res = await upload(cohortId, csv(['序号', ...CHINESE_HEADER], [[1, ...applicantRow()]])).expect(201);
      expect(res.body.warnings).toEqual([{ row: 1, column: '序号', message: 'unknown column; its values were not read' }]);
      expect(res.body.imported).toBe(1);
    });

    it('skips blank lines but keeps counting rows the way the spreadsheet does', async () => {
      const cohortId = await newCohort();
      const file = csv(CHINESE_HEADER, [applicantRow(), CHINESE_HEADER.map(() => ''), applicantRow({ nationalId: 'bad' })]);
      const res = await upload(cohortId, file, CSV, '?dryRun=true').expect(200);
      expect(res.body.errors).toEqual([{ row: 4, column: '身份证号', message: expect.stringContaining('not a valid national ID') }]);
    });

    it('writes one audit entry per student and one for the file, in the same transaction', async () => {
      const cohortId = await newCohort();
      await upload(cohortId, csv(CHINESE_HEADER, [applicantRow(), applicantRow()])).expect(201);
      const saved = await studentsIn(cohortId);
      const audit = t.dataSource.getRepository(AuditEntryEntity);
      for (const student of saved) {
        const entries = await audit.findBy({ entityType: 'student', entityId: student.id });
        expect(entries.map((e) => [e.action, e.after?.trigger, e.after?.id])).toEqual([['student.created', 'IMPORT', student.id]]);
        expect(JSON.stringify(entries[0].after)).not.toContain(student.nationalId);
      }
      const fileEntry = await audit.findOneByOrFail({ entityType: 'cohort', entityId: cohortId, action: 'students.imported' });
      expect(fileEntry.after).toMatchObject({ file: 'zhijin-2019.csv', imported: 2, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    });
  });

  describe('errors', () => {
    it('lists every error with the row and the column as the spreadsheet shows them, and saves nothing', async () => {
      const cohortId = await newCohort();
      const existing = await saveStudent(t.dataSource, cohortId);
      const duplicate = applicantRow();
      const rows: Row[] = [
        applicantRow(),
        applicantRow({ nationalId: '520524199902300135' }),
        applicantRow({ majorPreferences: 'M01;M09' }),
        applicantRow({ intendedEnterpriseCreditCode: creditCode(999999) }),
        duplicate,
        [...duplicate],
        applicantRow({ nationalId: existing.nationalId }),
        applicantRow({ examScore: 'abc', povertyRegistered: 'maybe' }),
      ];
      const res = await upload(cohortId, csv(CHINESE_HEADER, rows)).expect(422);
      expect(res.body).toMatchObject({
        statusCode: 422,
        code: 'IMPORT_REJECTED',
        message: '7 errors in the file; nothing was imported',
        dryRun: false,
        imported: 0,
      });
      expect(res.body.errors).toEqual([
        { row: 3, column: '身份证号', message: expect.stringContaining('is not a valid national ID') },
        { row: 4, column: '专业志愿', message: `not majors of cohort ${cohortId}: M09` },
        { row: 5, column: '意向企业统一社会信用代码', message: `no enterprise has the credit code ${creditCode(999999)}` },
        { row: 7, column: '身份证号', message: 'the same national ID as row 6' },
        { row: 8, column: '身份证号', message: `a student with this national ID is already in cohort ${cohortId}` },
        { row: 9, column: '建档立卡', message: 'must be 是 or 否 (yes or no)' },
        { row: 9, column: '成绩', message: 'must be a number' },
      ]);
      expect(await studentsIn(cohortId)).toHaveLength(1);
    });

    it('names a missing required column once, and reads no rows', async () => {
      const header = CHINESE_HEADER.filter((h) => h !== '身份证号');
      const rows = [applicantRow(), applicantRow()].map((row) => row.filter((_, i) => i !== 1));
      const res = await upload(await newCohort(), csv(header, rows), CSV, '?dryRun=true').expect(200);
      expect(res.body.errors).toEqual([{ row: 1, column: '身份证号 (nationalId)', message: 'required column is missing' }]);
    });

    it('is all or nothing: a bad last row after more than one chunk of good rows leaves nothing saved', async () => {
      const cohortId = await newCohort();
      const rows = Array.from({ length: 1200 }, () => applicantRow());
      rows.push(applicantRow({ phone: 'none' }));
      const res = await upload(cohortId, csv(CHINESE_HEADER, rows)).expect(422);
      expect(res.body.errors).toEqual([{ row: 1202, column: '手机号', message: 'must be 7 to 20 digits, spaces, + or -' }]);
      expect(await studentsIn(cohortId)).toHaveLength(0);
      expect(await t.dataSource.getRepository(AuditEntryEntity).countBy({ entityType: 'cohort', entityId: cohortId })).toBe(0);
    });

    it('explains an ID that Excel stored as a number', async () => {
      const res = await upload(
        await newCohort(),
        await xlsx(CHINESE_HEADER, [applicantRow({ nationalId: 520524200406010000 })]),
        XLSX,
      ).expect(422);
      expect(res.body.errors).toEqual([{ row: 2, column: '身份证号', message: expect.stringContaining('stored as a number') }]);
    });
  });

  describe('dry run', () => {
    it('checks a good file, reports what would happen and saves nothing', async () => {
      const cohortId = await newCohort();
      const res = await upload(
        cohortId,
        csv(CHINESE_HEADER, [applicantRow(), applicantRow({ homeCounty: '外县' })]),
        CSV,
        '?dryRun=true',
      ).expect(200);
      expect(res.body).toEqual({
        dryRun: true,
        imported: 0,
        errors: [],
        warnings: [],
        ineligible: [{ row: 3, reasons: [expect.stringContaining('外县')] }],
      });
      expect(await studentsIn(cohortId)).toHaveLength(0);
    });
  });

  describe('files that are not applicant spreadsheets', () => {
    it('answers 415 for another kind of file or a request that is not multipart', async () => {
      const cohortId = await newCohort();
      const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
      expect((await upload(cohortId, png, { filename: 'photo.png', contentType: 'image/png' })).status).toBe(415);
      const xls = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]);
      const old = await upload(cohortId, xls, { filename: 'old.xls', contentType: 'application/vnd.ms-excel' }).expect(415);
      expect(old.body.message).toMatch(/save the file as \.xlsx or CSV/);
      const json = await t.http().post(`/api/cohorts/${cohortId}/students/import`).set(bearer(staff)).send({ file: 'x' }).expect(415);
      expect(json.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it.each([
      ['an empty file', Buffer.alloc(0), CSV, /empty/],
      ['a header without rows', Buffer.from(CHINESE_HEADER.join(',') + '\n'), CSV, /no applicant rows/],
      ['a CSV with an unclosed quote', Buffer.from(`${CHINESE_HEADER.join(',')}\n"王,1\n`), CSV, /malformed/],
      ['a damaged XLSX', Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(300, 7)]), XLSX, /could not be read/],
      ['a .xlsx that is not a workbook', Buffer.from('name,id\n'), XLSX, /not an XLSX workbook/],
    ])('answers 422 with a message for %s, also on a dry run', async (_, file, options, message) => {
      const cohortId = await newCohort();
      for (const query of ['', '?dryRun=true']) {
        const res = await upload(cohortId, file, options, query).expect(422);
        expect(res.body).toMatchObject({ statusCode: 422, imported: 0, message: expect.stringMatching(message) });
        expect(res.body.errors).toEqual([{ row: null, column: null, message: res.body.message }]);
      }
    });

    it('answers 413 for a file over 20 MiB', async () => {
      const big = Buffer.alloc(20 * 1024 * 1024 + 1, 'a');
      const res = await upload(await newCohort(), big).expect(413);
      expect(res.body.statusCode).toBe(413);
    });

    it('answers 400 naming file when the multipart body has no file field', async () => {
      const res = await t
        .http()
        .post(`/api/cohorts/${await newCohort()}/students/import`)
        .set(bearer(staff))
        .field('note', 'x')
        .expect(400);
      expect(res.body.details).toEqual([{ field: 'file', message: expect.stringContaining('is required') }]);
    });

    it('answers 400 naming the query parameter for a bad dryRun or encoding', async () => {
      const res = await upload(await newCohort(), csv(CHINESE_HEADER, [applicantRow()]), CSV, '?dryRun=maybe&encoding=big5').expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['dryRun', 'encoding']);
    });
  });

  describe('who may import', () => {
    it('answers 404 for an unknown cohort', async () => {
      await upload(999999, csv(CHINESE_HEADER, [applicantRow()])).expect(404);
    });

    it('lets admin import and refuses enterprise and student accounts', async () => {
      const cohortId = await newCohort();
      const admin = await loginAdmin(t);
      const file = csv(CHINESE_HEADER, [applicantRow()]);
      await t.http().post(`/api/cohorts/${cohortId}/students/import?dryRun=true`).set(bearer(admin)).attach('file', file, CSV).expect(200);
      const student = await saveStudent(t.dataSource, cohortId);
      for (const token of [
        await signInAs(t, 'enterprise', { enterpriseId: enterprise.id }),
        await signInAs(t, 'student', { studentId: student.id }),
      ]) {
        await t.http().post(`/api/cohorts/${cohortId}/students/import`).set(bearer(token)).attach('file', file, CSV).expect(403);
      }
      await t.http().post(`/api/cohorts/${cohortId}/students/import`).attach('file', file, CSV).expect(401);
      expect(await studentsIn(cohortId)).toHaveLength(1);
    });
  });
});
