import { createHash } from 'node:crypto';
import { JobResponseDto } from '../src/jobs/dto/job-response.dto';
import { studentBody } from './factories/bodies';
import { creditCode } from './factories/ids';
import { saveCohortWithMajors, saveEnterprise } from './factories/reference-data';
import { pdfPages, squeeze } from './utils/pdf-text';
import { bearer, createTestApp, fieldsOf, loginAdmin, signInAs, TestApp } from './utils/test-app';

describe('Agreements (e2e)', () => {
  jest.setTimeout(60_000);
  let t: TestApp;
  let admin: string;
  let staff: string;
  let cohortId: number;
  let enterprise: { id: number; name: string };
  let otherEnterprise: { id: number };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
    staff = await signInAs(t, 'staff');
    cohortId = (await saveCohortWithMajors(t.dataSource)).cohort.id;
    enterprise = await saveEnterprise(t.dataSource, { name: '长兴示范精密机械有限公司', creditCode: creditCode(515151) });
    otherEnterprise = await saveEnterprise(t.dataSource);
    await t
      .http()
      .post(`/api/cohorts/${cohortId}/quotas`)
      .set(bearer(staff))
      .send({ enterpriseId: enterprise.id, majorCode: 'M01', seats: 10 })
      .expect(201);
  });
  afterAll(() => t.close());

  const http = () => t.http();
  const intake = async (overrides: Record<string, unknown> = {}) =>
    (
      await http()
        .post(`/api/cohorts/${cohortId}/students`)
        .set(bearer(staff))
        .send(studentBody({ intendedEnterpriseId: enterprise.id, ...overrides }))
        .expect(201)
    ).body as {
      id: number;
      nationalIdMasked: string;
    };
  const setStatus = (id: number, status: string) =>
    http().post(`/api/students/${id}/status`).set(bearer(staff)).send({ status }).expect(200);
  const withMajor = async (overrides: Record<string, unknown> = {}) => {
    const student = await intake(overrides);
    await setStatus(student.id, 'ADMITTED');
    await http()
      .put(`/api/students/${student.id}/major`)
      .set(bearer(staff))
      .send({ majorCode: 'M01', reason: '录取 admitted' })
      .expect(200);
    return student;
  };
  const create = (studentId: number, kind: string, token = staff) =>
    http().post(`/api/students/${studentId}/agreements`).set(bearer(token)).send({ kind });
  const download = async (agreementId: number, token = staff) =>
    (
      await http()
        .get(`/api/agreements/${agreementId}/pdf`)
        .set(bearer(token))
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200)
    ).body as Buffer;

  describe('a tripartite agreement', () => {
    it('prints what a person checks: the Chinese name, the masked ID, the major, the amounts, the enterprise and the code', async () => {
      const student = await withMajor({ fullName: '龙晓燕', guardianName: '龙大山' });
      const res = await create(student.id, 'TRIPARTITE').expect(201);
      expect(res.body).toMatchObject({
        kind: 'TRIPARTITE',
        version: 1,
        studentId: student.id,
        enterpriseId: enterprise.id,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      const bytes = await download(res.body.id);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(res.body.sha256);
      expect(bytes.length).toBeLessThan(200 * 1024);
      const text = squeeze((await pdfPages(bytes)).join(''));
      for (const expected of [
        '定向培养三方协议',
        '龙晓燕',
        '龙大山',
        student.nationalIdMasked,
        '机械加工技术',
        '¥5,000.00',
        '伍仟元整',
        '¥1,500.00',
        '壹仟伍佰元整',
        '长兴示范精密机械有限公司',
        '顶岗实习',
        '优先推荐',
        squeeze(res.body.verificationCode),
      ]) {
        expect(text).toContain(squeeze(expected));
      }
      const fullId = (await http().get(`/api/students/${student.id}`).set(bearer(staff))).body.nationalId as string;
      expect(text).not.toContain(fullId);
    });

    it('keeps every version: a new one each time, the old bytes still served', async () => {
      const student = await withMajor();
      const first = (await create(student.id, 'TRIPARTITE').expect(201)).body;
      const second = (await create(student.id, 'TRIPARTITE').expect(201)).body;
      expect([first.version, second.version]).toEqual([1, 2]);
      expect(first.sha256).not.toBe(second.sha256);
      const list = await http().get(`/api/students/${student.id}/agreements`).set(bearer(staff)).expect(200);
      expect(list.body.items.map((a: { version: number }) => a.version)).toEqual([1, 2]);
      expect(
        createHash('sha256')
          .update(await download(first.id))
          .digest('hex'),
      ).toBe(first.sha256);
    });

    it('is refused with 409 before the student has a major, and 400 for an unknown kind', async () => {
      const student = await intake();
      const res = await create(student.id, 'TRIPARTITE').expect(409);
      expect(res.body.message).toMatch(/no major/);
      expect(fieldsOf((await create(student.id, 'LEASE').expect(400)).body)).toEqual(['kind']);
      await create(999999, 'TRIPARTITE').expect(404);
    });
  });

  describe('the other kinds follow the student through the programme', () => {
    it('FUNDING needs the schedule of enrolment, and prints it as a table', async () => {
      const student = await withMajor();
      expect((await create(student.id, 'FUNDING').expect(409)).body.message).toMatch(/no stipend schedule/);
      await setStatus(student.id, 'ENROLLED');
      const res = await create(student.id, 'FUNDING').expect(201);
      const text = squeeze((await pdfPages(await download(res.body.id))).join(''));
      expect(text).toContain('资助协议');
      expect(text).toContain('教育资助金Educationfund');
      expect(text).toContain('寒假路费Winterfare');
      expect(text).toContain(squeeze('¥34,500.00'));
    });

    it('INTERNSHIP needs an internship placement, and prints the enterprise and the position', async () => {
      const student = await withMajor();
      await setStatus(student.id, 'ENROLLED');
      expect((await create(student.id, 'INTERNSHIP').expect(409)).body.message).toMatch(/no internship/);
      const placement = await http()
        .post('/api/placements')
        .set(bearer(staff))
        .send({ studentId: student.id, enterpriseId: enterprise.id, type: 'INTERNSHIP', startDate: '2027-09-01' })
        .expect(201);
      await http()
        .post(`/api/placements/${placement.body.id}/confirm`)
        .set(bearer(staff))
        .send({ position: '数控车工 CNC lathe operator', supervisorName: '沈国强', monthlySalaryFen: 350000 })
        .expect(200);
      const res = await create(student.id, 'INTERNSHIP').expect(201);
      expect(res.body.enterpriseId).toBe(enterprise.id);
      const text = squeeze((await pdfPages(await download(res.body.id))).join(''));
      for (const expected of [
        '顶岗实习协议',
        '长兴示范精密机械有限公司',
        '数控车工CNClatheoperator',
        '沈国强',
        '¥3,500.00',
        '2027年9月1日',
      ]) {
        expect(text).toContain(expected);
      }
    });

    it('EMPLOYMENT_RECOMMENDATION needs a graduate', async () => {
      const student = await withMajor();
      await setStatus(student.id, 'ENROLLED');
      expect((await create(student.id, 'EMPLOYMENT_RECOMMENDATION').expect(409)).body.message).toMatch(/not GRADUATED/);
      await setStatus(student.id, 'GRADUATED');
      const res = await create(student.id, 'EMPLOYMENT_RECOMMENDATION').expect(201);
      expect(squeeze((await pdfPages(await download(res.body.id))).join(''))).toContain('就业推荐函');
    });
  });

  describe('verification', () => {
    it('answers anyone, without a token, by the SHA-256 or by the printed code, naming the student only masked', async () => {
      const student = await withMajor({ fullName: '欧阳晓明' });
      const agreement = (await create(student.id, 'TRIPARTITE').expect(201)).body;
      const expected = {
        valid: true,
        kind: 'TRIPARTITE',
        version: 1,
        latestVersion: 1,
        studentNameMasked: '欧**明',
        createdAt: agreement.createdAt,
      };
      expect((await http().get(`/api/agreements/verify/${agreement.sha256}`).expect(200)).body).toMatchObject(expected);
      const typed = String(agreement.verificationCode).toLowerCase();
      const byCode = await http().get(`/api/agreements/verify/${typed}`).expect(200);
      expect(byCode.body).toMatchObject({ ...expected, cohort: expect.any(String), sha256: agreement.sha256 });
      expect(JSON.stringify(byCode.body)).not.toContain('欧阳晓明');
    });

    it('says when a newer version superseded a copy, and 404 for anything unknown', async () => {
      const student = await withMajor();
      const first = (await create(student.id, 'TRIPARTITE').expect(201)).body;
      await create(student.id, 'TRIPARTITE').expect(201);
      expect((await http().get(`/api/agreements/verify/${first.sha256}`).expect(200)).body).toMatchObject({ version: 1, latestVersion: 2 });
      await http()
        .get(`/api/agreements/verify/${'0'.repeat(64)}`)
        .expect(404);
      await http().get('/api/agreements/verify/not-a-code').expect(404);
    });
  });

  describe('who may read', () => {
    it('lets the student and the enterprise party read, and answers 404 to another student or enterprise', async () => {
      const student = await withMajor();
      const other = await withMajor();
      const agreement = (await create(student.id, 'TRIPARTITE').expect(201)).body;
      const own = await signInAs(t, 'student', { studentId: student.id });
      const stranger = await signInAs(t, 'student', { studentId: other.id });
      const party = await signInAs(t, 'enterprise', { enterpriseId: enterprise.id });
      const outsider = await signInAs(t, 'enterprise', { enterpriseId: otherEnterprise.id });
      for (const token of [own, party]) {
        expect((await http().get(`/api/students/${student.id}/agreements`).set(bearer(token)).expect(200)).body.total).toBe(1);
        await download(agreement.id, token);
      }
      for (const token of [stranger, outsider]) {
        await http().get(`/api/students/${student.id}/agreements`).set(bearer(token)).expect(404);
        await http().get(`/api/agreements/${agreement.id}/pdf`).set(bearer(token)).expect(404);
      }
      for (const token of [own, party]) await create(student.id, 'TRIPARTITE', token).expect(403);
      await http().get(`/api/agreements/${agreement.id}/pdf`).expect(401);
    });
  });

  describe('a whole cohort in the background', () => {
    it('makes one agreement per student it applies to, lists the others with the reason, and reports progress', async () => {
      const { cohort } = await saveCohortWithMajors(t.dataSource);
      const ids: number[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await http().post(`/api/cohorts/${cohort.id}/students`).set(bearer(staff)).send(studentBody()).expect(201);
        ids.push(res.body.id);
        if (i < 3) {
          await setStatus(res.body.id, 'ADMITTED');
          await http().put(`/api/students/${res.body.id}/major`).set(bearer(staff)).send({ majorCode: 'M02', reason: 'r' }).expect(200);
        }
      }
      const started = await http().post(`/api/cohorts/${cohort.id}/agreements`).set(bearer(staff)).send({ kind: 'TRIPARTITE' }).expect(202);
      expect(started.body).toEqual({ jobId: expect.any(Number) });
      let job: JobResponseDto;
      do {
        await new Promise((resolve) => setTimeout(resolve, 100));
        job = (await http().get(`/api/jobs/${started.body.jobId}`).set(bearer(staff)).expect(200)).body;
      } while (job.status === 'QUEUED' || job.status === 'RUNNING');
      expect(job).toMatchObject({
        status: 'DONE',
        done: 4,
        total: 4,
        failed: [{ studentId: ids[3], reason: expect.stringMatching(/no major/) }],
      });
      for (const id of ids.slice(0, 3)) {
        expect((await http().get(`/api/students/${id}/agreements`).set(bearer(staff)).expect(200)).body.total).toBe(1);
      }
      await http().get(`/api/jobs/${started.body.jobId}`).set(bearer(admin)).expect(200);
      await http()
        .get(`/api/jobs/${started.body.jobId}`)
        .set(bearer(await signInAs(t, 'staff')))
        .expect(404);
      await http().post('/api/cohorts/999999/agreements').set(bearer(staff)).send({ kind: 'TRIPARTITE' }).expect(404);
    });
  });
});
