import { CohortEntity } from '../src/programs/cohort.entity';
import { PaymentBatchEntity } from '../src/payment-batches/payment-batch.entity';
import { PaymentBatchesService } from '../src/payment-batches/payment-batches.service';
import { LINE_RESULTS } from '../src/payment-batches/rules/batch-status';
import { GENERIC_LAYOUT } from '../src/payment-batches/rules/bank-file';
import { saveCohortWithMajors, saveEnterprise } from './factories/reference-data';
import { csv } from './factories/spreadsheets';
import { saveStudent } from './factories/students';
import { binary } from './utils/binary';
import { PageClient } from './utils/page-client';
import { bearer, createTestApp, fixClock, loginAdmin, TestApp } from './utils/test-app';

const PAGE_LIMIT = 100 * 1024;
const PASSWORD = 'a-long-test-password';
const COHORT_NAME = '2019级云贵班（代发）';
const RETURN_HEADER = ['户名', '账号', '金额', '状态', '失败原因', '流水号'];
/** Words of the API's English messages (payment batches, return files, refusals) that no Chinese page text holds. */
const ENGLISH = /\b(must|matches|line \d+|payment batch|bank account|required|nothing was|never downloaded|problems?|already)\b/i;
/** What a reader sees of a page: its text without tags, styles and attributes. */
const visible = (html: string): string => html.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ');

type BatchLine = { lineId: number; studentId: number; result: string | null; failureReason: string | null };

