import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { PlacementEntity } from '../../src/placements/placement.entity';
import { buildPageWorld, PageWorld, PASSWORD } from '../utils/page-world';
import { createTestApp, TestApp } from '../utils/test-app';
import { launchChromium } from './chromium';

const SCREENSHOTS = resolve('test-output/screenshots');
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 860 };

describe('Web pages in a real browser (e2e)', () => {
  let t: TestApp;
  let world: PageWorld;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    t = await createTestApp();
    world = await buildPageWorld(t);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.getHttpServer().address() as { port: number };
    base = `http://127.0.0.1:${address.port}`;
    mkdirSync(SCREENSHOTS, { recursive: true });
    // Playwright gives each launch a fresh, temporary user-data dir of its own and removes it on close.
    browser = await launchChromium();
    console.log(`Screenshots of the pages: ${SCREENSHOTS}`);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const session = async (viewport = PHONE): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await browser.newContext({ viewport, javaScriptEnabled: false });
    return { context, page: await context.newPage() };
  };

  const signIn = async (page: Page, username: string): Promise<void> => {
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
  };

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  it('the student signs in on a phone, sees the stipends at a glance and downloads an agreement', async () => {
    const { context, page } = await session();
    await page.goto(`${base}/login`);
    await shot(page, 'login-360');
    await signIn(page, world.users.studentA);
    await page.waitForURL(`${base}/student/${world.studentA.id}`);
    expect(await page.locator('#paid').textContent()).toBe('¥5,000.00');
    expect(await page.locator('#next-date').textContent()).toBe('2019-09-01');
    expect(await page.locator('.hold').first().textContent()).toContain('illness');
    expect(await page.locator('#schedule tbody tr').count()).toBe(9);
    // The figures fit the 360-pixel phone: only the schedule table may scroll sideways, inside its own box.
    for (const box of await page.locator('.cards, .table-wrap, header').all())
      expect((await box.boundingBox())!.width).toBeLessThanOrEqual(PHONE.width);
    // Status in words with its date, and the major by name.
    expect(await page.locator('#status').textContent()).toBe('休学');
    expect(await page.locator('#status-date').textContent()).toBe('自 2020-03-01 起');
    await shot(page, 'student-360');

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: '下载 PDF' }).click();
    expect((await download).suggestedFilename()).toMatch(/^agreement-\d+-tripartite-v1\.pdf$/);

    await page.goto(`${base}/student/${world.studentA.id}?lang=en`);
    expect(await page.locator('h1').textContent()).toContain('My stipends');
    await shot(page, 'student-360-en');
    await context.close();
  });

  it('a student cannot open another student page: 404', async () => {
    const { context, page } = await session();
    await signIn(page, world.users.studentA);
    await page.waitForURL(`${base}/student/${world.studentA.id}`);
    const response = await page.goto(`${base}/student/${world.studentB.id}`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('main').textContent()).toContain('找不到该页面或记录');
    await shot(page, 'student-other-404');
    await context.close();
  });

  it('a form posted without its CSRF token is refused with 403', async () => {
    const { context, page } = await session();
    // The browser holds a session and its CSRF secret from the sign-in page; the post leaves the token out.
    await page.goto(`${base}/login`);
    const response = await context.request.post(`${base}/login`, { form: { username: world.users.studentA, password: PASSWORD } });
    expect(response.status()).toBe(403);
    await context.close();
  });

  it('the enterprise confirms an internship with the salary in yuan, pays a fare, and signs out', async () => {
    const { context, page } = await session(DESKTOP);
    await signIn(page, world.users.hr);
    await page.waitForURL(`${base}/enterprise`);
    await shot(page, 'enterprise-desktop');
    await page.locator('#to-confirm').click();
    await page.waitForURL(`${base}/enterprise/placements?status=PROPOSED`);
    const card = page.locator(`#placement-${world.studentC.placementId}`);
    // The forms fold away in <details>, which opens without JavaScript.
    await card.locator('summary').click();
    await card.getByLabel('岗位').fill('数控车工');
    await card.getByLabel('月薪（元，可选）').fill('3500');
    await card.getByRole('button', { name: '确认', exact: true }).click();
    await page.waitForURL(`${base}/enterprise/placements?status=PROPOSED#placement-${world.studentC.placementId}`);
    expect(await page.locator(`#placement-${world.studentC.placementId}`).count()).toBe(0);
    const placement = await t.dataSource.getRepository(PlacementEntity).findOneByOrFail({ id: world.studentC.placementId });
    expect([placement.status, placement.monthlySalaryFen]).toEqual(['CONFIRMED', 350000]);

    await page.goto(`${base}/enterprise/fares`);
    await page.locator('input[name="lineIds"]').first().check();
    await page.getByLabel('转账流水号').fill('BOC 0001');
    await page.getByRole('button', { name: '记录已支付' }).click();
    await page.waitForURL(`${base}/enterprise/fares#pay`);
    expect(await page.locator('#pay').textContent()).toContain('已记录 1 笔路费的支付');
    await page.setViewportSize(PHONE);
    await shot(page, 'enterprise-fares-360');

    await page.getByRole('button', { name: '退出' }).click();
    await page.waitForURL(`${base}/login`);
    const after = await page.goto(`${base}/enterprise`);
    expect(after?.url()).toContain('/login');
    await context.close();
  });

  it('staff see the cohorts with their numbers and approve the payments due', async () => {
    const { context, page } = await session(DESKTOP);
    await signIn(page, world.users.staff);
    await page.waitForURL(`${base}/staff`);
    const cohort = page.locator(`#cohort-${world.cohortId}`);
    expect(await cohort.textContent()).toContain('2019级云贵班');
    await cohort.getByLabel('到期日（含）').fill('2019-09-30');
    await cohort.getByRole('button', { name: '审批到期款项' }).click();
    // The lines and their total come first; the approval is a second, deliberate step.
    await page.waitForURL(new RegExp(`/staff/cohorts/${world.cohortId}/approve-due\\?dueOnOrBefore=2019-09-30`));
    expect(await page.locator('#approve-total').textContent()).toMatch(/共 \d+ 笔，合计/);
    await page.getByRole('button', { name: '确认审批以上补助' }).click();
    await page.waitForURL(`${base}/staff`);
    expect(await page.locator(`#cohort-${world.cohortId}`).textContent()).toMatch(/已审批 \d+ 笔/);
    await shot(page, 'staff-desktop');

    await cohort.getByRole('link', { name: '2019级云贵班' }).click();
    await page.waitForURL(`${base}/staff/cohorts/${world.cohortId}`);
    await page.getByLabel('状态').selectOption('ENROLLED');
    await page.getByRole('button', { name: '筛选' }).click();
    expect(page.url()).toContain('status=ENROLLED');
    // The student confirmed for an internship above is INTERNING now: one ENROLLED student is left.
    expect(await page.locator('#students tbody tr').count()).toBe(1);
    await shot(page, 'staff-cohort-desktop');

    await page.getByLabel('协议类型').selectOption('TRIPARTITE');
    await page.getByRole('button', { name: '生成协议' }).click();
    await page.waitForURL(/\/staff\/jobs\/\d+$/);
    // The page refreshes itself (meta refresh, no script) until the job is done.
    await page.locator('#job-status', { hasText: '已完成' }).waitFor({ timeout: 20_000 });
    expect(await page.locator('#job-progress').textContent()).toBe('已完成 3 / 3');
    await shot(page, 'staff-agreements-job');

    await page.goto(`${base}/staff/cohorts/${world.cohortId}/report`);
    expect(await page.locator('svg.chart').count()).toBe(5);
    await shot(page, 'staff-report-desktop');
    await page.setViewportSize(PHONE);
    await shot(page, 'staff-report-360');
    await context.close();
  });
});
