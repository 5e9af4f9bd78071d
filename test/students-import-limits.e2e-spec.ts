import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import * as iconv from 'iconv-lite';
import { ImportRun } from '../src/students/import/import-run';
import { StudentEntity } from '../src/students/student.entity';
import { saveCohortWithMajors } from './factories/reference-data';
import { applicantRow, CHINESE_HEADER, csv, ENGLISH_HEADER } from './factories/spreadsheets';
import { saveStudent } from './factories/students';
import { sharedStringsBomb, workbookParts, ZipPart, zipArchive } from './factories/zip-archives';
import { bearer, createTestApp, signInAs, TestApp } from './utils/test-app';

const CSV = { filename: 'zhijin-2019.csv', contentType: 'text/csv' };
const XLSX = { filename: 'zhijin-2019.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
const MiB = 1024 * 1024;

// Files of 100,000 rows to a million and archives of 100 MiB: seconds on an idle machine, far more on two cores
// shared with other suites. Nothing here is timed; the limit only keeps a hung test from running for ever.
jest.setTimeout(180_000);

describe('Bulk intake: hostile and unusual files (e2e)', () => {
  let t: TestApp;
  let staff: string;
  let tempDir: string;

  beforeAll(async () => {
    // The app's temp folder for this test: libraries ask os.tmpdir() when they make a file (exceljs's tmp,
    // multipart's saveRequestFiles), so whatever they leave lands here. (TMPDIR would not do: jest gives
    // the test a copy of process.env that os.tmpdir() never reads.)
    tempDir = mkdtempSync(join(os.tmpdir(), 'import-limits-'));
    jest.spyOn(os, 'tmpdir').mockReturnValue(tempDir);
    t = await createTestApp();
    staff = await signInAs(t, 'staff');
  });
  afterAll(async () => {
    await t.close();
    jest.restoreAllMocks();
    rmSync(tempDir, { recursive: true, force: true });
  });

  const newCohort = async () => (await saveCohortWithMajors(t.dataSource)).cohort.id;
  const upload = (cohortId: number, file: Buffer, options = CSV, query = '') =>
    t.http().post(`/api/cohorts/${cohortId}/students/import${query}`).set(bearer(staff)).attach('file', file, options);
  const studentsIn = (cohortId: number) => t.dataSource.getRepository(StudentEntity).find({ where: { cohortId } });

  /** A good two-applicant workbook whose sheet comes before its shared strings, as some writers store it. */
  const sheetFirstWorkbook = (): Buffer => {
    const parts = workbookParts([CHINESE_HEADER, ...[applicantRow(), applicantRow()].map((row) => row.map((cell) => String(cell ?? '')))]);
    return zipArchive([parts.rels, parts.workbook, parts.sheet, parts.sharedStrings]);
  };
  const bombWorkbook = (declaredSize?: number): Buffer => {
    const parts = workbookParts([CHINESE_HEADER, applicantRow().map((cell) => String(cell ?? ''))]);
    return zipArchive([parts.rels, parts.workbook, { ...sharedStringsBomb(40 * MiB), declaredSize }, parts.sheet]);
  };
  /** The part with `bytes` of spaces before its closing tag: still well-formed, and deflated to almost nothing. */
  const padded = (part: ZipPart, bytes: number): ZipPart => {
    const end = part.content.lastIndexOf('</');
    return { ...part, content: Buffer.concat([part.content.subarray(0, end), Buffer.alloc(bytes, ' '), part.content.subarray(end)]) };
  };

  describe('XLSX whose parts inflate far beyond the file', () => {
    it('reads a workbook whose sheet is stored before its shared strings', async () => {
      const cohortId = await newCohort();
      const res = await upload(cohortId, sheetFirstWorkbook(), XLSX).expect(201);
      expect(res.body.imported).toBe(2);
      expect(await studentsIn(cohortId)).toHaveLength(2);
    });

    it('answers 413 naming the limit for shared strings that inflate beyond 32 MiB from a file under 1 MiB, and stays up', async () => {
      const file = bombWorkbook();
      expect(file.length).toBeLessThan(MiB);
      const res = await upload(await newCohort(), file, XLSX).expect(413);
      expect(res.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', imported: 0 });
      expect(res.body.message).toMatch(/xl\/sharedStrings\.xml inflates to more than 32 MiB/);
      expect(res.body.message).toMatch(/at most 64 MiB a part, 32 MiB of shared strings, 100 MiB in all/);
      await t.http().get('/api/health').expect(200);
    });

    it('counts the bytes that really inflate, whatever the headers declare', async () => {
      const res = await upload(await newCohort(), bombWorkbook(1000), XLSX, '?dryRun=true').expect(413);
      expect(res.body.message).toMatch(/xl\/sharedStrings\.xml inflates to more than 32 MiB/);
    });

    it('answers 413 for a sheet that inflates beyond 64 MiB', async () => {
      const parts = workbookParts([CHINESE_HEADER]);
      const file = zipArchive([parts.rels, parts.workbook, parts.sharedStrings, padded(parts.sheet, 70 * MiB)]);
      const res = await upload(await newCohort(), file, XLSX).expect(413);
      expect(res.body.message).toMatch(/xl\/worksheets\/sheet1\.xml inflates to more than 64 MiB/);
    });

    it('answers 413 when the parts together inflate beyond 100 MiB', async () => {
      const parts = workbookParts([CHINESE_HEADER]);
      const file = zipArchive([
        padded(parts.rels, 40 * MiB),
        padded(parts.workbook, 40 * MiB),
        parts.sharedStrings,
        padded(parts.sheet, 40 * MiB),
      ]);
      const res = await upload(await newCohort(), file, XLSX).expect(413);
      expect(res.body.message).toMatch(/it inflates to more than 100 MiB/);
    });
  });

  describe('rows per file and a responsive service', () => {
    it('answers 413 saying "at most 100,000 rows" for a file of a million one-letter rows, answering health meanwhile', async () => {
      const file = Buffer.from(`${ENGLISH_HEADER.join(',')}\n${'a\n'.repeat(1_000_000)}`);
      let done = false;
      const importing = upload(await newCohort(), file, CSV, '?dryRun=true').then((res) => {
        done = true;
        return res;
      });
      // Not a timing: a check that never yields (the defect) lets no health request through until it ends.
      // How long each took is for a benchmark to say, not a test on a shared machine.
      let healthAnswered = 0;
      while (!done) {
        await t.http().get('/api/health').expect(200);
        if (!done) healthAnswered++;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const res = await importing;
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('at most 100,000 rows') });
      expect(healthAnswered).toBeGreaterThanOrEqual(3);
    });

    it('does not refuse a file of exactly 100,000 rows for its size', async () => {
      const rows = Array.from({ length: 100_000 }, () => 'x');
      const res = await upload(await newCohort(), Buffer.from(`${ENGLISH_HEADER.join(',')}\n${rows.join('\n')}\n`), CSV, '?dryRun=true');
      expect(res.status).toBe(200);
      expect(res.body.errorsOmitted).toBeGreaterThan(0);
    });
  });

  describe('a real import checks first, then saves in one short transaction', () => {
    it('answers 409 and saves nothing when a student of the file joins the cohort between the check and the save', async () => {
      const cohortId = await newCohort();
      const rows = [applicantRow(), applicantRow()];
      const save = ImportRun.prototype.save;
      jest.spyOn(ImportRun.prototype, 'save').mockImplementationOnce(async function (this: ImportRun, ...args) {
        await saveStudent(t.dataSource, cohortId, { nationalId: String(rows[1][1]) });
        return save.apply(this, args);
      });
      const res = await upload(cohortId, csv(CHINESE_HEADER, rows)).expect(409);
      expect(res.body).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('nothing was imported') });
      expect((await studentsIn(cohortId)).filter((s) => s.nationalId === rows[0][1])).toEqual([]);
    });
  });

  describe('GB18030 that is also valid UTF-8', () => {
    it('reads 佟伟 as Chinese, and warns that the encoding was guessed', async () => {
      const cohortId = await newCohort();
      const file = iconv.encode(
        `${ENGLISH_HEADER.join(',')}\r\n${applicantRow({ fullName: '佟伟', homeProvince: 'GZ', homeCounty: 'ZJ', guardianName: 'Li', povertyRegistered: 'yes', majorPreferences: 'M01' }).join(',')}\r\n`,
        'gb18030',
      );
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(file)).not.toThrow();
      const res = await upload(cohortId, file).expect(201);
      expect(res.body.warnings).toEqual([{ row: null, column: null, message: expect.stringMatching(/read as GB18030.*\?encoding=/) }]);
      expect((await studentsIn(cohortId))[0].fullName).toBe('佟伟');
    });

    it('reads the same bytes as UTF-8 when told to, without a warning', async () => {
      const file = iconv.encode(`${CHINESE_HEADER.join(',')}\r\n${applicantRow({ fullName: '佟伟' }).join(',')}\r\n`, 'utf-8');
      const res = await upload(await newCohort(), file, CSV, '?dryRun=true&encoding=utf-8').expect(200);
      expect(res.body.warnings).toEqual([]);
    });
  });

  describe('temporary files', () => {
    it('leaves the temp folder as it was after uploads of every kind, aborted ones included', async () => {
      const cohortId = await newCohort();
      const before = readdirSync(tempDir);
      await upload(cohortId, csv(CHINESE_HEADER, [applicantRow()]), CSV, '?dryRun=true').expect(200);
      await upload(cohortId, sheetFirstWorkbook(), XLSX, '?dryRun=true').expect(200);
      await upload(cohortId, sheetFirstWorkbook(), XLSX).expect(201);
      await upload(cohortId, bombWorkbook(), XLSX).expect(413);
      await upload(cohortId, Buffer.alloc(20 * MiB + 1, 'a')).expect(413);
      await upload(cohortId, Buffer.from('89504e470d0a1a0a', 'hex'), { filename: 'photo.png', contentType: 'image/png' }).expect(415);
      await upload(cohortId, Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(300, 7)]), XLSX).expect(422);
      await upload(cohortId, csv(CHINESE_HEADER, [applicantRow({ phone: 'none' })])).expect(422);
      await abortedUpload(cohortId, sheetFirstWorkbook());
      await t.http().get('/api/health').expect(200);
      expect(readdirSync(tempDir)).toEqual(before);
    });
  });

  /** Sends the head of a multipart upload, then drops the connection half-way through the file. */
  async function abortedUpload(cohortId: number, file: Buffer): Promise<void> {
    const server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const boundary = 'aborted-upload-boundary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\nContent-Type: ${XLSX.contentType}\r\n\r\n`,
    );
    await new Promise<void>((resolve) => {
      const req = httpRequest({
        port,
        method: 'POST',
        path: `/api/cohorts/${cohortId}/students/import`,
        headers: {
          ...bearer(staff),
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': head.length + file.length + 100,
        },
      });
      req.on('error', () => resolve());
      req.on('close', () => resolve());
      req.write(Buffer.concat([head, file.subarray(0, file.length / 2)]), () => setTimeout(() => req.destroy(), 100));
    });
    // Give the server the moment it needs to notice and clean up.
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
});
