import { AgreementEntity } from '../src/agreements/agreement.entity';
import { pdfPages, squeeze } from './utils/pdf-text';
import { DisbursementLineEntity } from '../src/disbursements/disbursement-line.entity';
import { StudentEntity } from '../src/students/student.entity';
import { applicantRow, csv, ENGLISH_HEADER } from './factories/spreadsheets';
import { nationalId } from './factories/ids';
import { saveCohortWithMajors } from './factories/reference-data';
import { insertStudents, saveStudent } from './factories/students';
import { PageClient } from './utils/page-client';
import { bearer, loginAdmin, TestApp, createTestApp } from './utils/test-app';
import { binary } from './utils/binary';

const PAGE_LIMIT = 100 * 1024;
const PASSWORD = 'a-long-test-password';
/** An English word of the API's messages that no Chinese page text contains. */
const ENGLISH = /\b(must|required|is not|cohort \d|already)\b/;
/** What a reader sees of a page: its text without tags (and so without attributes such as `required`). */
const visible = (html: string): string => html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ');

describe('Staff cohort page: intake, bulk admit, enrolment, assignment, approvals, placements, exports (e2e)', () => {
  let t: TestApp;
  let staff: PageClient;
  let enterpriseUser: PageClient;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await loginAdmin(t);
    const account = (username: string, role: string, binding: object = {}) =>
      t
        .http()
        .post('/api/users')
        .set(bearer(admin))
        .send({ username, password: PASSWORD, role, ...binding })
        .expect(201);
    await account('cohort-staff', 'staff');
    staff = new PageClient(t);
    expect((await staff.signIn('cohort-staff', PASSWORD)).status).toBe(303);
    const { saveEnterprise } = await import('./factories/reference-data');
    const enterprise = await saveEnterprise(t.dataSource);
    await account('cohort-hr', 'enterprise', { enterpriseId: enterprise.id });
    enterpriseUser = new PageClient(t);
    expect((await enterpriseUser.signIn('cohort-hr', PASSWORD)).status).toBe(303);
  }, 60_000);
  afterAll(() => t.close());

  const newCohort = async (majors?: { code: string; capacity?: number; name?: string }[]) =>
    (await saveCohortWithMajors(t.dataSource, majors ? { majors } : {})).cohort.id;

  /** A form posted as a browser does, repeated names (checkboxes) included. */
  const postForm = (client: PageClient, path: string, fields: [string, string][]) =>
    client.agent
      .post(path)
      .type('form')
      .send(new URLSearchParams([['_csrf', client.csrf], ...fields]).toString());

  const applicant = {
    fullName: '陈晓雨',
    nationalId: nationalId(901),
    phone: '13900003333',
    homeProvince: '贵州省',
    homeCounty: '织金县',
    povertyRegistered: 'true',
    examScore: '466.5',
    choice1: 'M02',
    choice2: 'M01',
    guardianName: '陈大山',
    guardianPhone: '13900004444',
    applicationDate: '2019-06-20',
  };

  it('enters one applicant with every field, then shows them in the list with a message', async () => {
    const cohortId = await newCohort();
    const page = await staff.get(`/staff/cohorts/${cohortId}`);
    expect(page.text).toContain('<option value="M02">M02 装配钳工 Assembly fitter</option>');
    const res = await staff.post(`/staff/cohorts/${cohortId}/students`, applicant);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/staff/cohorts/${cohortId}?q=${encodeURIComponent('陈晓雨')}#students`);
    const after = await staff.get(res.headers.location);
    expect(after.text).toContain('已录入报名学生：陈晓雨');
    const saved = await t.dataSource.getRepository(StudentEntity).findOneByOrFail({ cohortId, fullName: '陈晓雨' });
    expect(saved).toMatchObject({
      majorPreferences: ['M02', 'M01'],
      applicationDate: '2019-06-20',
      povertyRegistered: true,
      examScore: 466.5,
      guardianName: '陈大山',
      status: 'APPLIED',
    });
    expect(after.text).toContain(`<a href="/staff/students/${saved.id}">陈晓雨</a>`);
  });

  it('refuses a bad applicant in Chinese next to the fields, keeping what was typed', async () => {
    const cohortId = await newCohort();
    await staff.get(`/staff/cohorts/${cohortId}`);
    const res = await staff.post(`/staff/cohorts/${cohortId}/students`, {
      ...applicant,
      fullName: '',
      nationalId: '520524200307011230',
      choice1: '',
      choice2: '',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('请修改标出的内容后再提交。');
    expect(res.text).toContain('<div class="field-error" id="in-fullName-error">必填</div>');
    expect(res.text).toMatch(/id="in-nationalId-error">身份证号无效/);
    expect(res.text).toMatch(/id="in-choice1-error">必填/);
    expect(res.text).toContain('value="520524200307011230"');
    expect(res.text).toContain('value="13900003333"');
    expect(res.text).toMatch(/<details id="intake" open>/);
    expect(visible(res.text)).not.toMatch(ENGLISH);

    // The same ID twice: the service's refusal, worded by the page, the values kept.
    await staff.post(`/staff/cohorts/${cohortId}/students`, applicant).expect(303);
    await staff.get(`/staff/cohorts/${cohortId}`);
    const twice = await staff.post(`/staff/cohorts/${cohortId}/students`, { ...applicant, fullName: '陈晓雨二' });
    expect(twice.status).toBe(409);
    expect(twice.text).toContain('value="陈晓雨二"');
    expect(twice.text).toContain('id="intake-error"');
    expect(twice.text).not.toContain('apiError.');
    expect(visible(twice.text)).not.toMatch(ENGLISH);
    expect(await t.dataSource.getRepository(StudentEntity).countBy({ cohortId })).toBe(1);
  });

  it('admits several ticked students at once and lists the one refused with the reason in Chinese', async () => {
    const cohortId = await newCohort();
    const a = await saveStudent(t.dataSource, cohortId, { fullName: '甲同学' });
    const b = await saveStudent(t.dataSource, cohortId, { fullName: '乙同学' });
    const c = await saveStudent(t.dataSource, cohortId, {
      fullName: '丙同学',
      status: 'ENROLLED',
      majorCode: 'M01',
      statusEffectiveDate: '2019-09-01',
    });
    const page = await staff.get(`/staff/cohorts/${cohortId}`);
    expect(page.text).toContain(`<input type="checkbox" name="studentIds" value="${a.id}"`);
    const res = await postForm(staff, `/staff/cohorts/${cohortId}/status`, [
      ['studentIds', String(a.id)],
      ['studentIds', String(b.id)],
      ['studentIds', String(c.id)],
      ['status', 'ADMITTED'],
      ['effectiveDate', '2019-07-10'],
      ['reason', '成绩合格'],
    ]);
    expect(res.status).toBe(200);
    expect(res.text).toContain('批量录取结果');
    expect(res.text).toContain('已办理 2 人。');
    expect(res.text).toContain(`<a href="/staff/students/${c.id}">丙同学</a></td><td class="wrap">当前状态为“在读”，不能改为“已录取”</td>`);
    expect(visible(res.text)).not.toMatch(ENGLISH);
    const rows = await t.dataSource.getRepository(StudentEntity).find({ where: { cohortId }, order: { id: 'ASC' } });
    expect(rows.map((s) => [s.status, s.statusEffectiveDate, s.statusReason])).toEqual([
      ['ADMITTED', '2019-07-10', '成绩合格'],
      ['ADMITTED', '2019-07-10', '成绩合格'],
      ['ENROLLED', '2019-09-01', null],
    ]);

    // A date before the current status: each student refused with the date in words.
    const d = await saveStudent(t.dataSource, cohortId, { fullName: '丁同学', statusEffectiveDate: '2019-07-10' });
    await staff.get(`/staff/cohorts/${cohortId}`);
    const early = await postForm(staff, `/staff/cohorts/${cohortId}/status`, [
      ['studentIds', String(d.id)],
      ['status', 'REJECTED'],
      ['effectiveDate', '2019-07-01'],
    ]);
    expect(early.text).toContain('日期不能早于当前状态的生效日期 2019-07-10');

    // Nothing ticked: the list again, 400, with the reason and the choices kept.
    await staff.get(`/staff/cohorts/${cohortId}`);
    const none = await postForm(staff, `/staff/cohorts/${cohortId}/status`, [
      ['status', 'REJECTED'],
      ['reason', '材料不全'],
    ]);
    expect(none.status).toBe(400);
    expect(none.text).toContain('请至少勾选一名学生。');
    expect(none.text).toContain('<option value="REJECTED" selected>');
    expect(none.text).toContain('value="材料不全"');
  });

  it('enrols the cohort on a date, listing who was enrolled and who was skipped and why', async () => {
    const cohortId = await newCohort();
    await saveStudent(t.dataSource, cohortId, {
      fullName: '有专业',
      status: 'ADMITTED',
      majorCode: 'M01',
      statusEffectiveDate: '2019-07-01',
    });
    await saveStudent(t.dataSource, cohortId, { fullName: '无专业', status: 'ADMITTED', statusEffectiveDate: '2019-07-01' });
    const page = await staff.get(`/staff/cohorts/${cohortId}`);
    expect(page.text).toMatch(/id="enrol-date" name="effectiveDate" type="date" value="\d{4}-\d{2}-\d{2}"/);
    const bad = await staff.post(`/staff/cohorts/${cohortId}/enrol`, { effectiveDate: '2019-13-01' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('value="2019-13-01"');
    expect(bad.text).toContain('请按 年-月-日 填写日期');
    await staff.get(`/staff/cohorts/${cohortId}`);
    const res = await staff.post(`/staff/cohorts/${cohortId}/enrol`, { effectiveDate: '2019-09-01' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('已办理 1 人。');
    expect(res.text).toMatch(/>有专业<\/a><\/p>/);
    expect(res.text).toMatch(/>无专业<\/a><\/td><td class="wrap">尚未分配专业<\/td>/);
    expect(await t.dataSource.getRepository(DisbursementLineEntity).countBy({ cohortId })).toBeGreaterThan(0);
  });

  it('shows the major assignment by student name, with why each one got no major in Chinese', async () => {
    const cohortId = await newCohort([
      { code: 'M01', capacity: 1, name: '数控技术' },
      { code: 'M02', capacity: 0, name: '装配钳工' },
    ]);
    await saveStudent(t.dataSource, cohortId, { fullName: '高分生', status: 'ADMITTED', examScore: 500, majorPreferences: ['M01'] });
    await saveStudent(t.dataSource, cohortId, {
      fullName: '低分生',
      status: 'ADMITTED',
      examScore: 400,
      majorPreferences: ['M01', 'M02', 'M09'],
    });
    await staff.get(`/staff/cohorts/${cohortId}`);
    const res = await staff.post(`/staff/cohorts/${cohortId}/major-assignment`, {});
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/>高分生<\/a><\/td><td>数控技术<\/td><td class="num">1<\/td>/);
    expect(res.text).toContain(
      '>低分生</a></td><td class="wrap">志愿专业均已满：数控技术（最低录取分 500）、装配钳工（无名额）；志愿专业本届未开设：M09</td>',
    );
    expect(visible(res.text)).not.toMatch(ENGLISH);
  });

  it('shows the lines due with names, kinds in words and the total in yuan before approving them', async () => {
    const cohortId = await newCohort();
    await saveStudent(t.dataSource, cohortId, {
      fullName: '待审批',
      status: 'ADMITTED',
      majorCode: 'M01',
      statusEffectiveDate: '2019-07-01',
    });
    await staff.get(`/staff/cohorts/${cohortId}`);
    await staff.post(`/staff/cohorts/${cohortId}/enrol`, { effectiveDate: '2019-09-01' }).expect(200);
    const lines = t.dataSource.getRepository(DisbursementLineEntity);
    const due = (await lines.findBy({ cohortId, payer: 'PROGRAM', status: 'SCHEDULED' })).filter((l) => l.dueDate <= '2019-12-31');
    expect(due.length).toBeGreaterThan(0);
    const total = due.reduce((sum, l) => sum + l.amountFen, 0);
    const page = await staff.get(`/staff/cohorts/${cohortId}/approve-due?dueOnOrBefore=2019-12-31`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(
      `共 ${due.length} 笔，合计 <strong>¥${(total / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}</strong>`,
    );
    expect(page.text).toMatch(/>待审批<\/a><\/td><td>(教育|生活|[^<]*)[^<]*<\/td><td>2019-\d\d-\d\d<\/td><td class="num">¥/);
    expect(page.text).not.toMatch(/EDUCATION_FUND|LIVING_ALLOWANCE/);
    expect(await lines.countBy({ cohortId, status: 'APPROVED' })).toBe(0);
    const approved = await staff.post(`/staff/cohorts/${cohortId}/approve-due`, { dueOnOrBefore: '2019-12-31' });
    expect(approved.status).toBe(303);
    expect(await lines.countBy({ cohortId, status: 'APPROVED' })).toBe(due.length);
    const bad = await staff.get(`/staff/cohorts/${cohortId}/approve-due?dueOnOrBefore=someday`);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('value="someday"');
  });

  it('shows placements, agreements with downloads, and exports of the list and report with the page session', async () => {
    const cohortId = await newCohort();
    const admin = await loginAdmin(t);
    const s = await saveStudent(t.dataSource, cohortId, {
      fullName: '协议生',
      status: 'ADMITTED',
      majorCode: 'M01',
      statusEffectiveDate: '2019-07-01',
    });
    await saveStudent(t.dataSource, cohortId, { fullName: '不导出', status: 'APPLIED' });
    await t
      .http()
      .post(`/api/students/${s.id}/status`)
      .set(bearer(admin))
      .send({ status: 'ENROLLED', effectiveDate: '2019-09-01' })
      .expect(200);
    const agreement = (await t.http().post(`/api/students/${s.id}/agreements`).set(bearer(admin)).send({ kind: 'FUNDING' }).expect(201))
      .body.id as number;
    const list = await staff.get(`/staff/cohorts/${cohortId}/agreements`);
    expect(list.status).toBe(200);
    expect(list.text).toMatch(
      /<td>[^<]+<\/td><td><a href="\/staff\/students\/\d+">协议生<\/a><\/td><td class="num">1<\/td><td>\d{4}-\d\d-\d\d<\/td>/,
    );
    expect(list.text).toContain(`<a href="/student/agreements/${agreement}/pdf">下载</a>`);
    const pdf = await staff.agent.get(`/student/agreements/${agreement}/pdf`);
    expect([pdf.status, pdf.headers['content-type']]).toEqual([200, 'application/pdf']);
    expect((await staff.get(`/staff/cohorts/${cohortId}/agreements?kind=TRIPARTITE`)).text).toContain('尚无协议。');

    expect((await staff.get(`/staff/cohorts/${cohortId}/placements`)).text).toContain('尚无安排。');
    const { saveEnterprise } = await import('./factories/reference-data');
    const enterprise = await saveEnterprise(t.dataSource, { name: '黔南精工有限公司' });
    const api = (path: string, body: object) => t.http().post(path).set(bearer(admin)).send(body).expect(201);
    await api(`/api/cohorts/${cohortId}/quotas`, { enterpriseId: enterprise.id, majorCode: 'M01', seats: 2 });
    await api('/api/placements', { studentId: s.id, enterpriseId: enterprise.id, type: 'INTERNSHIP', startDate: '2021-07-01' });
    const placements = await staff.get(`/staff/cohorts/${cohortId}/placements`);
    expect(placements.status).toBe(200);
    expect(placements.text).toContain('<tr><td>实习</td><td>待企业确认</td><td class="num">1</td></tr>');
    expect(placements.text).toContain(`<a href="/staff/students/${s.id}">协议生</a></td><td class="wrap">黔南精工有限公司</td>`);

    const page = await staff.get(`/staff/cohorts/${cohortId}?status=ENROLLED`);
    expect(page.text).toContain(`href="/staff/cohorts/${cohortId}/export?status&#x3D;ENROLLED&amp;format=csv"`);
    const exported = await staff.agent.get(`/staff/cohorts/${cohortId}/export?status=ENROLLED&format=csv`);
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toMatch(/text\/csv/);
    expect(exported.text).toContain('协议生');
    expect(exported.text).not.toContain('不导出');
    const xlsx = await staff.agent.get(`/staff/cohorts/${cohortId}/export?format=xlsx`).buffer(true);
    expect([xlsx.status, xlsx.headers['content-type']]).toEqual([200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    const report = await staff.agent.get(`/staff/cohorts/${cohortId}/report/export?format=csv`);
    expect(report.status).toBe(200);
    expect(report.headers['content-disposition']).toMatch(/^attachment/);
    expect((await enterpriseUser.get(`/staff/cohorts/${cohortId}/export?format=csv`)).status).toBe(403);
    expect((await staff.get('/staff/cohorts/999999/placements')).status).toBe(404);
    expect((await staff.get('/staff/cohorts/999999/agreements')).status).toBe(404);
  });

  it('prints a cohort: the agreements page offers a bundle of each kind it has, downloaded with the page session as one PDF', async () => {
    const cohortId = await newCohort();
    const admin = await loginAdmin(t);
    const names = ['打印一', '打印二'];
    for (const fullName of names) {
      const student = await saveStudent(t.dataSource, cohortId, { fullName, status: 'ADMITTED', majorCode: 'M01' });
      await t.http().post(`/api/students/${student.id}/agreements`).set(bearer(admin)).send({ kind: 'TRIPARTITE' }).expect(201);
    }
    const list = await staff.get(`/staff/cohorts/${cohortId}/agreements`);
    expect(list.text).toContain(`<form class="filters" id="bundle" method="get" action="/staff/cohorts/${cohortId}/agreements/bundle">`);
    expect(list.text).toContain('<option value="TRIPARTITE">三方协议（2 人）</option>');
    expect(list.text).not.toContain('<option value="FUNDING">资助协议（');
    const bundle = await staff.agent.get(`/staff/cohorts/${cohortId}/agreements/bundle?kind=TRIPARTITE`).buffer(true).parse(binary);
    expect([bundle.status, bundle.headers['content-type']]).toEqual([200, 'application/pdf']);
    const text = squeeze((await pdfPages(bundle.body as Buffer)).join(''));
    expect(text.indexOf(`丙方（学生）${names[0]}`)).toBeLessThan(text.indexOf(`丙方（学生）${names[1]}`));
    expect(text.indexOf(`丙方（学生）${names[0]}`)).toBeGreaterThanOrEqual(0);
    // A kind the cohort has none of (the page does not offer it): the not-found page, in the page's language.
    const none = await staff.get(`/staff/cohorts/${cohortId}/agreements/bundle?kind=FUNDING`);
    expect(none.status).toBe(404);
    expect(none.text).toContain('找不到该页面或记录。');
    expect(none.text).not.toContain('has no FUNDING');
    expect((await staff.get(`/staff/cohorts/${cohortId}/agreements/bundle?kind=LEASE`)).headers.location).toBe(
      `/staff/cohorts/${cohortId}/agreements`,
    );
    expect((await enterpriseUser.get(`/staff/cohorts/${cohortId}/agreements/bundle?kind=TRIPARTITE`)).status).toBe(403);
  });

  it('generates a cohort’s agreements in Chinese, or with English lines when the box is ticked', async () => {
    const cohortId = await newCohort();
    await saveStudent(t.dataSource, cohortId, { fullName: '双语生', status: 'ADMITTED', majorCode: 'M01' });
    await staff.get(`/staff/cohorts/${cohortId}`);
    for (const form of [{ kind: 'TRIPARTITE' }, { kind: 'TRIPARTITE', lang: 'bilingual' }] as Record<string, string>[]) {
      const start = await staff.post(`/staff/cohorts/${cohortId}/agreements`, form);
      expect(start.status).toBe(303);
      for (let i = 0; i < 100 && (await staff.get(start.headers.location)).text.includes('http-equiv="refresh"'); i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const made = await t.dataSource.getRepository(AgreementEntity).find({ where: { cohortId }, order: { version: 'ASC' } });
    expect(made.map((a) => a.language)).toEqual(['zh', 'bilingual']);
  });

  it('keeps the cohort page under 100 KB with 200 students, a page of them at a time', async () => {
    const cohortId = await newCohort();
    await insertStudents(t.dataSource, cohortId, 200);
    const first = await staff.get(`/staff/cohorts/${cohortId}`);
    expect(first.status).toBe(200);
    expect(first.text).toContain('第 1 页，共 4 页');
    expect(Buffer.byteLength(first.text)).toBeLessThan(PAGE_LIMIT);
    // As a browser sends the filter form: blank fields, and the language switch, are no filter.
    const blank = await staff.get(`/staff/cohorts/${cohortId}?status=&major=&county=&q=&lang=zh`);
    expect(blank.status).toBe(200);
    expect(blank.text).toContain('第 1 页，共 4 页');
    const all = await staff.get(`/staff/cohorts/${cohortId}?pageSize=200`);
    expect(all.text.match(/name="studentIds"/g)).toHaveLength(200);
    expect(Buffer.byteLength(all.text)).toBeLessThan(PAGE_LIMIT);
    expect(all.text).not.toContain('<script');
  });

  it('shows the job progress as a number and a bar, with a link back and to what it made', async () => {
    const cohortId = await newCohort();
    for (const name of ['甲', '乙']) {
      await saveStudent(t.dataSource, cohortId, {
        fullName: name,
        status: 'ENROLLED',
        majorCode: 'M01',
        statusEffectiveDate: '2019-09-01',
      });
    }
    await staff.get(`/staff/cohorts/${cohortId}`);
    const start = await staff.post(`/staff/cohorts/${cohortId}/agreements`, { kind: 'FUNDING' });
    expect(start.status).toBe(303);
    let page = await staff.get(start.headers.location);
    for (let i = 0; i < 100 && page.text.includes('http-equiv="refresh"'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      page = await staff.get(start.headers.location);
    }
    expect(page.text).toContain('<span id="job-percent">100%</span>');
    expect(page.text).toContain('<progress id="job-bar" max="100" value="100"');
    expect(page.text).not.toContain('NaN');
    expect(page.text).toContain(`<a id="job-produced" href="/staff/cohorts/${cohortId}/agreements?kind=FUNDING">`);
    expect(page.text).toContain(`<a id="job-back" href="/staff/cohorts/${cohortId}">`);
    // Students saved without a schedule cannot have a funding agreement: the failures are named, in Chinese.
    expect(await t.dataSource.getRepository(AgreementEntity).countBy({ cohortId })).toBe(0);
    expect(page.text).toMatch(/>甲<\/a><\/td><td class="wrap">未能为该学生生成协议/);
    expect(visible(page.text)).not.toMatch(ENGLISH);
  });

  it('reports an import by student name and in Chinese, never in the API’s English', async () => {
    const cohortId = await newCohort();
    await staff.get(`/staff/cohorts/${cohortId}`);
    const file = csv(
      [...ENGLISH_HEADER, 'remark'],
      [
        [...applicantRow({ fullName: '好学生' }), ''],
        [...applicantRow({ fullName: '坏身份证', nationalId: '520524200307011230' }), ''],
        [...applicantRow({ fullName: '外县生', homeCounty: '纳雍县', examScore: '1200' }), ''],
      ],
    );
    const res = await staff.agent
      .post(`/staff/cohorts/${cohortId}/import?dryRun=true&_csrf=${encodeURIComponent(staff.csrf)}`)
      .attach('file', file, 'county.csv');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<tr><td class="num">3</td><td>坏身份证</td><td>nationalId</td><td class="wrap">身份证号无效');
    expect(res.text).toContain('<tr><td class="num">4</td><td>外县生</td><td>examScore</td><td class="wrap">应在 0 至 ');
    expect(res.text).toContain('remark：未知的列，未读取其内容');
    expect(visible(res.text)).not.toMatch(ENGLISH);
  });
});
