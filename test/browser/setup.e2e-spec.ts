import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { creditCode } from '../factories/ids';
import { buildPageWorld, PageWorld, PASSWORD } from '../utils/page-world';
import { createTestApp, TestApp } from '../utils/test-app';
import { launchChromium } from './chromium';

const SCREENSHOTS = resolve('test-output/screenshots');
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 860 };

/** Setting up a class and finding a student, as staff do it: JavaScript off, at desktop and phone widths. */
describe('Staff setup and search in a real browser (e2e)', () => {
  let t: TestApp;
  let world: PageWorld;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    t = await createTestApp();
    world = await buildPageWorld(t);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const staffPage = async (viewport: { width: number; height: number }): Promise<Page> => {
    const context = await browser.newContext({ viewport, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill(world.users.staff);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}/staff`);
    return page;
  };
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  it('sets up a programme, a cohort, a major, an enterprise and its quota from the header link', async () => {
    const page = await staffPage(DESKTOP);
    await page.getByRole('link', { name: '基础设置' }).click();
    await page.waitForURL(`${base}/staff/setup`);

    const program = page.locator('#new-program');
    await program.getByLabel('代码').fill('YG2019');
    await program.getByLabel('名称').fill('2019 云贵班项目');
    await program.getByLabel('教育资助金（元/学年）').fill('4500');
    await program.getByLabel('资助县').fill('织金县、纳雍县');
    await program.getByRole('button', { name: '建立' }).click();
    expect(page.url()).toMatch(/\/staff\/setup#program-\d+$/);
    expect(await page.locator('tr:has-text("2019 云贵班项目")').textContent()).toContain('¥4,500.00');

    const cohort = page.locator('#new-cohort');
    await cohort.getByLabel('资助项目').selectOption({ label: '2019 云贵班项目' });
    await cohort.getByLabel('班级名称').fill('2019级云贵班（二）');
    await cohort.getByLabel('入学年份').fill('2019');
    await cohort.getByLabel('开学日期').fill('2019-09-01');
    await cohort.getByRole('button', { name: '建立' }).click();
    await page.waitForURL(/\/staff\/setup\/cohorts\/\d+#majors$/);
    expect(await page.locator('h1').textContent()).toBe('2019级云贵班（二）：专业与名额');

    const major = page.locator('#new-major');
    await major.getByLabel('专业代码').fill('M01');
    await major.getByLabel('专业名称').fill('数控技术');
    await major.getByLabel('承办学校').fill('长兴县职业技术教育中心');
    await major.getByLabel('名额').fill('40');
    await major.getByRole('button', { name: '建立' }).click();
    expect(page.url()).toMatch(/#major-M01$/);
    const cohortPage = page.url().replace(/#.*/, '');

    await page.getByRole('link', { name: '返回基础设置' }).click();
    const enterprise = page.locator('#new-enterprise');
    const good = creditCode(880001);
    await enterprise.getByLabel('企业名称').fill('长兴新材料有限公司');
    await enterprise.getByLabel('统一社会信用代码').fill(good.slice(0, 17) + (good[17] === '0' ? '1' : '0'));
    await enterprise.getByLabel('联系人').fill('陈经理');
    await enterprise.getByLabel('联系电话').fill('0572-6012345');
    await enterprise.getByRole('button', { name: '建立' }).click();
    // Refused next to the field, in Chinese, with everything typed still there, the browser kept at the form.
    expect(page.url()).toBe(`${base}/staff/setup/enterprises#new-enterprise`);
    expect(await page.locator('#enterprise-code-error').textContent()).toBe('校验位不符，请逐位核对');
    expect(await page.locator('#enterprise-name').inputValue()).toBe('长兴新材料有限公司');
    await shot(page, 'setup-refused-1280');
    await page.locator('#enterprise-code').fill(good);
    await page.locator('#new-enterprise').getByRole('button', { name: '建立' }).click();
    expect(await page.locator('p.ok').textContent()).toBe('企业已登记。');

    await page.goto(cohortPage);
    const quota = page.locator('#new-quota');
    await quota.getByLabel('企业').selectOption({ label: '长兴新材料有限公司' });
    await quota.getByLabel('专业').selectOption('M01');
    await quota.getByLabel('名额').fill('12');
    await quota.getByRole('button', { name: '建立' }).click();
    expect(await page.locator('tr:has-text("长兴新材料有限公司")').textContent()).toContain('12');
    await shot(page, 'setup-cohort-1280');
    await page.goto(`${base}/staff/setup`);
    await shot(page, 'setup-1280');
    await page.context().close();
  }, 60_000);

  it('finds a student from the header box on a phone, and the setup page fits 360 px', async () => {
    const page = await staffPage(PHONE);
    await page.getByRole('searchbox', { name: '姓名、电话或身份证号（可输尾号）' }).first().fill('张小梅');
    await page.getByRole('searchbox').first().press('Enter');
    await page.waitForURL(/\/staff\/search\?q=/);
    expect(await page.locator('tbody tr').count()).toBe(1);
    expect(await page.locator('tbody a').getAttribute('href')).toBe(`/staff/students/${world.studentA.id}`);
    expect(await page.locator('tbody tr').textContent()).toContain('休学');
    await shot(page, 'search-360');
    await page.goto(`${base}/staff/setup`);
    for (const selector of ['header', '#new-program', '#new-cohort', '#new-enterprise'])
      expect((await page.locator(selector).boundingBox())!.width).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'setup-360');
    await page.context().close();
  }, 60_000);
});
