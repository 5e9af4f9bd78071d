import { createHash } from 'node:crypto';
import { JobResponseDto } from '../src/jobs/dto/job-response.dto';
import { studentBody } from './factories/bodies';
import { StudentEntity } from '../src/students/student.entity';
import { creditCode, nationalId } from './factories/ids';
import { studentRow } from './factories/students';
import { CohortSetup, saveCohortWithMajors, saveEnterprise } from './factories/reference-data';
import { pdfPages, squeeze } from './utils/pdf-text';
import { bearer, createTestApp, fieldsOf, loginAdmin, signInAs, TestApp } from './utils/test-app';
import { binary } from './utils/binary';

describe('Agreements (e2e)', () => {
  jest.setTimeout(60_000);
  let t: TestApp;
  let admin: string;
  let staff: string;
  let setup: CohortSetup;
  let cohortId: number;
  let enterprise: { id: number; name: string };
  let otherEnterprise: { id: number };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
    staff = await signInAs(t, 'staff');
    setup = await saveCohortWithMajors(t.dataSource);
    cohortId = setup.cohort.id;
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
    (await http().get(`/api/agreements/${agreementId}/pdf`).set(bearer(token)).buffer(true).parse(binary).expect(200)).body as Buffer;

  const me = async (token: string) => (await http().get('/api/auth/me').set(bearer(token)).expect(200)).body as { id: number };
  const waitForJob = async (jobId: number): Promise<JobResponseDto> => {
    for (;;) {
      const job = (await http().get(`/api/jobs/${jobId}`).set(bearer(staff)).expect(200)).body as JobResponseDto;
      if (job.status !== 'QUEUED' && job.status !== 'RUNNING') return job;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  /** Every entry of the cross-reference table points at the object it names, as a strict reader requires. */
  const expectSoundCrossReferences = (pdf: Buffer) => {
    const latin = pdf.toString('latin1');
    const start = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(latin)?.[1]);
    const table = /^xref\n0 (\d+)\n((?:\d{10} \d{5} [fn] ?\n)+)/.exec(latin.slice(start));
    expect(table).not.toBeNull();
    const entries = table![2].trim().split('\n');
    expect(entries).toHaveLength(Number(table![1]));
    entries.slice(1).forEach((entry, i) => expect(latin.startsWith(`${i + 1} 0 obj`, Number(entry.slice(0, 10)))).toBe(true));
  };

  /** No English word in a Chinese copy: the footer's verification address and code aside, and data typed in with English in it. */
  const expectChineseOnly = (pages: string[]) => {
    for (const page of pages) {
      const body = [setup.program.name, ...setup.majors.map((m) => m.name)]
        .reduce((text, data) => text.replaceAll(squeeze(data), ''), squeeze(page))
        .replace(/核验：\S+?\/api\/agreements\/verify\/[0-9A-Z]+/, '')
        .replace(/验证码：[0-9A-Z-]+/, '');
      expect(body).not.toMatch(/[A-Za-z]{2,}/);
    }
  };
  /** The last page holds a clause as well as the signatures: the heading of the last article, or a paragraph. */
  const expectLastPageHoldsAClause = (pages: string[]) => {
    const last = squeeze(pages[pages.length - 1]);
    const beforeSignatures = last.slice(0, last.indexOf('甲方（培养学校）') >= 0 ? last.lastIndexOf('甲方（培养学校）') : 0);
    expect(beforeSignatures).toMatch(/第[一二三四五六七八九十]+条|。/);
  };

  describe('a tripartite agreement', () => {
    it('names the parties in full, in Chinese only: the whole ID, the school, the enterprise, the amounts, and a signature block per party', async () => {
      const student = await withMajor({ fullName: '龙晓燕', guardianName: '龙大山' });
      const res = await create(student.id, 'TRIPARTITE').expect(201);
      expect(res.body).toMatchObject({
        kind: 'TRIPARTITE',
        version: 1,
        language: 'zh',
        studentId: student.id,
        enterpriseId: enterprise.id,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      const bytes = await download(res.body.id);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(res.body.sha256);
      expect(bytes.length).toBeLessThan(200 * 1024);
      const pages = await pdfPages(bytes);
      const text = squeeze(pages.join(''));
      const fullId = (await http().get(`/api/students/${student.id}`).set(bearer(staff))).body.nationalId as string;
      for (const expected of [
        '定向培养三方协议',
        `丙方身份证号${fullId}`,
        '甲方（培养学校）长兴县职业技术教育中心',
        `乙方（定向企业）${enterprise.name}`,
        '丙方（学生）龙晓燕',
        '丙方监护人龙大山',
        '机械加工技术',
        '¥5,000.00',
        '伍仟元整',
        `由${enterprise.name}出资`,
        `¥1,500.00（人民币壹仟伍佰元整）由${enterprise.name}承担`,
        '顶岗实习',
        '优先推荐',
        squeeze(res.body.verificationCode),
      ]) {
        expect(text).toContain(squeeze(expected));
      }
      for (const signer of [
        `甲方（培养学校）长兴县职业技术教育中心（盖章）代表签字`,
        `乙方（定向企业）${enterprise.name}（盖章）代表签字`,
        '丙方（学生）龙晓燕签字',
        '丙方监护人龙大山签字',
      ]) {
        expect(text).toContain(signer);
      }
      expect(text).not.toContain(student.nationalIdMasked);
      expectChineseOnly(pages);
      expectLastPageHoldsAClause(pages);
    });

    it('keeps the English lines when asked for a bilingual copy, and refuses another language naming the field', async () => {
      const student = await withMajor();
      const res = await http()
        .post(`/api/students/${student.id}/agreements?lang=bilingual`)
        .set(bearer(staff))
        .send({ kind: 'TRIPARTITE' })
        .expect(201);
      expect(res.body.language).toBe('bilingual');
      const text = squeeze((await pdfPages(await download(res.body.id))).join(''));
      for (const english of ['TripartiteAgreementonTargeted', 'Party A (college)', 'Page 1 of']) expect(text).toContain(squeeze(english));
      const refused = await http()
        .post(`/api/students/${student.id}/agreements?lang=fr`)
        .set(bearer(staff))
        .send({ kind: 'TRIPARTITE' })
        .expect(400);
      expect(fieldsOf(refused.body)).toEqual(['lang']);
    });

    it('audits every download of a copy that names the student in full: who and when', async () => {
      const student = await withMajor();
      const agreement = (await create(student.id, 'TRIPARTITE').expect(201)).body;
      const own = await signInAs(t, 'student', { studentId: student.id });
      await download(agreement.id, staff);
      await download(agreement.id, own);
      const trail = await http()
        .get(`/api/audit?entityType=agreement&entityId=${agreement.id}&pageSize=100`)
        .set(bearer(admin))
        .expect(200);
      const downloads = (trail.body.items as { action: string; actorId: number; at: string; after: object }[]).filter(
        (entry) => entry.action === 'agreement.downloaded',
      );
      const ids = await Promise.all([staff, own].map(async (token) => (await me(token)).id));
      expect(downloads.map((d) => d.actorId).sort()).toEqual(ids.sort());
      for (const entry of downloads) {
        expect(entry.at).toEqual(expect.any(String));
        expect(entry.after).toEqual({ studentId: student.id, kind: 'TRIPARTITE', version: 1, bundleOfCohort: null });
      }
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
      const pages = await pdfPages(await download(res.body.id));
      const text = squeeze(pages.join(''));
      const fullId = (await http().get(`/api/students/${student.id}`).set(bearer(staff))).body.nationalId as string;
      for (const expected of [
        '资助协议',
        `丙方身份证号${fullId}`,
        `资助出资方${enterprise.name}`,
        `寒假路费承担方${enterprise.name}`,
        // A fare line of the schedule, with its payer by name.
        `寒假路费12020年1月10日¥1,500.00${enterprise.name}待发放`,
        '¥34,500.00',
        `乙方（定向企业）${enterprise.name}（盖章）代表签字`,
        '丙方（学生）',
      ]) {
        expect(text).toContain(squeeze(expected));
      }
      for (const wrong of ['项目', '合作企业', 'Programme']) expect(text).not.toContain(wrong);
      expectChineseOnly(pages);
      expectLastPageHoldsAClause(pages);
    });

    it('FUNDING of a government-funded programme names the funds, and the enterprise that pays the fares signs', async () => {
      const { cohort } = await saveCohortWithMajors(t.dataSource, { program: { funder: 'GOVERNMENT' } });
      const res = await http()
        .post(`/api/cohorts/${cohort.id}/students`)
        .set(bearer(staff))
        .send(studentBody({ intendedEnterpriseId: enterprise.id }))
        .expect(201);
      await setStatus(res.body.id, 'ADMITTED');
      await http().put(`/api/students/${res.body.id}/major`).set(bearer(staff)).send({ majorCode: 'M01', reason: '录取' }).expect(200);
      await setStatus(res.body.id, 'ENROLLED');
      const agreement = (await create(res.body.id, 'FUNDING').expect(201)).body;
      const text = squeeze((await pdfPages(await download(agreement.id))).join(''));
      for (const expected of [
        '资助出资方政府专项资金',
        `寒假路费承担方${enterprise.name}`,
        `乙方（定向企业）${enterprise.name}（盖章）`,
        '生活补助1',
      ]) {
        expect(text).toContain(squeeze(expected));
      }
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
      const pages = await pdfPages(await download(res.body.id));
      const text = squeeze(pages.join(''));
      const fullId = (await http().get(`/api/students/${student.id}`).set(bearer(staff))).body.nationalId as string;
      for (const expected of [
        '顶岗实习协议',
        `乙方（实习单位）${enterprise.name}`,
        `丙方身份证号${fullId}`,
        '数控车工CNClatheoperator',
        '沈国强',
        '¥3,500.00',
        '2027年9月1日',
        `乙方（实习单位）${enterprise.name}（盖章）代表签字`,
      ]) {
        expect(text).toContain(expected);
      }
      expectLastPageHoldsAClause(pages);
    });

    it('EMPLOYMENT_RECOMMENDATION needs a graduate', async () => {
      const student = await withMajor();
      await setStatus(student.id, 'ENROLLED');
      expect((await create(student.id, 'EMPLOYMENT_RECOMMENDATION').expect(409)).body.message).toMatch(/not GRADUATED/);
      await setStatus(student.id, 'GRADUATED');
      const res = await create(student.id, 'EMPLOYMENT_RECOMMENDATION').expect(201);
      const pages = await pdfPages(await download(res.body.id));
      const text = squeeze(pages.join(''));
      const fullId = (await http().get(`/api/students/${student.id}`).set(bearer(staff))).body.nationalId as string;
      for (const expected of [
        '就业推荐函',
        `致：${enterprise.name}`,
        `丙方身份证号${fullId}`,
        '推荐学校（甲方）长兴县职业技术教育中心（盖章）',
      ]) {
        expect(text).toContain(expected);
      }
      expectChineseOnly(pages);
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

  describe('printing a class: one PDF of the cohort', () => {
    const bundle = (cohort: number, kind: string, token = staff) =>
      http().get(`/api/cohorts/${cohort}/agreements/bundle?kind=${kind}`).set(bearer(token)).buffer(true).parse(binary);

    it('holds the latest agreement of the kind for each of 140 students, in list order, each from a new page, every one audited', async () => {
      const { cohort } = await saveCohortWithMajors(t.dataSource, { majors: [{ code: 'M01', capacity: 200 }] });
      const rows = Array.from({ length: 140 }, (_, i) =>
        studentRow(cohort.id, {
          fullName: `学生${String(i).padStart(3, '0')}`,
          nationalId: nationalId(i, '20040316'),
          status: 'ADMITTED',
          majorCode: 'M01',
        }),
      );
      await t.dataSource.getRepository(StudentEntity).insert(rows);
      const students = await t.dataSource.getRepository(StudentEntity).find({ where: { cohortId: cohort.id }, order: { id: 'ASC' } });
      const started = await http().post(`/api/cohorts/${cohort.id}/agreements`).set(bearer(staff)).send({ kind: 'TRIPARTITE' }).expect(202);
      expect((await waitForJob(started.body.jobId)).status).toBe('DONE');
      // A second version for one student: the bundle carries it, not the first.
      const first = (await http().get(`/api/students/${students[5].id}/agreements`).set(bearer(staff))).body.items[0];
      const second = (await create(students[5].id, 'TRIPARTITE').expect(201)).body;

      const res = await bundle(cohort.id, 'TRIPARTITE').expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toMatch(/^attachment;/);
      expect(res.headers['cache-control']).toBe('private, no-store');
      const bytes = res.body as Buffer;
      expectSoundCrossReferences(bytes);
      const pages = await pdfPages(bytes);
      const starts = pages.map(squeeze).filter((page) => page.includes('第1页共'));
      expect(starts).toHaveLength(140);
      const order = starts.map((page) => /丙方（学生）(学生\d{3})/.exec(page)?.[1]);
      expect(order).toEqual(students.map((s) => s.fullName));
      expect(starts.every((page) => page.startsWith('定向培养三方协议'))).toBe(true);
      const text = pages.join('');
      expect(squeeze(text)).toContain(squeeze(second.verificationCode));
      expect(squeeze(text)).not.toContain(squeeze(first.verificationCode));
      for (const student of students.slice(0, 3)) expect(squeeze(text)).toContain(student.nationalId);

      const trail = await http()
        .get(`/api/audit?entityType=agreement&actorId=${(await me(staff)).id}&pageSize=200`)
        .set(bearer(admin))
        .expect(200);
      const bundled = (trail.body.items as { action: string; after: { bundleOfCohort: number | null } }[]).filter(
        (entry) => entry.action === 'agreement.downloaded' && entry.after.bundleOfCohort === cohort.id,
      );
      expect(bundled).toHaveLength(140);
    }, 180_000);

    it('is for staff only, answers 404 for an unknown cohort or one without the kind, and 400 without a kind', async () => {
      const student = await withMajor();
      await create(student.id, 'TRIPARTITE').expect(201);
      for (const token of [
        await signInAs(t, 'student', { studentId: student.id }),
        await signInAs(t, 'enterprise', { enterpriseId: enterprise.id }),
      ]) {
        await bundle(cohortId, 'TRIPARTITE', token).expect(403);
      }
      await http().get(`/api/cohorts/${cohortId}/agreements/bundle?kind=TRIPARTITE`).expect(401);
      await bundle(999999, 'TRIPARTITE').expect(404);
      const empty = (await saveCohortWithMajors(t.dataSource)).cohort;
      const none = await bundle(empty.id, 'TRIPARTITE').expect(404);
      expect(JSON.parse(none.body.toString()).message).toMatch(/has no TRIPARTITE agreement yet/);
      const noKind = await http().get(`/api/cohorts/${cohortId}/agreements/bundle`).set(bearer(staff)).expect(400);
      expect(fieldsOf(noKind.body)).toEqual(['kind']);
    });
  });
});
