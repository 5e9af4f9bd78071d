import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { buildPageWorld, PageWorld, PASSWORD } from '../utils/page-world';
import { createTestApp, fixClock, TestApp } from '../utils/test-app';
import { launchChromium } from './chromium';

const SCREENSHOTS = resolve('test-output/screenshots');
const SIZES = { 1280: { width: 1280, height: 860 }, 360: { width: 360, height: 740 } } as const;

describe('The enterprise pages in a real browser, JavaScript off (e2e)', () => {
  let t: TestApp;
  let world: PageWorld;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    t = await createTestApp();
    world = await buildPageWorld(t);
    fixClock(t, '2019-12-20T02:00:00Z');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const signedIn = async (username: string, width: keyof typeof SIZES): Promise<Page> => {
    const context = await browser.newContext({ viewport: SIZES[width], javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    return page;
  };
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  it('declines a placement with the reason missing, sees the refusal beside it, then ticks it and declines it', async () => {
    const page = await signedIn(world.users.hr, 360);
    await page.waitForURL(`${base}/enterprise`);
    await shot(page, 'enterprise-summary-360');
    await page.goto(`${base}/enterprise/placements`);
    const item = page.locator(`#placement-${world.studentC.placementId}`);
    await item.locator('summary').click();
    await item.getByRole('button', { name: '拒绝', exact: true }).click();
    // Re-rendered with 400: the same item, its forms open, the reason beside the field.
    expect(await page.locator(`#placement-${world.studentC.placementId} #reason-${world.studentC.placementId}-error`).textContent()).toBe(
      '必填',
    );
    await shot(page, 'enterprise-placements-refused-360');
    await page.locator(`#tick-${world.studentC.placementId}`).check();
    await page.locator('#bulk summary').click();
    await page.locator('#bulk-reason').fill('岗位已满');
    await page.getByRole('button', { name: '拒绝勾选项' }).click();
    await page.waitForURL(/\/enterprise\/placements#bulk$/);
    expect(await page.locator('#bulk').textContent()).toContain('已拒绝 1 项。');
    expect(await page.locator(`#placement-${world.studentC.placementId} .status`).textContent()).toBe('已拒绝');
    for (const box of await page.locator('.item, .filters, header').all())
      expect((await box.boundingBox())!.width).toBeLessThanOrEqual(SIZES[360].width);
    await shot(page, 'enterprise-placements-360');
  });

  it('pays two fares with one transfer on a desktop, and shows the later fares read-only', async () => {
    const page = await signedIn(world.users.hr, 1280);
    await page.waitForURL(`${base}/enterprise`);
    await shot(page, 'enterprise-summary-1280');
    await page.locator('#fares-due').click();
    await page.waitForURL(`${base}/enterprise/fares`);
    await shot(page, 'enterprise-fares-1280');
    const boxes = page.locator('input[name="lineIds"]');
    expect(await boxes.count()).toBe(3);
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByLabel('转账流水号').fill('BOC 2019-12');
    await page.getByRole('button', { name: '记录已支付' }).click();
    await page.waitForURL(`${base}/enterprise/fares#pay`);
    expect(await page.locator('#pay').textContent()).toContain('已记录 2 笔路费的支付。');
    expect(await page.locator('input[name="lineIds"]').count()).toBe(1);
    await page.getByRole('link', { name: '查看以后到期的路费' }).click();
    expect(await page.locator('input[name="lineIds"]').count()).toBe(0);
    expect(await page.locator('#fares tbody tr').count()).toBe(4);
    await shot(page, 'enterprise-fares-later-1280');
    await page.goto(`${base}/enterprise/students`);
    await shot(page, 'enterprise-students-1280');
  });

  it('the student sees the status, major and placement, and the password page asks twice', async () => {
    const page = await signedIn(world.users.studentA, 360);
    await page.waitForURL(`${base}/student/${world.studentA.id}`);
    expect(await page.locator('#status').textContent()).toBe('休学');
    expect(await page.locator('#major').textContent()).toContain('机械加工技术');
    await shot(page, 'student-status-360');
    await page.goto(`${base}/password`);
    await page.getByLabel('当前密码').fill(PASSWORD);
    await page.getByLabel('新密码（至少 10 个字符）').fill('a-new-long-password');
    await page.getByLabel('再次输入新密码').fill('a-different-one');
    await page.getByRole('button', { name: '保存新密码' }).click();
    expect(await page.locator('#confirmPassword-error').textContent()).toBe('两次输入的新密码不一致');
    await shot(page, 'password-mismatch-360');
  });
});