describe('Staff payment batch pages: preview, make, bank file, return file (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let staff: PageClient;
  let cohortId: number;
  const students = {} as Record<'li' | 'wang' | 'zhao', number>;
  const accounts = {} as Record<'li' | 'wang', string>;
  let batchId: number;

  beforeAll(async () => {
    // A second layout, so the download form offers the choice: a bank that wants the amount in fen, in GBK.
    const fen = { name: 'abc-zhijin', totalRow: false, csvEncoding: 'gb18030' as const };
    const columns = [
      { header: '收款人账号', field: 'accountNumber' as const },
      { header: '收款人名称', field: 'accountName' as const },
      { header: '金额（分）', field: 'amountFen' as const },
    ];
    t = await createTestApp({ bankFileLayouts: [GENERIC_LAYOUT, { ...fen, columns }] });
    // 10:00 on 2 March 2020 in Asia/Shanghai.
    fixClock(t, '2020-03-02T02:00:00Z');
    admin = await loginAdmin(t);
    const api = () => t.http();
    const enterprise = await saveEnterprise(t.dataSource);
    const account = (username: string, role: string, binding: object = {}) =>
      api()
        .post('/api/users')
        .set(bearer(admin))
        .send({ username, password: PASSWORD, role, ...binding })
        .expect(201);
    cohortId = (await saveCohortWithMajors(t.dataSource)).cohort.id;
    await t.dataSource.getRepository(CohortEntity).update({ id: cohortId }, { name: COHORT_NAME });
    /** Enrolled on 1 September 2019: year 1's education fund and living allowance, 5,000 yuan each, fall due that day. */
    const enrolled = async (fullName: string) => {
      const student = await saveStudent(t.dataSource, cohortId, {
        fullName,
        applicationDate: '2019-04-01',
        status: 'ADMITTED',
        majorCode: 'M01',
        intendedEnterpriseId: enterprise.id,
        statusEffectiveDate: '2019-07-15',
      });
      await api()
        .post(`/api/students/${student.id}/status`)
        .set(bearer(admin))
        .send({ status: 'ENROLLED', effectiveDate: '2019-09-01' })
        .expect(200);
      return student.id;
    };
    students.li = await enrolled('李明');
    students.wang = await enrolled('王芳');
    students.zhao = await enrolled('赵强');
    for (const [key, name, accountNumber] of [
      ['li', '李明', '6228480000000000017'],
      ['wang', '王芳', '6228480000000000025'],
    ] as const) {
      await api()
        .put(`/api/students/${students[key]}/bank-account`)
        .set(bearer(admin))
        .send({ bankName: '中国农业银行织金县支行', accountName: name, accountNumber })
        .expect(200);
      accounts[key] = accountNumber;
    }
    await api()
      .post(`/api/cohorts/${cohortId}/disbursements/approve-due`)
      .set(bearer(admin))
      .send({ dueOnOrBefore: '2019-09-30' })
      .expect(200);

    await account('batch-staff', 'staff');
    staff = new PageClient(t);
    expect((await staff.signIn('batch-staff', PASSWORD)).status).toBe(303);
  }, 60_000);
  afterAll(() => t.close());

  const batchCount = () => t.dataSource.getRepository(PaymentBatchEntity).count();
  const apiBatch = async (id: number) => (await t.http().get(`/api/payment-batches/${id}`).set(bearer(admin)).expect(200)).body;
  const upload = (id: number, file: Buffer, filename = 'result.csv') =>
    staff.agent.post(`/staff/payment-batches/${id}/return-file?_csrf=${encodeURIComponent(staff.csrf)}`).attach('file', file, filename);
  /** Every window the batch page may ask for holds the lines the whole list has there; answers the counts by result. */
  const windowsOfWhole = async (id: number) => {
    const batches = t.app.get(PaymentBatchesService);
    const whole = (await batches.get(id)).lines;
    const resultOf = (line: { result: string | null }) => line.result ?? 'PENDING';
    for (const result of [null, ...LINE_RESULTS]) {
      const chosen = whole.filter((line) => result === null || resultOf(line) === result);
      for (const [skip, take] of [
        [0, 100],
        [1, 2],
        [3, 5],
        [9, 1],
      ]) {
        expect((await batches.getWindow(id, { result, skip, take })).lines).toEqual(chosen.slice(skip, skip + take));
      }
    }
    const { counts } = await batches.getWindow(id, { result: null, skip: 0, take: 1 });
    expect(counts).toEqual(Object.fromEntries(LINE_RESULTS.map((r) => [r, whole.filter((line) => resultOf(line) === r).length])));
    return counts;
  };
  const expectChinese = (html: string) => {
    expect(visible(html)).not.toMatch(ENGLISH);
    expect(html).not.toMatch(/apiError\.|batch\.\w|batchStatus\.|transfer\.[A-Z]/);
    expect(html.length).toBeLessThan(PAGE_LIMIT);
  };

  it('links the batches from the staff header and offers the form with today’s business date', async () => {
    const home = await staff.get('/staff');
    expect(home.text).toContain('<a href="/staff/payment-batches">代发批次</a>');
    const list = await staff.get('/staff/payment-batches');
    expect(list.status).toBe(200);
    expect(list.text).toContain('暂无代发批次。');
    expect(list.text).toContain(`<option value="${cohortId}">${COHORT_NAME}</option>`);
    expect(list.text).toContain('<option value="">全部班级</option>');
    expect(list.text).toContain('<option value="LIVING_ALLOWANCE">生活补助</option>');
    expect(list.text).toContain('value="2020-03-02"');
    expectChinese(list.text);
  });

  it('previews the lines, their total and the student left out by name, writing nothing', async () => {
    const res = await staff.get(`/staff/payment-batches/preview?cohortId=${cohortId}&dueOnOrBefore=2019-09-30&kind=`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`${COHORT_NAME} · 全部类别 · 截至 2019-09-30 到期`);
    expect(res.text).toContain('将纳入 4 笔，合计 <strong>¥20,000.00</strong>');
    const lines = res.text.split('id="preview-lines"')[1].split('</table>')[0];
    expect(lines).toContain(
      `<a href="/staff/students/${students.li}">李明</a></td><td>教育资助金</td><td>2019-09-01</td><td class="num">¥5,000.00</td>`,
    );
    expect(lines).toContain('6228 **** **** 0025');
    expect(lines).not.toContain('赵强');
    const skipped = res.text.split('id="skipped-students"')[1].split('</table>')[0];
    expect(skipped).toContain(`<a href="/staff/students/${students.zhao}">赵强</a></td><td class="num">2</td>`);
    expect(skipped).toContain('没有银行账户：请在学生页面录入后再建批次');
    expect(skipped).toContain(`href="/staff/students/${students.zhao}#bank-account"`);
    expect(res.text).not.toContain(accounts.li);
    expectChinese(res.text);
    expect(await batchCount()).toBe(0);

    const bad = await staff.get('/staff/payment-batches/preview?dueOnOrBefore=2019-02-30');
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/id="nb-due-error">[^<]*日期/);
    expectChinese(bad.text);
  });

  it('makes the batch on confirm and refuses the same form sent again with the reason in Chinese', async () => {
    await staff.get(`/staff/payment-batches/preview?cohortId=${cohortId}&dueOnOrBefore=2019-09-30`);
    const form = { cohortId: String(cohortId), dueOnOrBefore: '2019-09-30', expectLines: '4', expectFen: '2000000' };
    const made = await staff.post('/staff/payment-batches', form);
    expect(made.status).toBe(303);
    batchId = Number(/^\/staff\/payment-batches\/(\d+)$/.exec(made.headers.location)![1]);
    expect(await batchCount()).toBe(1);
    const page = await staff.get(made.headers.location);
    expect(page.text).toContain(`已生成第 ${batchId} 批：4 笔，合计 ¥20,000.00。另有 2 笔因学生没有银行账户未纳入。`);
    expect(page.text).not.toContain('与预览不同');

    const twice = await staff.post('/staff/payment-batches', form);
    expect(twice.status).toBe(409);
    expect(twice.text).toContain('截至 2019-09-30 到期的已审批项目款项中没有可代发的；另有 2 笔因学生没有银行账户不能代发。');
    expect(twice.text).not.toContain('id="confirm-batch"');
    expectChinese(twice.text);
    expect(await batchCount()).toBe(1);
  });

  it('shows the batch with its lines by name, masked accounts and no result yet, and refuses a payment by hand', async () => {
    const res = await staff.get(`/staff/payment-batches/${batchId}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`<h1>第 ${batchId} 批 · 待导出</h1>`);
    expect(res.text).toContain(`<dd>${COHORT_NAME}</dd>`);
    expect(res.text).toContain('<dd>2020-03-02 10:00（batch-staff）</dd>');
    expect(res.text).toContain('成功 0 笔 · 失败 0 笔 · 待回单 4 笔');
    expect(res.text).toContain(`<tr id="line-1"><td class="num">1</td><td><a href="/staff/students/${students.li}">李明</a></td>`);
    expect(res.text).toContain('6228 **** **** 0017');
    expect(res.text).toContain('<td>待回单</td>');
    expect(res.text).toContain('请先下载银行代发文件交银行处理');
    expect(res.text).not.toContain('id="upload-form"');
    for (const whole of Object.values(accounts)) expect(res.text).not.toContain(whole);
    expectChinese(res.text);
    expect(await windowsOfWhole(batchId)).toEqual({ PAID: 0, FAILED: 0, PENDING: 4 });

    const list = await staff.get('/staff/payment-batches');
    const row = list.text.split(`id="batch-${batchId}"`)[1].split('</tr>')[0];
    expect(row).toContain(
      `<a href="/staff/payment-batches/${batchId}">第 ${batchId} 批</a></td><td>待导出</td><td class="wrap">${COHORT_NAME}</td><td>全部类别</td><td>2019-09-30</td><td class="num">4</td><td class="num">¥20,000.00</td><td>2020-03-02 10:00</td>`,
    );
    expectChinese(list.text);

    // The bank has not seen the file yet: an upload is refused, and a line cannot be paid on its own.
    const early = await upload(batchId, csv(RETURN_HEADER, [['李明', accounts.li, '5000.00', '成功', '', 'B001']]));
    expect(early.status).toBe(409);
    expect(early.text).toContain('该批次的银行代发文件还没有下载过');
    expectChinese(early.text);
    const held = ((await apiBatch(batchId)).lines as BatchLine[])[0].lineId;
    // The student page offers no payment form for it, and links the batch holding it instead.
    const studentPage = await staff.get(`/staff/students/${students.li}`);
    expect(studentPage.text).not.toContain(`action="/staff/students/${students.li}/lines/${held}/pay`);
    expect(studentPage.text).toContain(`<a href="/staff/payment-batches/${batchId}">在第 ${batchId} 批代发中，等待银行回单</a>`);
    const byHand = await staff.post(`/staff/students/${students.li}/lines/${held}/pay`, {
      reference: 'ICBC 1',
      paidOn: '2020-03-01',
      idempotencyKey: 'batch-page-by-hand',
    });
    expect(byHand.status).toBe(409);
    expect(byHand.text).toContain(`该款项在第 ${batchId} 批代发中，正在等待银行回单`);
    expect(visible(byHand.text)).not.toMatch(/waiting for the bank/);
  });

  it('downloads the same bank file as the API, as an attachment no cache keeps, and marks the batch exported', async () => {
    await staff.get(`/staff/payment-batches/${batchId}`);
    const res = await staff.post(`/staff/payment-batches/${batchId}/bank-file`, { format: 'csv' }).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/^attachment; /);
    expect(res.headers['cache-control']).toBe('no-store');
    const fromApi = await t
      .http()
      .get(`/api/payment-batches/${batchId}/bank-file?format=csv`)
      .set(bearer(admin))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(Buffer.compare(res.body as Buffer, fromApi.body as Buffer)).toBe(0);
    expect((res.body as Buffer).toString('utf8')).toContain(accounts.wang);

    const page = await staff.get(`/staff/payment-batches/${batchId}`);
    expect(page.text).toContain(`<h1>第 ${batchId} 批 · 已导出</h1>`);
    expect(page.text).toMatch(/<dt>导出时间<\/dt><dd>2020-03-02 10:00（admin）<\/dd>/);
    expect(page.text).toContain('id="upload-form"');

    expect(page.text).toContain('<option value="generic" selected>通用格式</option><option value="abc-zhijin">abc-zhijin</option>');
    const gbk = await staff
      .post(`/staff/payment-batches/${batchId}/bank-file`, { format: 'csv', layout: 'abc-zhijin' })
      .buffer(true)
      .parse(binary);
    expect(gbk.headers['content-type']).toContain('charset=gb18030');

    const refused = await staff.post(`/staff/payment-batches/${batchId}/bank-file`, { format: 'pdf', layout: 'icbc' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('id="download-error"');
    expect(refused.text).toContain('<option value="csv">CSV</option>');
    expectChinese(refused.text);
    const unknown = await staff.post(`/staff/payment-batches/${batchId}/bank-file`, { format: 'csv', layout: 'icbc' });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toMatch(/id="download-error">请检查填写的内容。银行格式：/);
    expectChinese(unknown.text);
  });

  it('shows every problem of a bad return file by row and column in Chinese, and applies nothing', async () => {
    await staff.get(`/staff/payment-batches/${batchId}`);
    const problemsOf = (html: string) => html.split('id="return-problems"')[1].split('</table>')[0];
    const unreadable = await upload(
      batchId,
      csv(RETURN_HEADER, [
        ['李明', accounts.li, '5000.00', '成功', '', 'B001'],
        ['李明', accounts.li, '5000.00', '成功', '', ''],
        ['王芳', accounts.wang, '5千', '成功', '', 'B3'],
      ]),
    );
    expect(unreadable.status).toBe(422);
    expect(unreadable.text).toContain('回单有 2 处问题，未作任何入账。请改正后重新上传整份文件。');
    expect(problemsOf(unreadable.text)).toContain('<tr><td class="num">3</td><td>流水号</td><td class="wrap">转账成功的行必须有流水号');
    expect(problemsOf(unreadable.text)).toContain(
      '<tr><td class="num">4</td><td>金额</td><td class="wrap">应为以元为单位、最多两位小数的金额（文件中为“5千”）',
    );
    expectChinese(unreadable.text);

    const unmatched = await upload(
      batchId,
      csv(RETURN_HEADER, [
        ['李明', accounts.li, '5000.00', '成功', '', 'B001'],
        ['某人', '6228480000000999999', '5000.00', '成功', '', 'B8'],
      ]),
    );
    expect(unmatched.status).toBe(422);
    expect(unmatched.text).toContain('回单有 1 处问题，未作任何入账。');
    expect(problemsOf(unmatched.text)).toContain('<tr><td class="num">3</td><td>整行</td><td class="wrap">与本批次任何一笔都对不上');
    expectChinese(unmatched.text);
    expect(unmatched.text).toContain('成功 0 笔 · 失败 0 笔 · 待回单 4 笔');
    expect(((await apiBatch(batchId)).lines as BatchLine[]).every((l) => l.result === null)).toBe(true);

    const noFile = await staff.agent
      .post(`/staff/payment-batches/${batchId}/return-file?_csrf=${encodeURIComponent(staff.csrf)}`)
      .field('note', 'x');
    expect(noFile.status).toBe(400);
    expect(noFile.text).toContain('<div class="field-error" id="return-file-error">必填</div>');
    expectChinese(noFile.text);
  });

  it('applies a good return file: the counts, 已对账, and each line’s result with the bank’s reason', async () => {
    await staff.get(`/staff/payment-batches/${batchId}`);
    const res = await upload(
      batchId,
      csv(RETURN_HEADER, [
        ['李明', accounts.li, '5,000.00', '成功', '', 'B001'],
        ['李明', accounts.li, '5000', '成功', '', 'B002'],
        ['王芳', accounts.wang, '5000.00', '成功', '', 'B003'],
        ['王芳', accounts.wang, '5000.00', '失败', '账户已冻结', ''],
      ]),
    );
    expect(res.status).toBe(200);
    expect(res.text).toContain('回单已入账：成功 3 笔，失败 1 笔，此前已入账 0 笔。批次状态：已对账。');
    expect(res.text).toContain(`<h1>第 ${batchId} 批 · 已对账</h1>`);
    expect(res.text).toContain('<td>失败：账户已冻结</td><td></td>');
    expect(res.text).toContain('<td>成功</td><td>B001</td>');
    expectChinese(res.text);
    expect(((await apiBatch(batchId)) as { status: string }).status).toBe('RECONCILED');

    const english = await staff.get(`/staff/payment-batches/${batchId}?lang=en`);
    expect(english.text).toContain(`<h1>Batch ${batchId} · Reconciled</h1>`);
    expect(english.text).toContain('3 paid · 1 failed · 0 awaiting the bank');
    expect(english.text).not.toMatch(/apiError\.|batch\.\w|batchStatus\.|transfer\.[A-Z]|待回单|银行代发|回单文件/);
    await staff.get('/staff/payment-batches?lang=zh');

    const failedOnly = await staff.get(`/staff/payment-batches/${batchId}?result=FAILED`);
    expect(failedOnly.text.split('id="batch-lines"')[1].match(/<tr id="line-/g)).toHaveLength(1);
    const list = await staff.get('/staff/payment-batches?status=RECONCILED');
    expect(list.text.split(`id="batch-${batchId}"`)[1].split('</tr>')[0]).toMatch(
      /<td>已对账<\/td>[\s\S]*<td>2020-03-02 10:00<\/td><td>2020-03-02 10:00<\/td><td>2020-03-02 10:00<\/td>$/,
    );
  });

  it('reads windows of a reconciled batch’s lines as the whole list has them, and counts them by result', async () => {
    expect(await windowsOfWhole(batchId)).toEqual({ PAID: 3, FAILED: 1, PENDING: 0 });
  });

  it('points out a batch that differs from its preview, when a line was paid by hand meanwhile', async () => {
    const other = (await saveCohortWithMajors(t.dataSource)).cohort.id;
    const student = await saveStudent(t.dataSource, other, {
      fullName: '孙丽',
      applicationDate: '2019-04-01',
      status: 'ADMITTED',
      majorCode: 'M01',
      statusEffectiveDate: '2019-07-15',
    });
    await t
      .http()
      .post(`/api/students/${student.id}/status`)
      .set(bearer(admin))
      .send({ status: 'ENROLLED', effectiveDate: '2019-09-01' })
      .expect(200);
    await t
      .http()
      .put(`/api/students/${student.id}/bank-account`)
      .set(bearer(admin))
      .send({ bankName: '中国农业银行织金县支行', accountName: '孙丽', accountNumber: '6228480000000000033' })
      .expect(200);
    await t
      .http()
      .post(`/api/cohorts/${other}/disbursements/approve-due`)
      .set(bearer(admin))
      .send({ dueOnOrBefore: '2019-09-30' })
      .expect(200);

    const preview = await staff.get(`/staff/payment-batches/preview?cohortId=${other}&dueOnOrBefore=2019-09-30&kind=LIVING_ALLOWANCE`);
    expect(preview.text).toContain('生活补助 · 截至 2019-09-30 到期');
    expect(preview.text).toContain('将纳入 1 笔，合计 <strong>¥5,000.00</strong>');
    const everyKind = await staff.get(`/staff/payment-batches/preview?cohortId=${other}&dueOnOrBefore=2019-09-30`);
    expect(everyKind.text).toContain('将纳入 2 笔，合计 <strong>¥10,000.00</strong>');
    expect(everyKind.text).toContain('<input type="hidden" name="expectLines" value="2">');
    const lines = (await t.http().get(`/api/students/${student.id}/disbursements`).set(bearer(admin)).expect(200)).body.items as {
      id: number;
      kind: string;
      status: string;
    }[];
    const allowance = lines.find((l) => l.kind === 'LIVING_ALLOWANCE' && l.status === 'APPROVED')!;
    await t
      .http()
      .post(`/api/disbursements/${allowance.id}/pay`)
      .set(bearer(admin))
      .set('Idempotency-Key', 'paid-by-hand-meanwhile')
      .send({ paidAt: '2020-03-01T02:00:00Z', reference: 'ICBC 7' })
      .expect(200);

    const refused = await staff.post('/staff/payment-batches', {
      cohortId: String(other),
      dueOnOrBefore: '2019-09-30',
      kind: 'LIVING_ALLOWANCE',
      expectLines: '1',
      expectFen: '500000',
    });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('截至 2019-09-30 到期的已审批项目款项中没有可代发的：它们已在其他代发批次中、已发放，或尚未审批。');
    expect(refused.text).toContain('没有可代发的款项');
    expectChinese(refused.text);

    const made = await staff.post('/staff/payment-batches', {
      cohortId: String(other),
      dueOnOrBefore: '2019-09-30',
      expectLines: '2',
      expectFen: '1000000',
    });
    expect(made.status).toBe(303);
    const page = await staff.get(made.headers.location);
    expect(page.text).toContain('：1 笔，合计 ¥5,000.00。注意：与预览不同（预览为 2 笔，合计 ¥10,000.00），期间款项有变动，请核对。');
  });

  it('refuses enterprise and student accounts', async () => {
    const enterpriseId = (await saveEnterprise(t.dataSource)).id;
    for (const [username, binding] of [
      ['batch-hr', { role: 'enterprise', enterpriseId }],
      ['batch-student', { role: 'student', studentId: students.wang }],
    ] as const) {
      await t
        .http()
        .post('/api/users')
        .set(bearer(admin))
        .send({ username, password: PASSWORD, ...binding })
        .expect(201);
      const client = new PageClient(t);
      expect((await client.signIn(username, PASSWORD)).status).toBe(303);
      await client.get('/password');
      expect((await client.get('/staff/payment-batches')).status).toBe(403);
      expect((await client.get(`/staff/payment-batches/${batchId}`)).status).toBe(403);
      expect((await client.post('/staff/payment-batches', { cohortId: String(cohortId), dueOnOrBefore: '2019-09-30' })).status).toBe(403);
      expect((await client.post(`/staff/payment-batches/${batchId}/bank-file`, { format: 'csv' })).status).toBe(403);
    }
  });
});
