import { StudentEntity } from '../../src/students/student.entity';
import { nationalId } from '../factories/ids';
import { BrowserWorld, DESKTOP, PHONE, screenshot as shot, signedInPage, startBrowserWorld, stopBrowserWorld } from './browser-world';

describe('The staff cohort page in a real browser, JavaScript off (e2e)', () => {
  let w: BrowserWorld;

  beforeAll(async () => {
    w = await startBrowserWorld();
  }, 90_000);
  afterAll(() => stopBrowserWorld(w));

  it('enters an applicant (a refusal keeps what was typed), then admits them by ticking the list; fits 360 px', async () => {
    const { t, world, base } = w;
    const page = await signedInPage(w, PHONE);
    await page.goto(`${base}/staff/cohorts/${world.cohortId}`);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'staff-cohort-360');

    await page.locator('#intake summary').click();
    const form = page.locator('#intake form');
    await form.getByLabel('姓名', { exact: true }).fill('周晓晴');
    await form.getByLabel('身份证号', { exact: true }).fill('520524200307011230');
    await form.getByLabel('手机号', { exact: true }).fill('13900005555');
    await form.getByLabel('户籍省', { exact: true }).fill('贵州省');
    await form.getByLabel('户籍县', { exact: true }).fill('织金县');
    await form.getByLabel('成绩', { exact: true }).fill('452.5');
    await form.getByLabel('第 1 志愿', { exact: true }).selectOption('M01');
    await form.getByRole('button', { name: '保存报名' }).click();
    expect(await page.locator('#in-nationalId-error').textContent()).toMatch(/^身份证号无效/);
    expect(await page.locator('#in-fullName').inputValue()).toBe('周晓晴');
    expect(await page.locator('#in-choice1').inputValue()).toBe('M01');
    await shot(page, 'staff-cohort-intake-refused-360');

    await page.locator('#in-nationalId').fill(nationalId(977));
    await page.locator('#intake form').getByRole('button', { name: '保存报名' }).click();
    expect(await page.locator('#intake-saved').textContent()).toBe('已录入报名学生：周晓晴');
    const student = await t.dataSource.getRepository(StudentEntity).findOneByOrFail({ cohortId: world.cohortId, fullName: '周晓晴' });

    await page.getByLabel('选择 周晓晴').check();
    await page.locator('#bulk-status').selectOption('ADMITTED');
    await page.getByRole('button', { name: '提交所选' }).click();
    expect(await page.locator('#moved-count').textContent()).toBe('已办理 1 人。');
    expect((await t.dataSource.getRepository(StudentEntity).findOneByOrFail({ id: student.id })).status).toBe('ADMITTED');
    await shot(page, 'staff-cohort-admitted-360');
    await page.context().close();
  });

  it('after a refused form, the language link opens the page the form was on, with its filter, in English', async () => {
    const { world, base } = w;
    const page = await signedInPage(w, DESKTOP);
    const cohortPage = `${base}/staff/cohorts/${world.cohortId}?q=%E6%9D%8E`;
    await page.goto(cohortPage);
    await page.locator('#intake summary').click();
    const form = page.locator('#intake form');
    for (const [label, value] of [
      ['姓名', '周晓晴'],
      ['身份证号', '520524200307011230'],
      ['手机号', '13900005555'],
      ['户籍省', '贵州省'],
      ['户籍县', '织金县'],
      ['成绩', '452.5'],
    ])
      await form.getByLabel(label, { exact: true }).fill(value);
    await form.getByRole('button', { name: '保存报名' }).click();
    expect(page.url()).toBe(`${base}/staff/cohorts/${world.cohortId}/students`);
    expect(await page.locator('#in-nationalId-error').textContent()).toMatch(/^身份证号无效/);
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(`${cohortPage}&lang=en`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.context().close();
  });

  it('shows the cohort page, the approval step and the placements at 1280 px', async () => {
    const { world, base } = w;
    const page = await signedInPage(w, DESKTOP);
    await page.goto(`${base}/staff/cohorts/${world.cohortId}`);
    await shot(page, 'staff-cohort-1280');
    await page.locator('#approve').getByLabel('到期日（含）').fill('2020-12-31');
    await page.getByRole('button', { name: '查看待审批明细' }).click();
    expect(await page.locator('#approve-total').textContent()).toMatch(/笔，合计 ¥/);
    await shot(page, 'staff-approve-due-1280');
    await page.goto(`${base}/staff/cohorts/${world.cohortId}/placements`);
    expect(await page.locator('#placements').textContent()).toContain(world.studentC.fullName);
    await shot(page, 'staff-cohort-placements-1280');
    await page.context().close();
  });
});
