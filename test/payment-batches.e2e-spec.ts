import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { BankFileLayout, GENERIC_LAYOUT } from '../src/payment-batches/rules/bank-file';
import { saveCohortWithMajors, saveEnterprise } from './factories/reference-data';
import { csv, xlsx } from './factories/spreadsheets';
import { saveStudent } from './factories/students';
import { binary } from './utils/binary';
import { bearer, createTestApp, fieldsOf, fixClock, loginAdmin, signInAs, TestApp } from './utils/test-app';

type Line = {
  id: number;
  kind: string;
  dueDate: string;
  amountFen: number;
  status: string;
  statusCause: string | null;
  statusReason: string | null;
  reference: string | null;
  paidAt: string | null;
};
type BatchLine = {
  lineId: number;
  sequence: number;
  studentId: number;
  studentName: string;
  accountName: string;
  accountNumberMasked: string;
  amountFen: number;
  kind: string;
  result: string | null;
  failureReason: string | null;
  bankReference: string | null;
};

const RETURN_HEADER = ['户名', '账号', '金额', '状态', '失败原因', '流水号'];
/** A bank whose upload page reads GBK, wants the amount in fen and no total row. */
const GBK_LAYOUT: BankFileLayout = {
  name: 'abc-zhijin',
  columns: [
    { header: '收款人账号', field: 'accountNumber' },
    { header: '收款人名称', field: 'accountName' },
    { header: '金额（分）', field: 'amountFen' },
  ],
  totalRow: false,
  csvEncoding: 'gb18030',
};

