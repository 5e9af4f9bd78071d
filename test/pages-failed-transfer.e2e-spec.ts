import { DisbursementLineEntity } from '../src/disbursements/disbursement-line.entity';
import { PageClient } from './utils/page-client';
import { buildPageWorld, PageWorld, PASSWORD } from './utils/page-world';
import { bearer, createTestApp, loginAdmin, TestApp } from './utils/test-app';

const REASON = '账户已冻结';

describe('A transfer the bank sent back, on the student pages (e2e)', () => {
  let t: TestApp;
  let world: PageWorld;
  let admin: string;
  let allowance: { id: number };
  let fund: { id: number };

  /** As the bank's return file leaves a line: approved again, the bank's reason beside it. */
  const bankRefused = (lineId: number, reason: string | null) =>
    t.dataSource.getRepository(DisbursementLineEntity).update(
      { id: lineId },
      {
        status: 'APPROVED',
        statusCause: 'BANK_FAILURE',
        statusReason: reason,
        statusEffectiveDate: '2019-09-05',
        statusChangedAt: '2019-09-05T02:00:00.000Z',
      },
    );

  beforeAll(async () => {
    t = await createTestApp();
    world = await buildPageWorld(t);
    admin = await loginAdmin(t);
    const schedule = (await t.http().get(`/api/students/${world.studentB.id}/disbursements`).set(bearer(admin)).expect(200)).body.items as {
      id: number;
      kind: string;
      studyYear: number;
    }[];
    allowance = schedule.find((l) => l.kind === 'LIVING_ALLOWANCE' && l.studyYear === 1)!;
    fund = schedule.find((l) => l.kind === 'EDUCATION_FUND' && l.studyYear === 2)!;
    await bankRefused(allowance.id, REASON);
    await bankRefused(fund.id, null);
  }, 60_000);
  afterAll(() => t.close());

  const signedIn = async (username: string): Promise<PageClient> => {
    const client = new PageClient(t);
    expect((await client.signIn(username, PASSWORD)).status).toBe(303);
    return client;
  };
  const scheduleOf = (html: string) => html.split('<tbody>')[1].split('</tbody>')[0];

  it('shows the student what did not arrive, the bank’s reason and what happens next, in Chinese', async () => {
    const res = await (await signedIn(world.users.studentB)).get(`/student/${world.studentB.id}`);
    expect(res.status).toBe(200);
    const card = res.text.split('id="failed-transfers"')[1].split('id="paid"')[0];
    expect(card).toContain('银行转账未成功');
    expect(card).toContain(`生活补助 ¥5,000.00（2019-09-01）：${REASON}`);
    expect(card).toContain('教育资助金 ¥5,000.00（2020-09-01）：银行未说明原因');
    expect(card).toContain('款项没有转入你的银行卡。学校会在下一批次重新转账；如需更换银行卡，请联系老师。');
    const schedule = scheduleOf(res.text);
    expect(schedule).toContain(`银行转账未成功 · ${REASON}`);
    expect(schedule).not.toContain(`已审批 · ${REASON}`);
  });

  it('says it in English with ?lang=en', async () => {
    const res = await (await signedIn(world.users.studentB)).get(`/student/${world.studentB.id}?lang=en`);
    expect(res.text).toContain(`Living allowance ¥5,000.00 (2019-09-01): ${REASON}`);
    expect(res.text).toContain('The school will send it again with the next batch');
  });

  it('shows nothing of it to another student, whose own page has no failed transfer and who cannot open this one', async () => {
    const client = await signedIn(world.users.studentA);
    const own = await client.get(`/student/${world.studentA.id}`);
    expect(own.status).toBe(200);
    expect(own.text).not.toContain('failed-transfers');
    expect(own.text).not.toContain('银行转账未成功');
    expect(own.text).not.toContain(REASON);
    const other = await client.get(`/student/${world.studentB.id}`);
    expect(other.status).toBe(404);
    expect(other.text).not.toContain(REASON);
  });

  it('shows staff the line as approved, its transfer failed and why', async () => {
    const res = await (await signedIn(world.users.staff)).get(`/staff/students/${world.studentB.id}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`已审批 · 银行转账未成功 · ${REASON}`);
  });

  it('no longer shows the failure once the line is paid', async () => {
    await t
      .http()
      .post(`/api/disbursements/${allowance.id}/pay`)
      .set(bearer(admin))
      .set('Idempotency-Key', 'paid-again')
      .send({ paidAt: '2019-09-20T08:00:00Z', reference: 'RETRY-1' })
      .expect(200);
    const res = await (await signedIn(world.users.studentB)).get(`/student/${world.studentB.id}`);
    expect(res.text).not.toContain(REASON);
    expect(res.text).toContain('教育资助金 ¥5,000.00（2020-09-01）：银行未说明原因');
  });
});
