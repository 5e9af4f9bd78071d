import { AuditEntryEntity } from '../src/audit/audit-entry.entity';
import { DisbursementLineEntity } from '../src/disbursements/disbursement-line.entity';
import { PaymentKeyEntity } from '../src/disbursements/payment-key.entity';
import { UserEntity } from '../src/auth/user.entity';
import { StudentEntity } from '../src/students/student.entity';
import { saveMajor } from './factories/reference-data';
import { saveStudent } from './factories/students';
import { PageClient } from './utils/page-client';
import { buildPageWorld, PageWorld, PASSWORD } from './utils/page-world';
import { ADMIN, createTestApp, TestApp } from './utils/test-app';

const PAGE_LIMIT = 100 * 1024;
const CHINESE = /[\u4e00-\u9fff]/;

/** The text of the refusal shown inside the form (or at the top) that has this id. */
function refusalIn(html: string, formId: string): string {
  const start = html.indexOf(`id="${formId}"`);
  expect(start).toBeGreaterThan(-1);
  const form = html.slice(start, html.indexOf('</form>', start));
  const message = /<p class="bad" role="alert">([^<]*)<\/p>/.exec(form);
  expect(message).not.toBeNull();
  return message![1];
}

/** A refusal for a form the page no longer offers appears once, at the top. */
const topRefusal = (html: string): string => /<h1>[\s\S]*?<p class="bad" role="alert">([^<]*)<\/p>/.exec(html)![1];

const expectChinese = (message: string) => {
  expect(message).toMatch(CHINESE);
  expect(message).not.toMatch(/apiError\.|[A-Z]{2,}_[A-Z]+|\b(cannot|must|student|line)\b/i);
};