describe('Payment batches: the bank file out, the return file in (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let staff: string;
  let staffId: number;
  let enterpriseId: number;
  let accountSeq = 0;

  beforeAll(async () => {
    t = await createTestApp({ bankFileLayouts: [GENERIC_LAYOUT, GBK_LAYOUT] });
    fixClock(t, '2020-03-02T02:00:00Z');
    admin = await loginAdmin(t);
    staff = await signInAs(t, 'staff');
    staffId = (await t.http().get('/api/auth/me').set(bearer(staff)).expect(200)).body.id;
    enterpriseId = (await saveEnterprise(t.dataSource)).id;
  }, 30_000);
  afterAll(() => t.close());

  const cohort = async () => (await saveCohortWithMajors(t.dataSource)).cohort.id;
  /** Enrolled on 1 September 2019: year 1's education fund and living allowance (5,000 yuan each) are due that day. */
  const enrolled = async (cohortId: number, fullName: string): Promise<number> => {
    const student = await saveStudent(t.dataSource, cohortId, {
      fullName,
      applicationDate: '2019-04-01',
      status: 'ADMITTED',
      majorCode: 'M01',
      intendedEnterpriseId: enterpriseId,
      statusEffectiveDate: '2019-07-15',
    });
    await t
      .http()
      .post(`/api/students/${student.id}/status`)
      .set(bearer(staff))
      .send({ status: 'ENROLLED', effectiveDate: '2019-09-01' })
      .expect(200);
    return student.id;
  };
  /** A 19-digit card number of its own for each student. */
  const withAccount = async (studentId: number, accountName: string): Promise<string> => {
    const accountNumber = `622848${String(++accountSeq).padStart(13, '0')}`;
    await t
      .http()
      .put(`/api/students/${studentId}/bank-account`)
      .set(bearer(staff))
      .send({ bankName: '中国农业银行织金县支行', accountName, accountNumber })
      .expect(200);
    return accountNumber;
  };
  const approveDue = (cohortId: number) =>
    t
      .http()
      .post(`/api/cohorts/${cohortId}/disbursements/approve-due`)
      .set(bearer(staff))
      .send({ dueOnOrBefore: '2019-09-30' })
      .expect(200);
  const linesOf = async (studentId: number): Promise<Line[]> =>
    (await t.http().get(`/api/students/${studentId}/disbursements`).set(bearer(admin)).expect(200)).body.items;
  const createBatch = (body: Record<string, unknown>, token = staff) => t.http().post('/api/payment-batches').set(bearer(token)).send(body);
  const batchOf = async (id: number) => (await t.http().get(`/api/payment-batches/${id}`).set(bearer(staff)).expect(200)).body;
  const bankFile = (id: number, query = 'format=csv') =>
    t.http().get(`/api/payment-batches/${id}/bank-file?${query}`).set(bearer(staff)).buffer(true).parse(binary);
  const returnFile = (id: number, file: Buffer, filename = 'result.csv') =>
    t.http().post(`/api/payment-batches/${id}/return-file`).set(bearer(staff)).attach('file', file, filename);
  const auditOf = async (entityType: string, entityId: number) =>
    (await t.http().get(`/api/audit?entityType=${entityType}&entityId=${entityId}&pageSize=500`).set(bearer(admin)).expect(200)).body
      .items as Array<Record<string, any>>;
  const csvRows = (body: Buffer): string[][] => parse(body.subarray(3).toString('utf8'), { relax_column_count: true });

  /** A class of three, two with accounts: four approved lines of 5,000 yuan to pay, two to each account. */
  async function classReadyToPay() {
    const cohortId = await cohort();
    const li = await enrolled(cohortId, '李明');
    const wang = await enrolled(cohortId, '王芳');
    const zhao = await enrolled(cohortId, '赵强');
    const accounts = { [li]: await withAccount(li, '李明'), [wang]: await withAccount(wang, '王芳') };
    await approveDue(cohortId);
    return { cohortId, li, wang, zhao, accounts };
  }

  it('takes every approved line due with an account, skips those without one, and holds them from single payment', async () => {
    const { cohortId, li, wang, zhao, accounts } = await classReadyToPay();

    const created = await createBatch({ cohortId, dueOnOrBefore: '2019-09-30' }).expect(201);
    expect(created.body).toMatchObject({
      status: 'OPEN',
      lineCount: 4,
      totalFen: 4 * 500000,
      cohortId,
      dueOnOrBefore: '2019-09-30',
      kind: null,
    });
    const zhaoLines = (await linesOf(zhao)).filter((l) => l.status === 'APPROVED').map((l) => l.id);
    expect(created.body.skipped).toHaveLength(2);
    expect(created.body.skipped.map((s: { lineId: number }) => s.lineId).sort()).toEqual(zhaoLines.sort());
    expect(created.body.skipped[0]).toMatchObject({ studentId: zhao, reason: expect.stringContaining('no bank account') });

    const batch = await batchOf(created.body.id);
    expect(batch.lines.map((l: BatchLine) => [l.sequence, l.studentId, l.studentName, l.amountFen, l.result])).toEqual([
      [1, li, '李明', 500000, null],
      [2, li, '李明', 500000, null],
      [3, wang, '王芳', 500000, null],
      [4, wang, '王芳', 500000, null],
    ]);
    expect(batch.lines[0].accountNumberMasked).toBe(`6228 **** **** ${accounts[li].slice(-4)}`);
    expect(JSON.stringify(batch)).not.toContain(accounts[li]);

    const held = batch.lines[0].lineId;
    const single = await t
      .http()
      .post(`/api/disbursements/${held}/pay`)
      .set(bearer(staff))
      .set('Idempotency-Key', 'by-hand-1')
      .send({ paidAt: '2020-03-01T02:00:00Z', reference: 'ICBC 1' })
      .expect(409);
    expect(single.body.message).toContain(`payment batch ${created.body.id}`);

    // Nothing left to take but the lines without an account: 409 saying why, nothing saved.
    const again = await createBatch({ cohortId, dueOnOrBefore: '2019-09-30' }).expect(409);
    expect(again.body.skipped).toHaveLength(2);
    expect((await t.http().get(`/api/payment-batches?cohortId=${cohortId}`).set(bearer(staff)).expect(200)).body.total).toBe(1);

    const lineAudits = await auditOf('disbursement', held);
    expect(lineAudits.map((a) => a.action)).toContain('disbursement.batched');
    expect((await auditOf('payment_batch', created.body.id))[0]).toMatchObject({ action: 'payment-batch.created', actorId: staffId });
  });

  it('writes the bank file with whole account numbers and a total row, and records who took it and its SHA-256', async () => {
    const { cohortId, li, wang, accounts } = await classReadyToPay();
    const { id } = (await createBatch({ cohortId, dueOnOrBefore: '2019-09-30' }).expect(201)).body;
    const lines: BatchLine[] = (await batchOf(id)).lines;

    const res = await bankFile(id).expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['cache-control']).toBe('private, no-store');
    const rows = csvRows(res.body);
    expect(rows[0]).toEqual(['序号', '户名', '账号', '开户行', '金额', '用途']);
    expect(rows.slice(1, 5).map((r) => r.slice(0, 5))).toEqual([
      ['1', '李明', accounts[li], '中国农业银行织金县支行', '5000.00'],
      ['2', '李明', accounts[li], '中国农业银行织金县支行', '5000.00'],
      ['3', '王芳', accounts[wang], '中国农业银行织金县支行', '5000.00'],
      ['4', '王芳', accounts[wang], '中国农业银行织金县支行', '5000.00'],
    ]);
    expect(rows[1][5]).toMatch(new RegExp(`第1学年第1期 #${lines[0].lineId}$`));
    expect(rows[5]).toEqual(['合计', '', '', '', '20000.00', '共 4 笔']);

    const batch = await batchOf(id);
    // Exported: the bank may be paying it now, so it is still not paid by hand.
    await t
      .http()
      .post(`/api/disbursements/${lines[2].lineId}/pay`)
      .set(bearer(admin))
      .set('Idempotency-Key', 'by-hand-2')
      .send({ paidAt: '2020-03-01T02:00:00Z', reference: 'by hand' })
      .expect(409);
    expect(batch).toMatchObject({
      status: 'EXPORTED',
      exportedBy: staffId,
      bankFileSha256: createHash('sha256').update(res.body).digest('hex'),
    });
    const exported = (await auditOf('payment_batch', id)).find((a) => a.action === 'payment-batch.exported')!;
    expect(exported.after).toMatchObject({ format: 'csv', layout: 'generic', sha256: batch.bankFileSha256 });

    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await bankFile(id, 'format=xlsx').expect(200)).body);
    const sheet = book.worksheets[0];
    expect(sheet.getRow(2).getCell(3).value).toBe(accounts[li]);
    expect(sheet.getRow(6).getCell(5).value).toBe('20000.00');
    expect((await batchOf(id)).bankFileSha256).not.toBe(batch.bankFileSha256);

    const gbk = await bankFile(id, 'format=csv&layout=abc-zhijin').expect(200);
    expect(gbk.headers['content-type']).toContain('charset=gb18030');
    expect(parse(iconv.decode(gbk.body, 'gb18030'))).toEqual([
      ['收款人账号', '收款人名称', '金额（分）'],
      [accounts[li], '李明', '500000'],
      [accounts[li], '李明', '500000'],
      [accounts[wang], '王芳', '500000'],
      [accounts[wang], '王芳', '500000'],
    ]);
    const refused = (query: string) => t.http().get(`/api/payment-batches/${id}/bank-file?${query}`).set(bearer(staff)).expect(400);
    expect(fieldsOf((await refused('format=pdf')).body)).toEqual(['format']);
    expect(fieldsOf((await refused('layout=icbc')).body)).toEqual(['layout']);
  });

  it('applies a return file all or nothing, is idempotent, and pays a failed transfer in a later batch', async () => {
    const { cohortId, li, wang, accounts } = await classReadyToPay();
    const { id } = (await createBatch({ cohortId, dueOnOrBefore: '2019-09-30' }).expect(201)).body;

    const early = await returnFile(id, csv(RETURN_HEADER, [['李明', accounts[li], '5000.00', '成功', '', 'B001']])).expect(409);
    expect(early.body.message).toContain('never downloaded');
    await bankFile(id).expect(200);

    const good: (string | number)[][] = [
      ['李明', accounts[li], '5,000.00', '成功', '', 'B001'],
      ['李明', accounts[li], '5000', '成功', '', 'B002'],
      ['王芳', accounts[wang], '5000.00', '成功', '', 'B003'],
      ['王芳', accounts[wang], '5000.00', '失败', '账户已冻结', ''],
    ];
    // One row off by a fen and one to an account not in the batch: the whole file is refused.
    const bad = await returnFile(
      id,
      csv(RETURN_HEADER, [
        ...good.slice(0, 3),
        ['王芳', accounts[wang], '4999.99', '成功', '', 'B9'],
        ['某人', '6228480000000999999', '5000.00', '成功', '', 'B8'],
      ]),
    ).expect(422);
    expect(bad.body).toMatchObject({ paid: 0, failed: 0, unchanged: 0 });
    expect(bad.body.errors.map((e: { row: number }) => e.row)).toEqual([5, 6]);
    expect(bad.body.errors[1].message).toContain('matches no line');
    expect((await batchOf(id)).lines.every((l: BatchLine) => l.result === null)).toBe(true);
    expect((await linesOf(li)).filter((l) => l.status === 'PAID')).toEqual([]);

    const applied = await returnFile(id, csv(RETURN_HEADER, good)).expect(200);
    expect(applied.body).toEqual({ paid: 3, failed: 1, unchanged: 0, errors: [], status: 'RECONCILED' });
    const liLines = (await linesOf(li)).filter((l) => l.dueDate === '2019-09-01');
    expect(liLines.map((l) => [l.status, l.reference]).sort()).toEqual([
      ['PAID', 'B001'],
      ['PAID', 'B002'],
    ]);
    const wangLines = (await linesOf(wang)).filter((l) => l.dueDate === '2019-09-01');
    const failed = wangLines.find((l) => l.status === 'APPROVED')!;
    expect(failed).toMatchObject({ statusCause: 'BANK_FAILURE', statusReason: '账户已冻结', paidAt: null });
    const studentToken = await signInAs(t, 'student', { studentId: wang });
    const own = (await t.http().get('/api/me/disbursements').set(bearer(studentToken)).expect(200)).body.items as Line[];
    expect(own.find((l) => l.id === failed.id)).toMatchObject({ statusCause: 'BANK_FAILURE', statusReason: '账户已冻结' });
    const batch = await batchOf(id);
    expect(batch.status).toBe('RECONCILED');
    expect(batch.lines.find((l: BatchLine) => l.lineId === failed.id)).toMatchObject({ result: 'FAILED', failureReason: '账户已冻结' });

    // The same file again: every row already answered, nothing changes, no audit entry per line.
    const paidAudits = (await auditOf('disbursement', liLines[0].id)).length;
    expect((await returnFile(id, csv(RETURN_HEADER, good)).expect(200)).body).toEqual({
      paid: 0,
      failed: 0,
      unchanged: 4,
      errors: [],
      status: 'RECONCILED',
    });
    expect((await auditOf('disbursement', liLines[0].id)).length).toBe(paidAudits);
    // A file contradicting what was recorded is refused.
    const contradiction = await returnFile(id, csv(RETURN_HEADER, [['李明', accounts[li], '5000.00', '失败', '户名不符', '']])).expect(422);
    expect(contradiction.body.errors[0].message).toContain('already recorded');

    // The failed line is free again: the next batch takes it (and only it) and the bank pays it this time.
    const next = (await createBatch({ cohortId, dueOnOrBefore: '2019-09-30' }).expect(201)).body;
    expect(next).toMatchObject({ lineCount: 1, totalFen: 500000 });
    expect((await batchOf(next.id)).lines[0].lineId).toBe(failed.id);
    await bankFile(next.id, 'format=xlsx').expect(200);
    const english = await xlsx(
      ['accountName', 'accountNumber', 'amount', 'status', 'reason', 'reference', 'date'],
      [['王芳', accounts[wang], 5000, 'success', null, 'B104', '20200302']],
    );
    expect((await returnFile(next.id, english, 'result.xlsx').expect(200)).body).toMatchObject({
      paid: 1,
      failed: 0,
      status: 'RECONCILED',
    });
    const repaid = (await linesOf(wang)).find((l) => l.id === failed.id)!;
    expect(repaid).toMatchObject({
      status: 'PAID',
      reference: 'B104',
      statusCause: null,
      statusReason: null,
      paidAt: '2020-03-01T16:00:00.000Z',
    });
  });

  it('matches rows by 序号 when the bank echoes it, and refuses a row whose 序号 disagrees with the file', async () => {
    const { cohortId, li, wang, accounts } = await classReadyToPay();
    const { id } = (await createBatch({ cohortId, dueOnOrBefore: '2019-09-30' }).expect(201)).body;
    await bankFile(id).expect(200);
    const header = ['序号', ...RETURN_HEADER];
    const wrong = await returnFile(id, csv(header, [['1', '王芳', accounts[wang], '5000.00', '成功', '', 'X1']])).expect(422);
    expect(wrong.body.errors[0]).toMatchObject({ row: 2, message: expect.stringContaining('does not match line 1') });
    const partial = await returnFile(id, csv(header, [['2', '李明', accounts[li], '5000.00', '失败', '', '']])).expect(200);
    expect(partial.body).toMatchObject({ paid: 0, failed: 1, status: 'EXPORTED' });
    expect((await batchOf(id)).lines[1]).toMatchObject({ result: 'FAILED', failureReason: '银行未说明原因' });
  });

  it('puts no line in two batches when two are made at once', async () => {
    const cohortId = await cohort();
    const students = [];
    for (let i = 0; i < 6; i++) {
      const id = await enrolled(cohortId, `学生${i}`);
      await withAccount(id, `学生${i}`);
      students.push(id);
    }
    await approveDue(cohortId);
    const [a, b] = await Promise.all([
      createBatch({ cohortId, dueOnOrBefore: '2019-09-30' }),
      createBatch({ dueOnOrBefore: '2019-09-30', kind: 'LIVING_ALLOWANCE' }),
    ]);
    const made = [a, b].filter((res) => res.status === 201);
    expect(made.length).toBeGreaterThanOrEqual(1);
    for (const res of [a, b]) expect([201, 409]).toContain(res.status);
    const lineIds = (await Promise.all(made.map(async (res) => (await batchOf(res.body.id)).lines.map((l: BatchLine) => l.lineId)))).flat();
    expect(new Set(lineIds).size).toBe(lineIds.length);
    const approved = (await Promise.all(students.map(linesOf))).flat().filter((l) => l.status === 'APPROVED' && l.dueDate <= '2019-09-30');
    expect(approved.map((l) => l.id).filter((lineId) => !lineIds.includes(lineId))).toEqual([]);
  });

  it('applies the same return file sent twice at once exactly once', async () => {
    const { cohortId, li, wang, accounts } = await classReadyToPay();
    const { id } = (await createBatch({ cohortId, dueOnOrBefore: '2019-09-30' }).expect(201)).body;
    await bankFile(id).expect(200);
    const file = csv(RETURN_HEADER, [
      ['李明', accounts[li], '5000.00', '成功', '', 'C1'],
      ['李明', accounts[li], '5000.00', '成功', '', 'C2'],
      ['王芳', accounts[wang], '5000.00', '成功', '', 'C3'],
      ['王芳', accounts[wang], '5000.00', '失败', '户名不符', ''],
    ]);
    const answers = await Promise.all([returnFile(id, file), returnFile(id, file)]);
    expect(answers.map((res) => res.status)).toEqual([200, 200]);
    expect(answers.map((res) => [res.body.paid, res.body.failed, res.body.unchanged]).sort()).toEqual([
      [0, 0, 4],
      [3, 1, 0],
    ]);
    const paidEntries = await Promise.all([li, wang].map(async (student) => (await linesOf(student)).filter((l) => l.status === 'PAID')));
    expect(
      paidEntries
        .flat()
        .map((l) => l.reference)
        .sort(),
    ).toEqual(['C1', 'C2', 'C3']);
  });

  it('leaves a line with the bank to the bank when the student is suspended, and holds it if the transfer fails', async () => {
    const { cohortId, li, wang, accounts } = await classReadyToPay();
    const { id } = (await createBatch({ cohortId, dueOnOrBefore: '2019-09-30', kind: 'EDUCATION_FUND' }).expect(201)).body;
    await bankFile(id).expect(200);
    for (const student of [li, wang]) {
      await t
        .http()
        .post(`/api/students/${student}/status`)
        .set(bearer(staff))
        .send({ status: 'SUSPENDED', effectiveDate: '2019-09-01', reason: '病休' })
        .expect(200);
    }
    const fundOf = async (student: number) =>
      (await linesOf(student)).find((l) => l.kind === 'EDUCATION_FUND' && l.dueDate === '2019-09-01')!;
    const allowanceOf = async (student: number) =>
      (await linesOf(student)).find((l) => l.kind === 'LIVING_ALLOWANCE' && l.dueDate === '2019-09-01')!;
    // Not in the batch: held as any suspension holds it. In the batch: left to the bank.
    expect(await allowanceOf(li)).toMatchObject({ status: 'SUSPENDED', statusCause: 'SUSPENSION' });
    expect((await fundOf(li)).status).toBe('APPROVED');
    const rows = [
      ['李明', accounts[li], '5000.00', '失败', '账户已销户', ''],
      ['王芳', accounts[wang], '5000.00', '成功', '', 'B77'],
    ];
    expect((await returnFile(id, csv(RETURN_HEADER, rows)).expect(200)).body).toMatchObject({ paid: 1, failed: 1 });
    expect(await fundOf(li)).toMatchObject({ status: 'SUSPENDED', statusCause: 'SUSPENSION', statusReason: '病休' });
    expect(await fundOf(wang)).toMatchObject({ status: 'PAID', reference: 'B77' });
  });

  it('answers bad requests with the field named and unknown batches with 404', async () => {
    const cohortId = await cohort();
    expect(fieldsOf((await createBatch({}).expect(400)).body)).toEqual(['dueOnOrBefore']);
    expect(fieldsOf((await createBatch({ dueOnOrBefore: '2019-09-30', kind: 'BONUS' }).expect(400)).body)).toEqual(['kind']);
    expect(fieldsOf((await createBatch({ dueOnOrBefore: '2019-09-30', extra: 1 }).expect(400)).body)).toEqual(['extra']);
    await createBatch({ cohortId: 999999, dueOnOrBefore: '2019-09-30' }).expect(404);
    await createBatch({ cohortId, dueOnOrBefore: '2019-09-30' }).expect(409);
    await t.http().get('/api/payment-batches/999999').set(bearer(staff)).expect(404);
    await bankFile(999999).expect(404);
    await returnFile(999999, csv(RETURN_HEADER, [])).expect(404);
    expect(fieldsOf((await t.http().get('/api/payment-batches?status=DONE').set(bearer(staff)).expect(400)).body)).toEqual(['status']);
  });

  it('refuses a return file it cannot read, naming the missing column or the bad cell', async () => {
    const { cohortId, li, accounts } = await classReadyToPay();
    const { id } = (await createBatch({ cohortId, dueOnOrBefore: '2019-09-30' }).expect(201)).body;
    await bankFile(id).expect(200);
    const noStatus = await returnFile(id, csv(['户名', '账号', '金额'], [['李明', accounts[li], '5000.00']])).expect(422);
    expect(noStatus.body.errors).toEqual([{ row: 1, column: '状态 (status)', message: 'required column is missing' }]);
    const cells = await returnFile(id, csv(RETURN_HEADER, [['李明', accounts[li], '5000.001', '处理中', '', '']])).expect(422);
    expect(cells.body.errors.map((e: { column: string }) => e.column)).toEqual(['金额 (amount)', '状态 (status)']);
    await returnFile(id, Buffer.from('%PDF-1.4 not a sheet'), 'result.pdf').expect(415);
    expect((await batchOf(id)).lines.every((l: BatchLine) => l.result === null)).toBe(true);
  });

  it('is for admin and staff only', async () => {
    const enterprise = await signInAs(t, 'enterprise', { enterpriseId });
    const cohortId = await cohort();
    const student = await signInAs(t, 'student', { studentId: await enrolled(cohortId, '周杰') });
    for (const token of [enterprise, student]) {
      await createBatch({ dueOnOrBefore: '2019-09-30' }, token).expect(403);
      await t.http().get('/api/payment-batches').set(bearer(token)).expect(403);
      await t.http().get('/api/payment-batches/1').set(bearer(token)).expect(403);
      await t.http().get('/api/payment-batches/1/bank-file').set(bearer(token)).expect(403);
      await t
        .http()
        .post('/api/payment-batches/1/return-file')
        .set(bearer(token))
        .attach('file', csv(RETURN_HEADER, []), 'r.csv')
        .expect(403);
    }
    await t.http().get('/api/payment-batches').expect(401);
    await t.http().get('/api/payment-batches').set(bearer(admin)).expect(200);
  });
});
