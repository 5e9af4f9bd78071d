import { mkdirSync, readFileSync } from 'node:fs';
import { Browser, Page } from 'playwright-core';
import { EnterpriseEntity } from '../../src/enterprises/enterprise.entity';
import { creditCode, nationalId } from '../factories/ids';
import { applicantRow, CHINESE_HEADER, csv } from '../factories/spreadsheets';
import { PASSWORD } from '../utils/page-world';
import { pdfPages, squeeze } from '../utils/pdf-text';
import { bearer, createTestApp, fixClock, loginAdmin, TestApp } from '../utils/test-app';
import { DESKTOP, PHONE, screenshot, SCREENSHOTS } from './browser-world';
import { launchChromium } from './chromium';

/**
 * The 2019 class from setup to employment, as a new staff member runs it: in Chromium with JavaScript off, through
 * the pages alone. The steps share one app and one database and run in order; dates are pinned with the business
 * clock (fixClock), all in 2019-2021, so the test means the same on any day it runs.
 */
describe('A whole year through the pages, JavaScript off (e2e)', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let staff: Page;
  let cohortUrl = '';
  let studentUrl = '';
  let enterpriseId = 0;
  const STAFF = 'whole-year-staff';
  const HR = 'whole-year-hr';
  const ENTERPRISE = '长兴精工机械有限公司';
  const CODE = creditCode(770001);
  const APPLICANT = '周晓晴';
  const studentSignIn = { username: '', password: '' };

  const at = (instant: string) => fixClock(t, instant);
  const main = (page: Page) => page.locator('main').innerText();
  const shots = async (page: Page, name: string) => {
    await page.setViewportSize(DESKTOP);
    await screenshot(page, `whole-year-${name}-1280`);
    await page.setViewportSize(PHONE);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, `whole-year-${name}-360`);
    await page.setViewportSize(DESKTOP);
  };
  const signIn = async (username: string, landing: string): Promise<Page> => {
    const context = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}${landing}`);
    return page;
  };

  beforeAll(async () => {
    t = await createTestApp();
    at('2019-06-20T02:00:00Z');
    // No page creates staff accounts (only student accounts have pages): the admin makes one through the API.
    const admin = await loginAdmin(t);
    await t.http().post('/api/users').set(bearer(admin)).send({ username: STAFF, password: PASSWORD, role: 'staff' }).expect(201);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    staff = await signIn(STAFF, '/staff');
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('sets up the programme in yuan, the cohort, two majors, the enterprise and its quota', async () => {
    await staff.getByRole('link', { name: '基础设置' }).click();
    await staff.waitForURL(`${base}/staff/setup`);
    const program = staff.locator('#new-program');
    await program.getByLabel('代码').fill('ZJ2019');
    await program.getByLabel('名称').fill('2019 织金县定向就业项目');
    await program.getByLabel('学制（年）').fill('2');
    await program.getByLabel('教育资助金（元/学年）').fill('4500');
    await program.getByLabel('生活补助（元/学年）').fill('1200');
    await program.getByLabel('寒假往返路费（元/年，企业支付）').fill('800');
    await program.getByLabel(/资助县/).fill('织金县');
    await program.getByRole('button', { name: '建立' }).click();
    const row = await staff.locator('tr:has-text("2019 织金县定向就业项目")').innerText();
    expect(row).toContain('¥4,500.00');
    expect(row).toContain('¥800.00');

    const cohort = staff.locator('#new-cohort');
    await cohort.getByLabel('资助项目').selectOption({ label: '2019 织金县定向就业项目' });
    await cohort.getByLabel('班级名称').fill('2019级织金班');
    await cohort.getByLabel('入学年份').fill('2019');
    await cohort.getByLabel('开学日期').fill('2019-09-01');
    await cohort.getByRole('button', { name: '建立' }).click();
    await staff.waitForURL(/\/staff\/setup\/cohorts\/\d+#majors$/);
    expect(await staff.locator('h1').innerText()).toBe('2019级织金班：专业与名额');
    const setupCohortUrl = staff.url().replace(/#.*/, '');
    cohortUrl = setupCohortUrl.replace('/staff/setup/cohorts/', '/staff/cohorts/');

    for (const [code, name, seats] of [
      ['M01', '数控技术', '40'],
      ['M02', '机电一体化', '40'],
    ]) {
      const major = staff.locator('#new-major');
      await major.getByLabel('专业代码').fill(code);
      await major.getByLabel('专业名称').fill(name);
      await major.getByLabel('承办学校').fill('长兴县职业技术教育中心');
      await major.getByLabel('名额').fill(seats);
      await major.getByRole('button', { name: '建立' }).click();
      expect(staff.url()).toMatch(new RegExp(`#major-${code}$`));
    }

    await staff.getByRole('link', { name: '返回基础设置' }).click();
    const enterprise = staff.locator('#new-enterprise');
    await enterprise.getByLabel('企业名称').fill(ENTERPRISE);
    await enterprise.getByLabel('统一社会信用代码').fill(CODE);
    await enterprise.getByLabel('联系人').fill('陈经理');
    await enterprise.getByLabel('联系电话').fill('0572-6012345');
    await enterprise.getByRole('button', { name: '建立' }).click();
    expect(await staff.locator('p.ok').innerText()).toBe('企业已登记。');
    enterpriseId = (await t.dataSource.getRepository(EnterpriseEntity).findOneByOrFail({ creditCode: CODE })).id;

    await staff.goto(setupCohortUrl);
    const quota = staff.locator('#new-quota');
    await quota.getByLabel('企业').selectOption({ label: ENTERPRISE });
    await quota.getByLabel('专业').selectOption('M01');
    await quota.getByLabel('名额').fill('10');
    await quota.getByRole('button', { name: '建立' }).click();
    expect(await staff.locator(`tr:has-text("${ENTERPRISE}")`).innerText()).toContain('10');
    await shots(staff, 'setup-cohort');
  }, 60_000);

  it('enters one applicant by the intake form and imports three more from a CSV', async () => {
    at('2019-07-01T02:00:00Z');
    await staff.goto(cohortUrl);
    await staff.locator('#intake summary').click();
    const form = staff.locator('#intake form');
    await form.getByLabel('姓名', { exact: true }).fill(APPLICANT);
    await form.getByLabel('身份证号', { exact: true }).fill(nationalId(501));
    await form.getByLabel('手机号', { exact: true }).fill('13900005555');
    await form.getByLabel('户籍省', { exact: true }).fill('贵州省');
    await form.getByLabel('户籍县', { exact: true }).fill('织金县');
    await form.getByLabel('成绩', { exact: true }).fill('462.5');
    await form.getByLabel('第 1 志愿', { exact: true }).selectOption('M01');
    await form.locator('#in-intendedEnterpriseId').selectOption({ label: ENTERPRISE });
    await form.getByRole('button', { name: '保存报名' }).click();
    expect(await staff.locator('#intake-saved').innerText()).toBe(`已录入报名学生：${APPLICANT}`);

    const rows = ['龙晓燕', '杨光明', '吴建国'].map((fullName) =>
      applicantRow({ fullName, majorPreferences: 'M01;M02', intendedEnterpriseCreditCode: CODE }),
    );
    await staff.locator('#import-file').setInputFiles({
      name: 'zhijin-2019.csv',
      mimeType: 'text/csv',
      buffer: csv(CHINESE_HEADER, rows, { bom: true }),
    });
    await staff.getByRole('button', { name: '导入', exact: true }).click();
    expect(await staff.locator('#import-outcome').innerText()).toBe('已导入 3 名学生。');
    await shots(staff, 'import');
    await staff.goto(cohortUrl);
    const list = await staff.locator('#students').innerText();
    for (const name of [APPLICANT, '龙晓燕', '杨光明', '吴建国']) expect(list).toContain(name);
    expect(list).toContain('已报名');
  }, 60_000);

  it('admits all four by ticking them, assigns majors and enrols the cohort on its start date', async () => {
    at('2019-07-15T02:00:00Z');
    await staff.goto(cohortUrl);
    for (const name of [APPLICANT, '龙晓燕', '杨光明', '吴建国']) await staff.getByLabel(`选择 ${name}`).check();
    await staff.locator('#bulk-status').selectOption('ADMITTED');
    await staff.getByRole('button', { name: '提交所选' }).click();
    expect(await staff.locator('#moved-count').innerText()).toBe('已办理 4 人。');

    await staff.goto(cohortUrl);
    await staff.getByRole('button', { name: '分配专业' }).click();
    const assignment = await main(staff);
    expect(assignment).toContain(APPLICANT);
    expect(assignment).toContain('已分配 4 人');
    // Majors by name, not by code.
    expect(assignment).toMatch(new RegExp(`${APPLICANT}\\s+数控技术\\s+1`));
    await shots(staff, 'assignment');

    at('2019-09-01T02:00:00Z');
    await staff.goto(cohortUrl);
    await staff.locator('#enrol-date').fill('2019-09-01');
    await staff.getByRole('button', { name: '办理注册' }).click();
    const enrolled = await main(staff);
    expect(enrolled).toContain('已办理 4 人。');
    expect(enrolled).toContain(`${APPLICANT}、龙晓燕、杨光明、吴建国`);
    await staff.goto(cohortUrl);
    const list = await staff.locator('#students').innerText();
    expect(list.match(/在读/g)?.length).toBe(4);
    await shots(staff, 'cohort');
  }, 60_000);

  it('previews the lines due, approves them, and pays one on the student page', async () => {
    at('2019-09-10T02:00:00Z');
    await staff.goto(cohortUrl);
    await staff.locator('#approve-date').fill('2019-09-30');
    await staff.getByRole('button', { name: '查看待审批明细' }).click();
    // 4 students, each with the first instalment of the education fund and of the living allowance due.
    expect(await staff.locator('#approve-total').innerText()).toBe('共 8 笔，合计 ¥22,800.00');
    const preview = await main(staff);
    expect(preview).toMatch(new RegExp(`${APPLICANT}\\s+教育资助金\\s+2019-09-01\\s+¥4,500.00`));
    expect(preview).toMatch(/吴建国\s+生活补助\s+2019-09-01\s+¥1,200.00/);
    await shots(staff, 'approve-due');
    await staff.getByRole('button', { name: '确认审批以上补助' }).click();
    expect(await main(staff)).toContain('已审批 8 笔。');

    await staff.goto(cohortUrl);
    await staff.getByRole('link', { name: APPLICANT }).click();
    await staff.waitForURL(/\/staff\/students\/\d+$/);
    studentUrl = staff.url();
    const pay = staff.locator('form[id^="line-"]', { has: staff.getByRole('button', { name: /记录已发放/ }) }).first();
    const button = await pay.getByRole('button', { name: /记录已发放/ }).innerText();
    expect(button).toBe('记录已发放 ¥4,500.00');
    await pay.getByLabel('银行流水号').fill('ICBC 2019-0905');
    await pay.getByLabel('发放日期').fill('2019-09-05');
    await pay.getByRole('button', { name: /记录已发放/ }).click();
    expect(await staff.locator('#lines').innerText()).toContain('流水号 ICBC 2019-0905');
    await shots(staff, 'student-paid');
  }, 60_000);

  it('pays the other seven lines through a payment batch: accounts, preview, bank file, return file', async () => {
    at('2019-09-12T02:00:00Z');
    const accounts = new Map<string, string>();
    for (const [i, name] of [APPLICANT, '龙晓燕', '杨光明', '吴建国'].entries()) {
      await staff.goto(cohortUrl);
      await staff.getByRole('link', { name, exact: true }).click();
      const form = staff.locator('#bank-account-form');
      accounts.set(name, `62284800000000${String(i + 1).padStart(5, '0')}`);
      await form.getByLabel('开户行').fill('中国农业银行织金县支行');
      await form.getByLabel('户名（学生本人或监护人的姓名）').fill(name);
      await form.getByLabel(/^银行卡号/).fill(accounts.get(name)!);
      await form.getByRole('button', { name: '保存银行账户' }).click();
      expect(await staff.locator('#bank-account-now').innerText()).toContain(accounts.get(name)!.slice(-4));
    }

    await staff.getByRole('link', { name: '代发批次' }).first().click();
    await staff.locator('#nb-cohort').selectOption({ label: '2019级织金班' });
    await staff.locator('#nb-due').fill('2019-09-30');
    await staff.getByRole('button', { name: '查看将纳入的款项' }).click();
    // The eight lines approved, less the one paid by hand on the student page.
    expect(await staff.locator('#preview-total').innerText()).toBe('将纳入 7 笔，合计 ¥18,300.00');
    expect(await main(staff)).toMatch(/吴建国\s+生活补助\s+2019-09-01\s+¥1,200.00\s+中国农业银行织金县支行\s+6228 \*{4} \*{4} 0004/);
    await shots(staff, 'batch-preview');
    await staff.getByRole('button', { name: '确认生成代发批次' }).click();
    await staff.waitForURL(/\/staff\/payment-batches\/\d+$/);
    expect(await main(staff)).toMatch(/已生成第 \d+ 批：7 笔，合计 ¥18,300.00。/);

    await staff.locator('#dl-format').selectOption('csv');
    const [download] = await Promise.all([
      staff.waitForEvent('download'),
      staff.getByRole('button', { name: '下载', exact: true }).click(),
    ]);
    const bankFile = readFileSync((await download.path())!, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/)
      .map((row) => row.split(','));
    expect(bankFile[0]).toEqual(['序号', '户名', '账号', '开户行', '金额', '用途']);
    expect(bankFile.at(-1)!.slice(0, 1).concat(bankFile.at(-1)!.slice(4))).toEqual(['合计', '18300.00', '共 7 笔']);
    // The bank pays every transfer but one, whose account it finds frozen.
    const transfers = bankFile.slice(1, -1);
    const answers = transfers.map(([sequence, name, account, , amount], i) =>
      i === transfers.length - 1
        ? [sequence, name, account, amount, '失败', '账户已冻结', '']
        : [sequence, name, account, amount, '成功', '', `ABC 2019-09-13-${sequence}`],
    );
    await staff.goto(staff.url());
    expect(await staff.locator('#batch-status').innerText()).toBe('已导出');
    await staff.locator('#return-file').setInputFiles({
      name: '代发结果.csv',
      mimeType: 'text/csv',
      buffer: csv(['序号', '户名', '账号', '金额', '状态', '失败原因', '流水号'], answers, { bom: true }),
    });
    await staff.getByRole('button', { name: '上传并对账' }).click();
    expect(await staff.locator('#return-outcome').innerText()).toContain(
      '回单已入账：成功 6 笔，失败 1 笔，此前已入账 0 笔。批次状态：已对账。',
    );
    expect(await staff.locator('#batch-lines').innerText()).toContain('失败：账户已冻结');
    await shots(staff, 'batch-reconciled');
  }, 90_000);

  it('suspends the applicant for a month and resumes them, and the history says so in words', async () => {
    at('2019-11-05T02:00:00Z');
    // Found again from the header's search box by the last digits of the ID, as staff do on the phone.
    await staff.getByRole('searchbox', { name: '姓名、电话或身份证号（可输尾号）' }).first().fill(nationalId(501).slice(-6));
    await staff.getByRole('searchbox').first().press('Enter');
    await staff.waitForURL(/\/staff\/search\?q=/);
    expect(await staff.locator('tbody tr').count()).toBe(1);
    expect(await staff.locator('tbody tr').innerText()).toContain(APPLICANT);
    await shots(staff, 'search');
    await staff.locator('tbody a').first().click();
    expect(staff.url()).toBe(studentUrl);
    const suspend = staff.locator('#status-SUSPENDED');
    await suspend.getByLabel('生效日期').fill('2019-10-08');
    await suspend.getByLabel('原因（可选）').fill('生病住院');
    await suspend.getByRole('button', { name: '休学' }).click();
    expect(await staff.locator('#status-now').innerText()).toContain('休学');

    const resume = staff.locator('form', { has: staff.getByRole('button', { name: '复学' }) });
    await resume.getByLabel('生效日期').fill('2019-11-01');
    await resume.getByRole('button', { name: '复学' }).click();
    expect(await staff.locator('#status-now').innerText()).toContain('在读');
    const history = await staff.locator('#history-list').innerText();
    expect(history).toContain('状态：在读 → 休学（生效 2019-10-08），原因：生病住院');
    expect(history).toContain('状态：休学 → 在读（生效 2019-11-01）');

    await staff.getByRole('button', { name: '生成登录账号' }).click();
    const issued = /用户名 (\S+)，一次性密码 (\S+)（只显示这一次/.exec(await staff.locator('#account ~ p.ok').innerText());
    expect(issued).not.toBeNull();
    [studentSignIn.username, studentSignIn.password] = [issued![1], issued![2]];
  }, 60_000);

  let hr: Page;
  it('proposes internships; the enterprise confirms the applicant’s and pays a winter fare', async () => {
    at('2019-12-20T02:00:00Z');
    await staff.goto(cohortUrl);
    await staff.locator('#internship-start').fill('2020-03-01');
    await staff.getByRole('button', { name: '安排实习' }).click();
    // The result page counts what was proposed and names only those left unplaced.
    expect(await main(staff)).toContain('已提出 4 个安排');
    await shots(staff, 'proposals');

    // No page creates an enterprise's HR account: the admin makes one through the API.
    const admin = await loginAdmin(t);
    await t
      .http()
      .post('/api/users')
      .set(bearer(admin))
      .send({ username: HR, password: PASSWORD, role: 'enterprise', enterpriseId })
      .expect(201);
    hr = await signIn(HR, '/enterprise');
    await shots(hr, 'enterprise');
    await hr.goto(`${base}/enterprise/placements`);
    const item = hr.locator('.item', { hasText: APPLICANT });
    await item.locator('summary').click();
    await item.getByLabel('岗位').fill('数控车工（实习）');
    await item.getByLabel('开始日期').fill('2020-03-01');
    await item.getByRole('button', { name: '确认', exact: true }).click();
    expect(await hr.locator('.item', { hasText: APPLICANT }).innerText()).toContain('已确认');
    await shots(hr, 'enterprise-placements');

    await hr.goto(`${base}/enterprise/fares`);
    const fares = await hr.locator('#fares').innerText();
    expect(fares).toContain(APPLICANT);
    expect(fares).toContain('¥800.00');
    await hr.locator('tr', { hasText: APPLICANT }).locator('input[name="lineIds"]').check();
    await hr.getByLabel('转账流水号').fill('BOC 2020-01');
    await hr.getByRole('button', { name: '记录已支付' }).click();
    await hr.waitForURL(`${base}/enterprise/fares#pay`);
    expect(await hr.locator('#pay').innerText()).toContain('已记录 1 笔路费的支付。');
    await shots(hr, 'enterprise-fares');
  }, 60_000);

  it('generates a tripartite agreement on the student page; the student shows as interning', async () => {
    at('2020-03-02T02:00:00Z');
    await staff.goto(studentUrl);
    expect(await staff.locator('#status-now').innerText()).toContain('实习中');
    await staff.getByRole('button', { name: '生成三方协议' }).click();
    expect(await staff.locator('#agreement-list').innerText()).toContain('三方协议 · 版本 1 · 2020-03-02');
  }, 60_000);

  it('graduates the applicant, proposes employment, and the enterprise confirms it', async () => {
    at('2021-07-02T02:00:00Z');
    await staff.goto(studentUrl);
    const graduate = staff.locator('#status-GRADUATED');
    await graduate.getByLabel('生效日期').fill('2021-06-30');
    await graduate.getByRole('button', { name: '毕业' }).click();
    expect(await staff.locator('#status-now').innerText()).toContain('已毕业');

    await staff.goto(cohortUrl);
    await staff.locator('#job-start').fill('2021-07-05');
    await staff.getByRole('button', { name: '安排就业' }).click();
    expect(await main(staff)).toContain('已提出 1 个安排');

    await hr.goto(`${base}/enterprise/placements`);
    const item = hr.locator('.item', { hasText: APPLICANT }).filter({ hasText: '待确认' });
    await item.locator('summary').click();
    await item.getByLabel('岗位').fill('数控车工');
    await item.getByLabel('开始日期').fill('2021-07-05');
    await item.getByLabel('月薪（元，可选）').fill('5200');
    await item.getByRole('button', { name: '确认', exact: true }).click();
    expect(await hr.locator('.item', { hasText: '就业' }).innerText()).toContain('月薪 ¥5,200.00');

    await staff.goto(studentUrl);
    expect(await staff.locator('#status-now').innerText()).toMatch(/^已就业 · 自 2021-07-05 起/);
    const record = await main(staff);
    expect(record).toMatch(new RegExp(`就业\\s+${ENTERPRISE}\\s+已确认\\s+2021-07-05\\s+数控车工`));
    expect(record).toContain('2020-01-10\t寒假往返路费 · 由企业支付\t1-1\t¥800.00\t已发放 · 流水号 BOC 2020-01');
    expect(await staff.locator('#history-list').innerText()).toContain('状态：实习中 → 已毕业（生效 2021-06-30）');
    await shots(staff, 'student-employed');
  }, 60_000);

  it('the class at the end: its placements, the internship agreements of all as a job, and the exports', async () => {
    await staff.goto(`${cohortUrl}/placements`);
    const placements = await staff.locator('#placements').innerText();
    expect(placements).toMatch(new RegExp(`${APPLICANT}\\s+${ENTERPRISE}\\s+就业\\s+已确认\\s+2021-07-05\\s+数控车工`));
    expect(placements).toMatch(new RegExp(`龙晓燕\\s+${ENTERPRISE}\\s+实习\\s+待企业确认\\s+2020-03-01`));
    await shots(staff, 'cohort-placements');

    await staff.goto(cohortUrl);
    await staff.locator('#agreement-kind').selectOption({ label: '实习协议' });
    await staff.getByRole('button', { name: '生成协议', exact: true }).click();
    await staff.waitForURL(/\/staff\/jobs\/\d+$/);
    // No JavaScript: the staff member reloads the job page until it is done.
    for (let tries = 0; tries < 80 && (await staff.locator('#job-status').innerText()) !== '已完成'; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      await staff.reload();
    }
    expect(await staff.locator('#job-status').innerText()).toBe('已完成');
    expect(await staff.locator('#job-percent').innerText()).toBe('100%');
    await shots(staff, 'job');
    await staff.locator('#job-produced').click();
    const agreements = await staff.locator('#agreements').innerText();
    for (const name of [APPLICANT, '龙晓燕', '杨光明', '吴建国']) expect(agreements).toContain(name);
    expect(agreements).toContain('实习协议');
    // The whole class printed at once: one PDF of the latest internship agreement of each student.
    await staff.locator('#b-kind').selectOption({ label: '实习协议（4 人）' });
    const download = staff.waitForEvent('download');
    await staff.getByRole('button', { name: '下载合并的 PDF' }).click();
    const bundle = await download;
    expect(bundle.suggestedFilename()).toMatch(/实习协议\.pdf$/);
    const pages = await pdfPages(readFileSync((await bundle.path())!));
    const printed = pages.map(squeeze).filter((page) => page.startsWith('顶岗实习协议'));
    expect(printed.map((page) => /丙方（学生）([^，]+)，/.exec(page)?.[1]).sort()).toEqual(
      [APPLICANT, '龙晓燕', '杨光明', '吴建国'].sort(),
    );

    await staff.goto(cohortUrl);
    const href = await staff.locator('#exports a', { hasText: 'CSV' }).first().getAttribute('href');
    const exported = await staff.context().request.get(`${base}${href}`);
    expect(exported.status()).toBe(200);
    const list = await exported.text();
    for (const name of [APPLICANT, '龙晓燕', '杨光明', '吴建国']) expect(list).toContain(name);
    expect(list).toContain('已就业');
  }, 60_000);

  it('the student signs in with the one-time password, sets their own, and sees they are employed', async () => {
    const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill(studentSignIn.username);
    await page.getByLabel('密码').fill(studentSignIn.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}/password`);
    await page.getByLabel('当前密码').fill(studentSignIn.password);
    await page.getByLabel('新密码（至少 10 个字符）').fill('zhou-xiaoqing-2021');
    await page.getByLabel('再次输入新密码').fill('zhou-xiaoqing-2021');
    await page.getByRole('button', { name: '保存新密码' }).click();
    await page.goto(`${base}/`);
    await page.waitForURL(/\/student\/\d+$/);
    expect(await page.locator('#status').innerText()).toBe('就业');
    expect(await page.locator('#major').innerText()).toContain('数控技术');
    expect(await page.locator('#placements').innerText()).toContain(ENTERPRISE);
    await shots(page, 'student-own');
    await context.close();
  }, 60_000);
});