describe('The staff view of one student: /staff/students/:id (e2e)', () => {
  let t: TestApp;
  let world: PageWorld;
  let staff: PageClient;
  let admin: PageClient;

  const signedIn = async (username: string, password = PASSWORD): Promise<PageClient> => {
    const client = new PageClient(t);
    expect((await client.signIn(username, password)).status).toBe(303);
    return client;
  };
  const page = (client: PageClient, id: number) => client.get(`/staff/students/${id}`);
  const linesOf = (studentId: number) =>
    t.dataSource.getRepository(DisbursementLineEntity).find({ where: { studentId }, order: { dueDate: 'ASC', id: 'ASC' } });

  beforeAll(async () => {
    t = await createTestApp();
    world = await buildPageWorld(t);
    staff = await signedIn(world.users.staff);
    admin = await signedIn(ADMIN.username, ADMIN.password);
  }, 60_000);
  afterAll(() => t.close());

  describe('who may open it', () => {
    it('refuses an enterprise and a student with 403, the page and every action', async () => {
      for (const client of [await signedIn(world.users.hr), await signedIn(world.users.studentA)]) {
        await client.get('/password');
        expect((await page(client, world.studentA.id)).status).toBe(403);
        for (const action of ['status', 'major', 'agreements', 'account', 'lines/1/approve', 'lines/1/pay']) {
          expect((await client.post(`/staff/students/${world.studentA.id}/${action}`, { to: 'WITHDRAWN' })).status).toBe(403);
        }
      }
      const [line] = await linesOf(world.studentA.id);
      expect(line.status).toBe('PAID');
      expect((await page(staff, world.studentA.id)).text).toContain('休学');
    });

    it('answers 404 for an unknown student and for another student’s line', async () => {
      const res = await page(staff, 999999);
      expect(res.status).toBe(404);
      expect(res.text).toContain('找不到该页面或记录');
      const [lineOfB] = await linesOf(world.studentB.id);
      await page(staff, world.studentA.id);
      expect((await staff.post(`/staff/students/${world.studentA.id}/lines/${lineOfB.id}/approve`, {})).status).toBe(404);
      expect((await linesOf(world.studentB.id))[0].status).toBe('SCHEDULED');
    });

    it('is where the cohort page links each student', async () => {
      const res = await staff.get(`/staff/cohorts/${world.cohortId}`);
      expect(res.text).toContain(`href="/staff/students/${world.studentA.id}"`);
      expect(res.text).not.toContain(`href="/student/${world.studentA.id}"`);
    });
  });

  describe('what it shows', () => {
    it('the record in words and names: full ID, status with date and reason, major, enterprise, schedule, agreements, history', async () => {
      const res = await page(staff, world.studentA.id);
      expect(res.status).toBe(200);
      const { nationalId } = await t.dataSource.getRepository(StudentEntity).findOneByOrFail({ id: world.studentA.id });
      expect(res.text).toContain(`<dd id="national-id">${nationalId}</dd>`);
      expect(res.text).toMatch(/<strong>休学<\/strong> · 自 2020-03-01 起 · 原因：illness/);
      expect(res.text).toContain('<dd id="major-now">机械加工技术 Mechanical processing</dd>');
      expect(res.text).toMatch(/<dd id="enterprise">[^<]*\S[^<]*<\/dd>/);
      expect(res.text).not.toMatch(/<dd id="enterprise">\d+<\/dd>/);
      expect(res.text).toContain('<dd id="eligibility">符合</dd>');
      expect(res.text).toContain('¥5,000.00');
      expect(res.text).toContain('已发放');
      expect(res.text).toContain('暂停 · illness');
      expect(res.text).toContain(`href="/student/agreements/${world.studentA.agreementId}/pdf"`);
      // The history, newest first, with who did it and the change in words.
      expect(res.text).toContain('状态：在读 → 休学（生效 2020-03-01），原因：illness');
      expect(res.text).toContain('状态：已录取 → 在读（生效 2019-09-01）');
      expect(res.text).toMatch(/<td>\d{4}-\d\d-\d\d \d\d:\d\d<\/td><td>admin<\/td>/);
      expect(res.text).toContain('教育资助金（第 1 学年，2019-09-01，¥5,000.00）：已审批 → 已发放 · 流水号 ICBC 0001');
    });

    it('offers only the moves allowed now: a suspended student may resume or withdraw', async () => {
      const res = await page(staff, world.studentA.id);
      expect(res.text).toContain('id="status-ENROLLED"');
      expect(res.text).toContain('>复学</button>');
      expect(res.text).toContain('id="status-WITHDRAWN"');
      for (const to of ['ADMITTED', 'REJECTED', 'WAITLISTED', 'SUSPENDED', 'GRADUATED'])
        expect(res.text).not.toContain(`id="status-${to}"`);
      // Only a PROGRAM line that is SCHEDULED and due has an approve form: not a held line, not the enterprise's fare.
      const approvable = (await linesOf(world.studentA.id)).filter((l) => l.status === 'SCHEDULED' && l.payer === 'PROGRAM');
      const withForm = [...res.text.matchAll(/\/lines\/(\d+)\/approve/g)].map((m) => Number(m[1]));
      expect(approvable.length).toBeGreaterThan(0);
      expect(withForm).toEqual(approvable.map((l) => l.id));
      expect(res.text).not.toMatch(/\/lines\/\d+\/pay/);
    });

    it('names an ineligible student’s reasons in Chinese, and preferences by name', async () => {
      const s = await saveStudent(t.dataSource, world.cohortId, {
        fullName: '赵六',
        majorPreferences: ['M02', 'M01'],
        eligible: false,
        ineligibleReasons: ["home county 普安县 is not one of the programme's counties (织金县)"],
      });
      const res = await page(staff, s.id);
      expect(res.text).toContain('不符合：户籍县 普安县 不在本项目的招生县（织金县）内');
      expect(res.text).toContain('装配钳工 Assembly fitter、机械加工技术 Mechanical processing');
      expect(res.text).toContain('id="status-ADMITTED"');
      expect(res.text).toContain('id="status-REJECTED"');
      expect(res.text).toContain('id="status-WAITLISTED"');
      expect(res.text).not.toContain('id="status-ENROLLED"');
    });
  });

  describe('status moves', () => {
    it('admits with the date and reason given, then 303 back to the section with a flash', async () => {
      const s = await saveStudent(t.dataSource, world.cohortId, { fullName: '钱七' });
      await page(staff, s.id);
      const res = await staff.post(`/staff/students/${s.id}/status`, { to: 'ADMITTED', effectiveDate: '2019-07-10', reason: '成绩合格' });
      expect([res.status, res.headers.location]).toEqual([303, `/staff/students/${s.id}#status`]);
      const after = await page(staff, s.id);
      expect(after.text).toContain('状态已更新。');
      expect(after.text).toMatch(/<strong>已录取<\/strong> · 自 2019-07-10 起 · 原因：成绩合格/);
      expect(after.text).toContain('状态：已报名 → 已录取（生效 2019-07-10），原因：成绩合格');
    });

    it('refuses a date before the current status with 400, the reason in Chinese next to the form, the values kept', async () => {
      await page(staff, world.studentA.id);
      const res = await staff.post(`/staff/students/${world.studentA.id}/status`, {
        to: 'WITHDRAWN',
        effectiveDate: '2019-01-01',
        reason: '家庭原因退学',
      });
      expect(res.status).toBe(400);
      expectChinese(refusalIn(res.text, 'status-WITHDRAWN'));
      expect(res.text).toContain('value="2019-01-01"');
      expect(res.text).toContain('value="家庭原因退学"');
      expect(res.text).toContain('aria-invalid="true"');
      expect(res.text).toContain('<strong>休学</strong>');
    });

    it('refuses a move the lifecycle does not allow with 409 and a Chinese reason, changing nothing', async () => {
      await page(staff, world.studentA.id);
      const res = await staff.post(`/staff/students/${world.studentA.id}/status`, { to: 'GRADUATED', effectiveDate: '2021-06-30' });
      expect(res.status).toBe(409);
      expectChinese(topRefusal(res.text));
      expect(res.text).toContain('<strong>休学</strong>');
    });

    it('resumes a suspended student: the held lines are scheduled again', async () => {
      const s = await saveStudent(t.dataSource, world.cohortId, {
        fullName: '孙八',
        status: 'ADMITTED',
        majorCode: 'M01',
        statusEffectiveDate: '2019-07-01',
      });
      await page(staff, s.id);
      expect((await staff.post(`/staff/students/${s.id}/status`, { to: 'ENROLLED', effectiveDate: '2019-09-01' })).status).toBe(303);
      await page(staff, s.id);
      expect(
        (await staff.post(`/staff/students/${s.id}/status`, { to: 'SUSPENDED', effectiveDate: '2020-03-01', reason: '生病' })).status,
      ).toBe(303);
      expect((await linesOf(s.id)).some((l) => l.status === 'SUSPENDED')).toBe(true);
      await page(staff, s.id);
      expect((await staff.post(`/staff/students/${s.id}/status`, { to: 'ENROLLED', effectiveDate: '2020-09-01' })).status).toBe(303);
      expect((await linesOf(s.id)).some((l) => l.status === 'SUSPENDED')).toBe(false);
      expect((await page(staff, s.id)).text).toContain('状态：休学 → 在读（生效 2020-09-01）');
    });
  });

  describe('changing the major', () => {
    beforeAll(() => saveMajor(t.dataSource, world.cohortId, { code: 'M03', name: '焊接技术 Welding', capacity: 0 }));

    it('refuses a full major to staff with 409, in Chinese, keeping the reason; an admin may force it', async () => {
      const s = await saveStudent(t.dataSource, world.cohortId, { fullName: '周九', status: 'ADMITTED', majorCode: 'M01' });
      const shown = await page(staff, s.id);
      expect(shown.text).not.toContain('name="force"');
      const res = await staff.post(`/staff/students/${s.id}/major`, { majorCode: 'M03', reason: '本人申请调换' });
      expect(res.status).toBe(409);
      expectChinese(refusalIn(res.text, 'major-form'));
      expect(res.text).toContain('value="本人申请调换"');
      expect(res.text).toMatch(/<option value="M03" selected>/);

      expect((await page(admin, s.id)).text).toContain('name="force"');
      const forced = await admin.post(`/staff/students/${s.id}/major`, { majorCode: 'M03', reason: '本人申请调换', force: 'true' });
      expect([forced.status, forced.headers.location]).toEqual([303, `/staff/students/${s.id}#major`]);
      const after = await page(admin, s.id);
      expect(after.text).toContain('<dd id="major-now">焊接技术 Welding</dd>');
      expect(after.text).toContain('专业：机械加工技术 Mechanical processing → 焊接技术 Welding（名额已满，强制调入），原因：本人申请调换');
    });

    it('asks for a reason: 400 with 必填 next to the field', async () => {
      await page(staff, world.studentB.id);
      const res = await staff.post(`/staff/students/${world.studentB.id}/major`, { majorCode: 'M02' });
      expect(res.status).toBe(400);
      expect(res.text).toMatch(/id="major-reason-error">必填</);
    });
  });

  describe('approving and paying a line', () => {
    it('approves a due line, then pays it once even when the form is sent twice', async () => {
      const [line] = await linesOf(world.studentB.id);
      expect(line).toMatchObject({ status: 'SCHEDULED', payer: 'PROGRAM' });
      const shown = await page(staff, world.studentB.id);
      expect(shown.text).toContain(`action="/staff/students/${world.studentB.id}/lines/${line.id}/approve#line-${line.id}"`);
      const approved = await staff.post(`/staff/students/${world.studentB.id}/lines/${line.id}/approve`, {});
      expect([approved.status, approved.headers.location]).toEqual([303, `/staff/students/${world.studentB.id}#schedule`]);

      const payForm = (await page(staff, world.studentB.id)).text;
      expect(payForm).toContain('已审批该笔款项。');
      expect(payForm).toContain(`记录已发放 ${'¥5,000.00'}`);
      const key = new RegExp(`lines/${line.id}/pay#line-${line.id}"[\\s\\S]*?name="idempotencyKey" value="([^"]+)"`).exec(payForm)![1];
      const form = { reference: 'ABC 123', paidOn: '2019-09-03', idempotencyKey: key };
      // A double click: both posts in flight at once, then the same form once more.
      const both = await Promise.all([1, 2].map(() => staff.post(`/staff/students/${world.studentB.id}/lines/${line.id}/pay`, form)));
      const again = await staff.post(`/staff/students/${world.studentB.id}/lines/${line.id}/pay`, form);
      expect([...both, again].map((r) => r.status)).toEqual([303, 303, 303]);
      expect((await linesOf(world.studentB.id))[0]).toMatchObject({ status: 'PAID', reference: 'ABC 123' });
      expect(await t.dataSource.getRepository(PaymentKeyEntity).countBy({ lineId: line.id })).toBe(1);
      expect(await t.dataSource.getRepository(AuditEntryEntity).countBy({ action: 'disbursement.paid', entityId: line.id })).toBe(1);
      expect((await page(staff, world.studentB.id)).text).toContain('已审批 → 已发放 · 流水号 ABC 123');
    });

    it('refuses a payment dated in the future with 400, in Chinese, keeping the reference typed; a missing one says 必填', async () => {
      const lines = await linesOf(world.studentB.id);
      const line = lines.find((l) => l.status === 'SCHEDULED' && l.payer === 'PROGRAM')!;
      await page(staff, world.studentB.id);
      await staff.post(`/staff/students/${world.studentB.id}/lines/${line.id}/approve`, {});
      await page(staff, world.studentB.id);
      const res = await staff.post(`/staff/students/${world.studentB.id}/lines/${line.id}/pay`, {
        reference: 'FUTURE-1',
        paidOn: '2099-01-01',
        idempotencyKey: 'k-future',
      });
      expect(res.status).toBe(400);
      expectChinese(refusalIn(res.text, `line-${line.id}`));
      expect(res.text).toContain('value="FUTURE-1"');
      expect(res.text).toContain('value="2099-01-01"');
      const missing = await staff.post(`/staff/students/${world.studentB.id}/lines/${line.id}/pay`, {
        paidOn: '2020-01-01',
        idempotencyKey: 'k2',
      });
      expect(missing.status).toBe(400);
      expect(missing.text).toMatch(new RegExp(`id="reference-${line.id}-error">必填<`));
      expect((await linesOf(world.studentB.id)).find((l) => l.id === line.id)!.status).toBe('APPROVED');
    });

    it('refuses to approve a line already paid with 409 and a Chinese reason', async () => {
      const [paid] = await linesOf(world.studentA.id);
      await page(staff, world.studentA.id);
      const res = await staff.post(`/staff/students/${world.studentA.id}/lines/${paid.id}/approve`, {});
      expect(res.status).toBe(409);
      expectChinese(topRefusal(res.text));
    });
  });

  describe('agreements and the sign-in', () => {
    it('generates a new version of an applicable kind and lists every version with its download', async () => {
      const shown = await page(staff, world.studentC.id);
      for (const kind of ['TRIPARTITE', 'FUNDING', 'INTERNSHIP']) expect(shown.text).toContain(`id="agreement-${kind}"`);
      expect(shown.text).not.toContain('id="agreement-EMPLOYMENT_RECOMMENDATION"');
      const res = await staff.post(`/staff/students/${world.studentC.id}/agreements`, { kind: 'INTERNSHIP' });
      expect([res.status, res.headers.location]).toEqual([303, `/staff/students/${world.studentC.id}#agreements`]);
      const after = await page(staff, world.studentC.id);
      expect(after.text).toContain('已生成新的协议版本。');
      expect(after.text).toMatch(/实习协议 · 版本 1 · \d{4}-\d\d-\d\d — <a href="\/student\/agreements\/\d+\/pdf">/);
      expect(after.text).toContain('生成实习协议第 1 版');
    });

    it('refuses a kind that does not apply yet with 409 and a Chinese reason', async () => {
      await page(staff, world.studentB.id);
      const res = await staff.post(`/staff/students/${world.studentB.id}/agreements`, { kind: 'EMPLOYMENT_RECOMMENDATION' });
      expect(res.status).toBe(409);
      expectChinese(topRefusal(res.text));
    });

    it('creates the sign-in of an enrolled student once and shows its one-time password once', async () => {
      const s = await saveStudent(t.dataSource, world.cohortId, { fullName: '吴十', status: 'ENROLLED', majorCode: 'M01' });
      expect((await page(staff, s.id)).text).toContain(`action="/staff/students/${s.id}/account#account"`);
      const res = await staff.post(`/staff/students/${s.id}/account`, {});
      expect([res.status, res.headers.location]).toEqual([303, `/staff/students/${s.id}#account`]);
      const user = await t.dataSource.getRepository(UserEntity).findOneByOrFail({ studentId: s.id });
      expect(user).toMatchObject({ role: 'student', mustChangePassword: true });
      const shown = await page(staff, s.id);
      expect(shown.text).toMatch(new RegExp(`用户名 ${user.username}，一次性密码 \\S+（只显示这一次`));
      const again = await page(staff, s.id);
      expect(again.text).not.toContain('一次性密码');
      expect(again.text).toContain(`已有账号：${user.username}`);
      expect(again.text).not.toContain('/account#account');
      const twice = await staff.post(`/staff/students/${s.id}/account`, {});
      expect(twice.status).toBe(409);
      expectChinese(topRefusal(twice.text));
      expect(await t.dataSource.getRepository(UserEntity).countBy({ studentId: s.id })).toBe(1);
    });
  });

  it('shows English with ?lang=en', async () => {
    const res = await staff.get(`/staff/students/${world.studentA.id}?lang=en`);
    expect(res.text).toContain('Status: Enrolled → Suspended (from 2020-03-01), reason: illness');
    expect(res.text).toContain('>Resume</button>');
    await staff.get(`/staff/students/${world.studentA.id}?lang=zh`);
  });

  it('stays under 100 KB with a full schedule, 3 agreement versions and 50 more audit entries', async () => {
    const id = world.studentB.id;
    await page(staff, id);
    for (let i = 0; i < 2; i++) await staff.post(`/staff/students/${id}/agreements`, { kind: 'TRIPARTITE' });
    const at = new Date('2020-01-01T00:00:00Z').toISOString();
    await t.dataSource.getRepository(AuditEntryEntity).save(
      Array.from({ length: 50 }, (_, i): Omit<AuditEntryEntity, 'id'> => ({
        at,
        actorId: 1,
        action: 'student.status-changed',
        entityType: 'student',
        entityId: id,
        before: { status: 'ENROLLED' },
        after: { status: 'SUSPENDED', effectiveDate: '2020-01-01', reason: `一个相当长的原因说明，第 ${i} 条，用来撑大页面` },
      })),
    );
    const res = await page(staff, id);
    expect(res.status).toBe(200);
    expect((res.text.match(/版本 \d/g) ?? []).length).toBeGreaterThanOrEqual(3);
    expect((await linesOf(id)).length).toBeGreaterThanOrEqual(9);
    expect(Buffer.byteLength(res.text)).toBeLessThan(PAGE_LIMIT);
  });
});
