import { DisbursementLineEntity } from '../src/disbursements/disbursement-line.entity';
import { PaymentKeyEntity } from '../src/disbursements/payment-key.entity';
import { QuotaEntity } from '../src/enterprises/quota.entity';
import { PlacementEntity } from '../src/placements/placement.entity';
import { StudentEntity } from '../src/students/student.entity';
import { studentRow } from './factories/students';
import { PageClient } from './utils/page-client';
import { buildPageWorld, PageWorld, PASSWORD } from './utils/page-world';
import { bearer, createTestApp, fixClock, loginAdmin, TestApp } from './utils/test-app';

const PAGE_LIMIT = 100 * 1024;
const CLASS_SIZE = 200;
// Fares are due on 10 January; on 20 December 2019 those of January 2020 are payable, 2021's and 2022's are not.
const TODAY = '2019-12-20T02:00:00Z';

describe('The enterprise pages and the student page (e2e)', () => {
  let t: TestApp;
  let world: PageWorld;
  let other: PageWorld;
  let admin: string;
  /** Student B's internship, proposed here so that two placements can be decided at once. */
  let placementB: number;

  beforeAll(async () => {
    t = await createTestApp();
    world = await buildPageWorld(t);
    other = await buildPageWorld(t);
    admin = await loginAdmin(t);
    const res = await t
      .http()
      .post('/api/placements')
      .set(bearer(admin))
      .send({ studentId: world.studentB.id, enterpriseId: world.enterpriseId, type: 'INTERNSHIP', startDate: '2021-07-01' })
      .expect(201);
    placementB = res.body.id;
    fixClock(t, TODAY);
  }, 90_000);
  afterAll(() => t.close());

  const signedIn = async (username: string): Promise<PageClient> => {
    const client = new PageClient(t);
    expect((await client.signIn(username, PASSWORD)).status).toBe(303);
    return client;
  };
  const fares = (enterpriseId: number) =>
    t.dataSource
      .getRepository(DisbursementLineEntity)
      .find({ where: { payerEnterpriseId: enterpriseId, kind: 'WINTER_FARE' }, order: { id: 'ASC' } });
  const placement = (id: number) => t.dataSource.getRepository(PlacementEntity).findOneByOrFail({ id });
  /** The text of one item of a list page, from its anchor to the next item. */
  const itemOf = (html: string, anchor: string) => {
    const start = html.indexOf(`id="${anchor}"`);
    expect(start).toBeGreaterThan(-1);
    const end = html.indexOf('<div class="item"', start + 1);
    return html.slice(start, end === -1 ? undefined : end);
  };

  describe('summary', () => {
    it('counts what to act on, the money to pay in yuan, and links to each list', async () => {
      const client = await signedIn(world.users.hr);
      const res = await client.get('/enterprise');
      expect(res.status).toBe(200);
      expect(res.text).toMatch(/id="to-confirm" href="\/enterprise\/placements\?status=PROPOSED">.*<div class="value">2<\/div>/s);
      // A's, B's and C's fares of January 2020, ¥1,500.00 each; the later ones are counted apart.
      expect(res.text).toMatch(/id="fares-due" href="\/enterprise\/fares">.*2020-02-18 前到期的路费.*<div class="value">3<\/div>/s);
      expect(res.text).toContain('<strong id="money-due">¥4,500.00</strong>');
      expect(res.text).toContain('以后到期的路费：4 笔');
      expect(res.text).toMatch(/id="students" href="\/enterprise\/students">.*<div class="value">3<\/div>/s);
      expect(res.text).not.toContain('<form method="post" action="/enterprise/fares');
    });
  });

  describe('placements', () => {
    it('lists its placements with the major by name, filters by status and major, and offers a box to tick', async () => {
      const client = await signedIn(world.users.hr);
      const res = await client.get('/enterprise/placements');
      expect(res.status).toBe(200);
      const item = itemOf(res.text, `placement-${world.studentC.placementId}`);
      expect(item).toContain(world.studentC.fullName);
      expect(item).toContain('机械加工技术 Mechanical processing');
      expect(item).toContain(`<input type="checkbox" form="bulk" name="ids" value="${world.studentC.placementId}"`);
      expect(res.text).toContain('<option value="M01">机械加工技术 Mechanical processing</option>');
      expect(res.text).not.toContain(`id="placement-${other.studentC.placementId}"`);
      expect(res.text.match(/<div class="item" id="placement-/g)).toHaveLength(2);
      expect((await client.get('/enterprise/placements?status=CONFIRMED')).text).not.toContain(
        `id="placement-${world.studentC.placementId}"`,
      );
      expect((await client.get('/enterprise/placements?status=PROPOSED&major=M01')).text).toContain(
        `id="placement-${world.studentC.placementId}"`,
      );
      expect((await client.get('/enterprise/placements?major=M99')).text).toContain('没有待确认的安排');
    });

    it('refuses a confirmation with wrong fields next to the item, in Chinese, keeping what was typed', async () => {
      const client = await signedIn(world.users.hr);
      await client.get('/enterprise/placements');
      const id = world.studentC.placementId;
      const res = await client.post(`/enterprise/placements/${id}/confirm`, {
        position: '',
        supervisorName: '陈师傅',
        monthlySalaryYuan: 'lots',
        returnTo: '/enterprise/placements?status=PROPOSED',
      });
      expect(res.status).toBe(400);
      const item = itemOf(res.text, `placement-${id}`);
      expect(item).toContain('<details open>');
      expect(item).toContain('请修改标出的项目后再提交');
      expect(item).toContain(`<div class="field-error" id="position-${id}-error">必填</div>`);
      expect(item).toContain(`<div class="field-error" id="salary-${id}-error">请填写金额（元），如 3500 或 3500.50</div>`);
      expect(item).toMatch(new RegExp(`id="supervisor-${id}" name="supervisorName" type="text" value="陈师傅"`));
      expect(item).toMatch(new RegExp(`id="salary-${id}" name="monthlySalaryYuan" type="text" value="lots"`));
      expect((await placement(id)).status).toBe('PROPOSED');
    });

    it('confirms one with position, supervisor, start date and pay in yuan, and returns to that item', async () => {
      const client = await signedIn(world.users.hr);
      await client.get('/enterprise/placements');
      const id = world.studentC.placementId;
      const res = await client.post(`/enterprise/placements/${id}/confirm`, {
        position: '数控车工',
        supervisorName: '陈师傅',
        startDate: '2021-07-05',
        monthlySalaryYuan: '3,500.50',
        returnTo: '/enterprise/placements?major=M01',
      });
      expect([res.status, res.headers.location]).toEqual([303, `/enterprise/placements?major=M01#placement-${id}`]);
      const item = itemOf((await client.get('/enterprise/placements?major=M01')).text, `placement-${id}`);
      expect(item).toContain('<p class="ok" role="status">已确认。</p>');
      expect(item).toContain('月薪 ¥3,500.50');
      const saved = await placement(id);
      expect([saved.status, saved.position, saved.supervisorName, saved.startDate, saved.monthlySalaryFen]).toEqual([
        'CONFIRMED',
        '数控车工',
        '陈师傅',
        '2021-07-05',
        350050,
      ]);
    });

    it('decides several at once: an already-decided one is named beside its item in Chinese, the others are done', async () => {
      const client = await signedIn(world.users.hr);
      await client.get('/enterprise/placements');
      const none = await client.post('/enterprise/placements/decide', { action: 'confirm', position: '钳工' });
      expect(none.status).toBe(400);
      expect(none.text).toContain('请至少勾选一项');
      expect(none.text).toMatch(/id="bulk-position" name="position" type="text" value="钳工"/);

      const res = await client.agent
        .post('/enterprise/placements/decide')
        .type('form')
        .send(
          `_csrf=${encodeURIComponent(client.csrf)}&action=confirm&position=${encodeURIComponent('钳工')}&ids=${placementB}&ids=${world.studentC.placementId}`,
        );
      expect(res.status).toBe(409);
      expect(res.text).toContain('已确认 1 项。 1 项未能处理');
      const refused = itemOf(res.text, `placement-${world.studentC.placementId}`);
      expect(refused).toMatch(/<p class="bad" role="alert">[^<]*[\u4e00-\u9fff][^<]*<\/p>/);
      expect(refused).not.toMatch(/PROPOSED|CONFLICT|ILLEGAL_TRANSITION|Placement \d+/);
      const b = await placement(placementB);
      expect([b.status, b.position]).toEqual(['CONFIRMED', '钳工']);
    });

    it('answers 404 for another enterprise placement, one at a time or ticked, and changes nothing', async () => {
      const client = await signedIn(world.users.hr);
      await client.get('/enterprise/placements');
      const foreign = other.studentC.placementId;
      expect((await client.post(`/enterprise/placements/${foreign}/confirm`, { position: '钳工' })).status).toBe(404);
      expect((await client.post(`/enterprise/placements/${foreign}/decline`, { reason: '满员' })).status).toBe(404);
      const ticked = await client.post('/enterprise/placements/decide', { action: 'decline', reason: '满员', ids: String(foreign) });
      expect(ticked.status).toBe(404);
      expect(ticked.text).toContain('找不到该页面或记录');
      expect((await placement(foreign)).status).toBe('PROPOSED');
    });
  });

  describe('fares', () => {
    it('offers to pay only fares due within 60 days; later ones are shown read-only', async () => {
      const client = await signedIn(world.users.hr);
      const lines = await fares(world.enterpriseId);
      const res = await client.get('/enterprise/fares');
      expect(res.status).toBe(200);
      const boxes = [...res.text.matchAll(/name="lineIds" value="(\d+)"/g)].map((m) => Number(m[1]));
      expect(boxes.sort()).toEqual(
        lines
          .filter((l) => l.dueDate === '2020-01-10')
          .map((l) => l.id)
          .sort(),
      );
      expect(res.text).toContain('合计 3 笔，¥4,500.00');
      expect(res.text.match(/name="idempotencyKey" value="[0-9a-f-]{36}"/g)).toHaveLength(1);
      const later = await client.get('/enterprise/fares?show=later');
      expect(later.text).toContain('2021-01-10');
      expect(later.text).toContain('2022-01-10');
      expect(later.text).not.toContain('name="lineIds"');
      expect(later.text).not.toContain('action="/enterprise/fares/pay"');
    });

    it('refuses a fare due years ahead even when posted, and pays none of the others sent with it', async () => {
      const client = await signedIn(world.users.hr);
      const page = await client.get('/enterprise/fares');
      const key = /name="idempotencyKey" value="([^"]+)"/.exec(page.text)![1];
      const lines = await fares(world.enterpriseId);
      const soon = lines.find((l) => l.dueDate === '2020-01-10' && l.status === 'SCHEDULED')!;
      const ahead = lines.find((l) => l.dueDate === '2022-01-10' && l.status === 'SCHEDULED')!;
      const res = await client.agent
        .post('/enterprise/fares/pay')
        .type('form')
        .send(
          `_csrf=${encodeURIComponent(client.csrf)}&idempotencyKey=${key}&reference=BOC-1&paidOn=2019-12-19&lineIds=${soon.id}&lineIds=${ahead.id}`,
        );
      expect(res.status).toBe(409);
      expect(res.text).toContain('有路费要到 2022-01-10 才到期，现在不能支付');
      expect(res.text).toMatch(new RegExp(`name="lineIds" value="${soon.id}" id="line-${soon.id}" checked`));
      expect(res.text).toMatch(/id="reference" name="reference" type="text" value="BOC-1"/);
      const after = await fares(world.enterpriseId);
      expect(after.filter((l) => l.status === 'PAID')).toEqual([]);
    });

    it('refuses the form with a field missing next to it, keeping the ticks and the day', async () => {
      const client = await signedIn(world.users.hr);
      await client.get('/enterprise/fares');
      const soon = (await fares(world.enterpriseId)).find((l) => l.dueDate === '2020-01-10')!;
      const res = await client.post('/enterprise/fares/pay', {
        idempotencyKey: 'k-missing',
        reference: '',
        paidOn: '2019-12-18',
        lineIds: String(soon.id),
      });
      expect(res.status).toBe(400);
      expect(res.text).toContain('<div class="field-error" id="reference-error">必填</div>');
      expect(res.text).toMatch(/id="paid-on" name="paidOn" type="date" value="2019-12-18"/);
      expect(res.text).toMatch(new RegExp(`value="${soon.id}" id="line-${soon.id}" checked`));
      const none = await client.post('/enterprise/fares/pay', { idempotencyKey: 'k-none', reference: 'X', paidOn: '2019-12-18' });
      expect([none.status, none.text.includes('请至少勾选一笔路费')]).toEqual([400, true]);
    });

    it('pays several with one reference all or none: one already paid refuses the lot', async () => {
      const client = await signedIn(world.users.hr);
      const due = (await fares(world.enterpriseId)).filter((l) => l.dueDate === '2020-01-10');
      await client.get('/enterprise/fares');
      // One fare paid on its own first, from a form of its own.
      const single = await client.post('/enterprise/fares/pay', {
        idempotencyKey: 'k-single',
        reference: 'BOC-A',
        paidOn: '2019-12-19',
        lineIds: String(due[0].id),
      });
      expect([single.status, single.headers.location]).toEqual([303, '/enterprise/fares#pay']);
      const body = (key: string, ids: number[]) =>
        `_csrf=${encodeURIComponent(client.csrf)}&idempotencyKey=${key}&reference=BOC-B&paidOn=2019-12-19&${ids.map((id) => `lineIds=${id}`).join('&')}`;
      const lot = await client.agent
        .post('/enterprise/fares/pay')
        .type('form')
        .send(
          body(
            'k-lot',
            due.map((l) => l.id),
          ),
        );
      expect(lot.status).toBe(409);
      expect(lot.text).toMatch(/<p class="bad" role="alert" id="pay-error">[^<]*[\u4e00-\u9fff]/);
      const after = await t.dataSource.getRepository(DisbursementLineEntity).findBy({ id: due[1].id });
      expect(after[0].status).toBe('SCHEDULED');
      expect(await t.dataSource.getRepository(PaymentKeyEntity).countBy({ key: 'k-lot' })).toBe(0);
    });

    it('pays the rest with one transfer once, even when the same form is sent twice at the same time', async () => {
      const client = await signedIn(world.users.hr);
      const page = await client.get('/enterprise/fares');
      const key = /name="idempotencyKey" value="([^"]+)"/.exec(page.text)![1];
      const ids = [...page.text.matchAll(/name="lineIds" value="(\d+)"/g)].map((m) => Number(m[1]));
      expect(ids).toHaveLength(2);
      const send = () =>
        client.agent
          .post('/enterprise/fares/pay')
          .type('form')
          .send(
            `_csrf=${encodeURIComponent(client.csrf)}&idempotencyKey=${key}&reference=BOC-C&paidOn=2019-12-19&${ids.map((id) => `lineIds=${id}`).join('&')}`,
          );
      const [first, second] = await Promise.all([send(), send()]);
      expect([first.status, second.status]).toEqual([303, 303]);
      const shown = await client.get('/enterprise/fares');
      expect(shown.text).toContain('已记录 2 笔路费的支付。');
      const paid = await t.dataSource.getRepository(DisbursementLineEntity).findBy(ids.map((id) => ({ id })));
      // Paid at the start of the day typed in Asia/Shanghai, once each.
      expect(paid.map((l) => [l.status, l.reference, l.paidAt])).toEqual(ids.map(() => ['PAID', 'BOC-C', '2019-12-18T16:00:00.000Z']));
      expect(await t.dataSource.getRepository(PaymentKeyEntity).countBy({ key })).toBe(2);
      expect(shown.text).toContain('没有待支付的路费');
    });

    it('answers 404 for another enterprise fare and pays nothing', async () => {
      const client = await signedIn(world.users.hr);
      await client.get('/enterprise/fares');
      const foreign = (await fares(other.enterpriseId)).find((l) => l.dueDate === '2020-01-10')!;
      const res = await client.post('/enterprise/fares/pay', {
        idempotencyKey: 'k-foreign',
        reference: 'X',
        paidOn: '2019-12-19',
        lineIds: String(foreign.id),
      });
      expect(res.status).toBe(404);
      expect((await t.dataSource.getRepository(DisbursementLineEntity).findOneByOrFail({ id: foreign.id })).status).toBe('SCHEDULED');
    });
  });

  describe('students', () => {
    it('lists its students with the major by name and the status in words, and only its own', async () => {
      const client = await signedIn(world.users.hr);
      const res = await client.get('/enterprise/students');
      expect(res.status).toBe(200);
      expect(res.text).toContain(world.studentA.fullName);
      expect(res.text).toContain('<td>机械加工技术 Mechanical processing</td><td>休学</td>');
      // The other enterprise's three students are not among them.
      expect(res.text.split('<tbody>')[1].match(/<tr>/g)).toHaveLength(3);
      expect(res.text).toContain('第 1 页，共 1 页');
    });

    it('are refused to the other roles with 403', async () => {
      const student = await signedIn(world.users.studentA);
      const staff = await signedIn(world.users.staff);
      for (const path of ['/enterprise/placements', '/enterprise/fares', '/enterprise/students']) {
        expect((await student.get(path)).status).toBe(403);
        expect((await staff.get(path)).status).toBe(403);
      }
    });
  });

  describe('the student page', () => {
    it('shows the status in words with its date, the major by name and the placement', async () => {
      const a = await signedIn(world.users.studentA);
      const pageA = (await a.get(`/student/${world.studentA.id}`)).text;
      expect(pageA).toContain('<div class="value" id="status">休学</div>');
      expect(pageA).toContain('<div id="status-date">自 2020-03-01 起</div>');
      expect(pageA).toContain('<div class="value" id="major">机械加工技术 Mechanical processing</div>');
      expect(pageA).toContain('暂无实习或就业安排');
      const b = await signedIn(world.users.studentB);
      const pageB = (await b.get(`/student/${world.studentB.id}`)).text;
      const placements = pageB.split('<ul id="placements">')[1].split('</ul>')[0];
      expect(placements).toContain('实习');
      expect(placements).toMatch(/企业: 长兴示范制造有限公司\d+/);
      expect(placements).toContain('岗位: 钳工');
      expect(placements).toContain('开始日期: 2021-07-01');
      expect((await b.get(`/student/${world.studentB.id}?lang=en`)).text).toContain('Position: 钳工');
    });

    it('asks for the new password twice, with the rules in Chinese; a mismatch changes nothing', async () => {
      const client = await signedIn(world.users.studentA);
      const form = await client.get('/password');
      expect(form.text).toContain('<label for="confirmPassword">再次输入新密码</label>');
      expect(form.text).toContain('新密码至少 10 个字符');
      const res = await client.post('/password', {
        currentPassword: PASSWORD,
        newPassword: 'a-new-long-password',
        confirmPassword: 'another-long-one',
      });
      expect(res.status).toBe(400);
      expect(res.text).toContain('<div class="field-error" id="confirmPassword-error">两次输入的新密码不一致</div>');
      expect(res.text).not.toContain('a-new-long-password');
      const wrong = await client.post('/password', {
        currentPassword: 'not-it-at-all',
        newPassword: 'a-new-long-password',
        confirmPassword: 'a-new-long-password',
      });
      expect(wrong.text).toContain('<div class="field-error" id="currentPassword-error">当前密码不正确</div>');
      // The old password still signs in.
      expect((await new PageClient(t).signIn(world.users.studentA, PASSWORD)).status).toBe(303);
    });
  });

  describe('at class size', () => {
    it(`keeps every enterprise page under 100 KB with ${CLASS_SIZE} students, placements and fares`, async () => {
      const big = await buildPageWorld(t);
      const quota = await t.dataSource.getRepository(QuotaEntity).findOneByOrFail({ enterpriseId: big.enterpriseId });
      const rows = Array.from({ length: CLASS_SIZE }, (_, i) =>
        studentRow(big.cohortId, {
          fullName: `班级学生${i}`,
          status: 'ENROLLED',
          majorCode: 'M01',
          intendedEnterpriseId: big.enterpriseId,
          statusEffectiveDate: '2019-09-01',
        }),
      );
      const students: StudentEntity[] = [];
      for (let i = 0; i < rows.length; i += 100)
        students.push(...(await t.dataSource.getRepository(StudentEntity).save(rows.slice(i, i + 100) as StudentEntity[])));
      const at = '2019-11-01T00:00:00.000Z';
      await t.dataSource.getRepository(PlacementEntity).save(
        students.map((s) => ({
          cohortId: big.cohortId,
          studentId: s.id,
          enterpriseId: big.enterpriseId,
          quotaId: quota.id,
          holdsSeat: false,
          majorCode: 'M01',
          type: 'INTERNSHIP' as const,
          status: 'PROPOSED' as const,
          startDate: '2021-07-01',
          position: null,
          supervisorName: null,
          monthlySalaryFen: null,
          declineReason: null,
          decidedAt: null,
          createdAt: at,
          updatedAt: at,
        })),
        { chunk: 100 },
      );
      await t.dataSource.getRepository(DisbursementLineEntity).save(
        students.flatMap((s) =>
          [1, 2, 3].map((year) => ({
            studentId: s.id,
            cohortId: big.cohortId,
            kind: 'WINTER_FARE' as const,
            studyYear: year,
            installment: 1,
            dueDate: `${2019 + year}-01-10`,
            amountFen: 150000,
            payer: 'ENTERPRISE' as const,
            payerEnterpriseId: big.enterpriseId,
            status: 'SCHEDULED' as const,
            statusCause: null,
            statusReason: null,
            statusEffectiveDate: null,
            statusChangedAt: at,
            approvedAt: null,
            approvedBy: null,
            paidAt: null,
            paidBy: null,
            reference: null,
            createdAt: at,
          })),
        ),
        { chunk: 200 },
      );
      const client = await signedIn(big.users.hr);
      for (const path of [
        '/enterprise',
        '/enterprise/placements',
        '/enterprise/placements?page=10',
        '/enterprise/fares',
        '/enterprise/fares?show=later',
        '/enterprise/students',
      ]) {
        const res = await client.get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
        expect(Buffer.byteLength(res.text)).toBeLessThan(PAGE_LIMIT);
      }
      const summary = (await client.get('/enterprise')).text;
      expect(summary).toContain('<strong id="money-due">¥304,500.00</strong>');
    }, 120_000);
  });
});
