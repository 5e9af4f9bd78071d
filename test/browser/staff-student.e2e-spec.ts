import { DisbursementLineEntity } from '../../src/disbursements/disbursement-line.entity';
import { BrowserWorld, DESKTOP, PHONE, screenshot as shot, signedInPage, startBrowserWorld, stopBrowserWorld } from './browser-world';

describe('The staff view of one student in a real browser, JavaScript off (e2e)', () => {
  let w: BrowserWorld;

  beforeAll(async () => {
    w = await startBrowserWorld();
  }, 90_000);
  afterAll(() => stopBrowserWorld(w));

  it('from the cohort list to the student; fits 360 px; a refused payment keeps what was typed, then it is paid', async () => {
    const { t, world, base } = w;
    const page = await signedInPage(w, PHONE);
    await page.goto(`${base}/staff/cohorts/${world.cohortId}`);
    await page.getByRole('link', { name: '李四' }).click();
    await page.waitForURL(`${base}/staff/students/${world.studentB.id}`);
    // Nothing but the tables' own boxes may be wider than the phone.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    for (const selector of ['#record', 'header', '#status-WITHDRAWN', '#history ~ .table-wrap'])
      expect((await page.locator(selector).first().boundingBox())!.width).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'staff-student-360');

    const [line] = await t.dataSource
      .getRepository(DisbursementLineEntity)
      .find({ where: { studentId: world.studentB.id }, order: { id: 'ASC' } });
    await page.locator(`#line-${line.id}`).getByRole('button', { name: '审批' }).click();
    await page.waitForURL(`${base}/staff/students/${world.studentB.id}#schedule`);
    expect(await page.locator('main').textContent()).toContain('已审批该笔款项。');

    const pay = page.locator(`#line-${line.id}`);
    await pay.getByLabel('银行流水号').fill('ICBC 7788');
    await pay.getByLabel('发放日期').fill('2099-01-01');
    await pay.getByRole('button', { name: /记录已发放/ }).click();
    expect(page.url()).toContain(`#line-${line.id}`);
    expect(await pay.locator('.bad').textContent()).toMatch(/[\u4e00-\u9fff]/);
    expect(await pay.getByLabel('银行流水号').inputValue()).toBe('ICBC 7788');
    await shot(page, 'staff-student-refused-360');

    await pay.getByLabel('发放日期').fill('2019-09-05');
    await pay.getByRole('button', { name: /记录已发放/ }).click();
    await page.waitForURL(`${base}/staff/students/${world.studentB.id}#schedule`);
    expect(await page.locator('#lines').textContent()).toContain('流水号 ICBC 7788');
    await page.context().close();
  });

  it('withdraws a student with a reason at 1280 px, and the history says it in words', async () => {
    const { world, base } = w;
    const page = await signedInPage(w, DESKTOP);
    await page.goto(`${base}/staff/students/${world.studentA.id}`);
    const form = page.locator('#status-WITHDRAWN');
    await form.getByLabel('生效日期').fill('2020-06-30');
    await form.getByLabel('原因（可选）').fill('家庭原因');
    await form.getByRole('button', { name: '退学' }).click();
    await page.waitForURL(`${base}/staff/students/${world.studentA.id}#status`);
    expect(await page.locator('#status-now').textContent()).toContain('已退学');
    expect(await page.locator('#history-list').textContent()).toContain('状态：休学 → 已退学（生效 2020-06-30），原因：家庭原因');
    await shot(page, 'staff-student-desktop');
    await page.context().close();
  });
});
