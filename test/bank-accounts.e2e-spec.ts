import { Logger } from '@nestjs/common';
import { AuditEntryEntity } from '../src/audit/audit-entry.entity';
import { AccountNumberCipher } from '../src/bank-accounts/account-number-cipher';
import { StudentBankAccountEntity } from '../src/bank-accounts/student-bank-account.entity';
import { ENTITIES } from '../src/database/entities';
import { StudentEntity } from '../src/students/student.entity';
import { studentBody } from './factories/bodies';
import { saveCohortWithMajors, saveEnterprise } from './factories/reference-data';
import { applicantRow, CHINESE_HEADER, csv, ENGLISH_HEADER, Row, xlsx } from './factories/spreadsheets';
import { saveStudent } from './factories/students';
import { PageClient } from './utils/page-client';
import { bearer, createTestApp, fieldsOf, loginAdmin, signInAs, TEST_BANK_ACCOUNT_KEY, TestApp } from './utils/test-app';

/** Digits no other value of these tests holds, so finding them anywhere means the number leaked. */
const NUMBER = '6217002876543219876';
const TYPED = '6217 0028 7654 3219 876';
const MASKED = '6217 **** **** 9876';
const OTHER_NUMBER = '6222031234567890123';

const CSV = { filename: 'zhijin-2019.csv', contentType: 'text/csv' };
const XLSX = { filename: 'zhijin-2019.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
const BANK_HEADER = ['开户行', '户名', '银行卡号'];

/** The number, or the part the mask hides, anywhere in `text`. */
const leaks = (text: string, number = NUMBER): boolean => text.includes(number) || text.includes(number.slice(4, -4));

describe('Students’ bank accounts (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let staff: string;
  let cohortId: number;
  let enterpriseId: number;
  const logged: string[] = [];

  beforeAll(async () => {
    // Whatever the app would log or print, kept to be searched for the number.
    for (const method of ['log', 'warn', 'error', 'debug', 'verbose', 'fatal'] as const) {
      jest.spyOn(Logger.prototype, method).mockImplementation((...args: unknown[]) => void logged.push(JSON.stringify(args)));
      jest.spyOn(Logger, method).mockImplementation((...args: unknown[]) => void logged.push(JSON.stringify(args)));
    }
    for (const method of ['log', 'warn', 'error', 'info', 'debug'] as const) {
      jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(JSON.stringify(args)));
    }
    t = await createTestApp();
    admin = await loginAdmin(t);
    staff = await signInAs(t, 'staff');
    cohortId = (await saveCohortWithMajors(t.dataSource)).cohort.id;
    enterpriseId = (await saveEnterprise(t.dataSource)).id;
  });
  afterAll(async () => {
    await t.close();
    jest.restoreAllMocks();
  });

  const newStudent = (overrides: Partial<StudentEntity> = {}) =>
    saveStudent(t.dataSource, cohortId, { fullName: '张小燕', guardianName: '张大山', ...overrides });
  const put = (id: number, body: object, token = staff) => t.http().put(`/api/students/${id}/bank-account`).set(bearer(token)).send(body);
  const account = (overrides: Record<string, unknown> = {}) => ({
    bankName: '中国农业银行织金县支行',
    accountName: '张小燕',
    accountNumber: TYPED,
    ...overrides,
  });
  const storedAccounts = () => t.dataSource.getRepository(StudentBankAccountEntity).find({ order: { id: 'ASC' } });
  const auditOf = (studentId: number, action: string) =>
    t.dataSource
      .getRepository(AuditEntryEntity)
      .find({ where: { entityType: 'student', entityId: studentId, action }, order: { id: 'ASC' } });
  /** Every row of every table, as text. */
  const wholeDatabase = async () => {
    const tables = ENTITIES.map((entity) => t.dataSource.getMetadata(entity).tableName);
    const rows = await Promise.all(tables.map((table) => t.dataSource.query(`SELECT * FROM "${table}"`)));
    return JSON.stringify(rows);
  };

  describe('PUT /api/students/:id/bank-account', () => {
    it('sets the account and answers the record as staff read it, the number masked', async () => {
      const student = await newStudent();
      const res = await put(student.id, account()).expect(200);
      expect(res.body).toMatchObject({ id: student.id, fullName: '张小燕', nationalId: student.nationalId });
      expect(res.body.bankAccount).toEqual({
        bankName: '中国农业银行织金县支行',
        accountName: '张小燕',
        accountNumberMasked: MASKED,
        updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      });
      expect(leaks(res.text)).toBe(false);
    });

    it('accepts the guardian as the holder, and replaces the account the student had', async () => {
      const student = await newStudent();
      await put(student.id, account()).expect(200);
      const res = await put(
        student.id,
        account({ bankName: '工商银行织金支行', accountName: '张大山', accountNumber: OTHER_NUMBER }),
      ).expect(200);
      expect(res.body.bankAccount).toMatchObject({
        bankName: '工商银行织金支行',
        accountName: '张大山',
        accountNumberMasked: '6222 **** **** 0123',
      });
      const mine = (await storedAccounts()).filter((a) => a.studentId === student.id);
      expect(mine).toHaveLength(1);
      expect(t.app.get(AccountNumberCipher).decrypt(mine[0].accountNumberCipher)).toBe(OTHER_NUMBER);
    });

    it('keeps the number only encrypted with the configured key: decrypting gives it back, the database nowhere holds it', async () => {
      const student = await newStudent();
      await put(student.id, account()).expect(200);
      const [row] = (await storedAccounts()).filter((a) => a.studentId === student.id);
      expect(row).toMatchObject({ bankName: '中国农业银行织金县支行', accountName: '张小燕', accountNumberMasked: MASKED });
      expect(leaks(JSON.stringify(row))).toBe(false);
      // A cipher of its own, with the key from the environment: what another instance would read.
      const cipher = new AccountNumberCipher({ bankAccountKey: Buffer.from(TEST_BANK_ACCOUNT_KEY, 'hex') });
      expect(cipher.decrypt(row.accountNumberCipher)).toBe(NUMBER);
      expect(leaks(await wholeDatabase())).toBe(false);
    });

    it('audits the change with the old and new accounts masked, never the number', async () => {
      const student = await newStudent();
      await put(student.id, account()).expect(200);
      await put(student.id, account({ accountName: '张大山', accountNumber: OTHER_NUMBER })).expect(200);
      const entries = await auditOf(student.id, 'student.bank-account-changed');
      expect(entries.map((e) => [e.before, e.after])).toEqual([
        [null, { bankName: '中国农业银行织金县支行', accountName: '张小燕', accountNumberMasked: MASKED }],
        [
          { bankName: '中国农业银行织金县支行', accountName: '张小燕', accountNumberMasked: MASKED },
          { bankName: '中国农业银行织金县支行', accountName: '张大山', accountNumberMasked: '6222 **** **** 0123' },
        ],
      ]);
      const audit = await t.http().get(`/api/audit?entityType=student&entityId=${student.id}`).set(bearer(admin)).expect(200);
      expect(audit.body.items[0]).toMatchObject({ action: 'student.bank-account-changed', actorId: expect.any(Number) });
      const allAudit = JSON.stringify(await t.dataSource.getRepository(AuditEntryEntity).find());
      expect(leaks(allAudit)).toBe(false);
      expect(leaks(allAudit, OTHER_NUMBER)).toBe(false);
    });

    it('refuses a holder who is neither the student nor the guardian with 400 naming accountName, and saves nothing', async () => {
      const student = await newStudent();
      const res = await put(student.id, account({ accountName: '王五' })).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(fieldsOf(res.body)).toEqual(['accountName']);
      expect(res.body.details[0].message).toMatch(/student's name \(张小燕\) or the guardian's \(张大山\)/);
      expect(leaks(res.text)).toBe(false);
      expect((await storedAccounts()).filter((a) => a.studentId === student.id)).toEqual([]);
      expect(await auditOf(student.id, 'student.bank-account-changed')).toEqual([]);
    });

    it.each([
      ['11 digits', '1'.repeat(11)],
      ['31 digits', '1'.repeat(31)],
      ['letters', '6217 0028 7654 ABCD 876'],
      ['nothing', ' '],
    ])('refuses a number of %s with 400 naming accountNumber', async (_, accountNumber) => {
      const student = await newStudent();
      const res = await put(student.id, account({ accountNumber })).expect(400);
      expect(fieldsOf(res.body)).toEqual(['accountNumber']);
      expect(res.text).not.toContain(accountNumber.trim() || '\u0000');
    });

    it('refuses a number sent as a JSON number, which has lost its last digits already', async () => {
      const student = await newStudent();
      const res = await put(student.id, account({ accountNumber: 6217002876543219876 })).expect(400);
      expect(fieldsOf(res.body)).toEqual(['accountNumber']);
    });

    it('refuses an unknown field and a missing one with 400', async () => {
      const student = await newStudent();
      expect(fieldsOf((await put(student.id, { ...account(), iban: 'CN00' }).expect(400)).body)).toEqual(['iban']);
      const { bankName: _, ...withoutBank } = account();
      expect(fieldsOf((await put(student.id, withoutBank).expect(400)).body)).toEqual(['bankName']);
    });

    it('answers 404 for a student that does not exist', async () => {
      expect((await put(999999, account()).expect(404)).body.code).toBe('NOT_FOUND');
    });

    it('lets admin and staff set an account, refuses an enterprise and a student with 403 and no token with 401', async () => {
      const student = await newStudent();
      await put(student.id, account(), admin).expect(200);
      await put(student.id, account(), await signInAs(t, 'enterprise', { enterpriseId })).expect(403);
      await put(student.id, account(), await signInAs(t, 'student', { studentId: student.id })).expect(403);
      await t.http().put(`/api/students/${student.id}/bank-account`).send(account()).expect(401);
    });

    it('keeps one account when two first accounts for a student arrive at once', async () => {
      const student = await newStudent();
      const answers = await Promise.all([put(student.id, account()), put(student.id, account({ accountName: '张大山' }))]);
      for (const res of answers) expect([200, 409]).toContain(res.status);
      expect(answers.some((res) => res.status === 200)).toBe(true);
      expect((await storedAccounts()).filter((a) => a.studentId === student.id)).toHaveLength(1);
    });
  });

  describe('reading', () => {
    it('shows the masked account to staff and to the student themself, never the number', async () => {
      const student = await newStudent();
      await put(student.id, account()).expect(200);
      const own = await signInAs(t, 'student', { studentId: student.id });
      for (const token of [staff, own]) {
        const res = await t.http().get(`/api/students/${student.id}`).set(bearer(token)).expect(200);
        expect(res.body.bankAccount).toEqual({
          bankName: '中国农业银行织金县支行',
          accountName: '张小燕',
          accountNumberMasked: MASKED,
          updatedAt: expect.any(String),
        });
        expect(leaks(res.text)).toBe(false);
      }
    });

    it('answers bankAccount null for a student without one', async () => {
      const student = await newStudent();
      expect((await t.http().get(`/api/students/${student.id}`).set(bearer(staff)).expect(200)).body.bankAccount).toBeNull();
    });

    it('masks the account in the cohort list, null where there is none, and in a status change’s answer', async () => {
      const { cohort } = await saveCohortWithMajors(t.dataSource);
      const withAccount = await saveStudent(t.dataSource, cohort.id, { fullName: '张小燕', status: 'APPLIED' });
      const without = await saveStudent(t.dataSource, cohort.id);
      await put(withAccount.id, account()).expect(200);
      const list = await t.http().get(`/api/cohorts/${cohort.id}/students`).set(bearer(staff)).expect(200);
      expect(list.body.items.map((s: { id: number; bankAccount: object | null }) => [s.id, s.bankAccount])).toEqual([
        [withAccount.id, expect.objectContaining({ accountNumberMasked: MASKED })],
        [without.id, null],
      ]);
      expect(leaks(list.text)).toBe(false);
      const moved = await t
        .http()
        .post(`/api/students/${withAccount.id}/status`)
        .set(bearer(staff))
        .send({ status: 'ADMITTED' })
        .expect(200);
      expect(moved.body.bankAccount).toMatchObject({ accountNumberMasked: MASKED });
    });

    it('keeps the account out of the enterprise’s list of its students', async () => {
      const student = await newStudent({ intendedEnterpriseId: enterpriseId });
      await put(student.id, account()).expect(200);
      const hr = await signInAs(t, 'enterprise', { enterpriseId });
      const res = await t.http().get(`/api/enterprises/${enterpriseId}/students`).set(bearer(hr)).expect(200);
      const item = res.body.items.find((s: { id: number }) => s.id === student.id);
      expect(item).toBeDefined();
      expect(item).not.toHaveProperty('bankAccount');
      expect(res.text).not.toContain(MASKED);
      expect(leaks(res.text)).toBe(false);
    });

    it('leaves the number out of the cohort export, in CSV and in XLSX', async () => {
      const student = await newStudent();
      await put(student.id, account()).expect(200);
      for (const format of ['csv', 'xlsx']) {
        const res = await t
          .http()
          .get(`/api/cohorts/${cohortId}/students?format=${format}`)
          .set(bearer(staff))
          .buffer(true)
          .parse((response, done) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => done(null, Buffer.concat(chunks)));
          })
          .expect(200);
        const bytes = res.body as Buffer;
        expect(bytes.length).toBeGreaterThan(0);
        const text = format === 'csv' ? bytes.toString('utf8') : await xlsxText(bytes);
        expect(text).toContain(student.nationalId.slice(-4));
        expect(leaks(text)).toBe(false);
      }
    });
  });

  describe('single intake', () => {
    const intake = (body: object) => t.http().post(`/api/cohorts/${cohortId}/students`).set(bearer(staff)).send(body);

    it('takes an optional account with the applicant, checked by the same rule, and audits it masked', async () => {
      const res = await intake(studentBody({ guardianName: '张大山', bankAccount: account({ accountName: '张大山' }) })).expect(201);
      expect(res.body.bankAccount).toMatchObject({ accountName: '张大山', accountNumberMasked: MASKED });
      const [row] = (await storedAccounts()).filter((a) => a.studentId === res.body.id);
      expect(t.app.get(AccountNumberCipher).decrypt(row.accountNumberCipher)).toBe(NUMBER);
      const [created] = await auditOf(res.body.id, 'student.created');
      expect(created.after).toMatchObject({ bankAccount: { accountNumberMasked: MASKED } });
      expect(leaks(JSON.stringify(created))).toBe(false);
      expect((await intake(studentBody()).expect(201)).body.bankAccount).toBeNull();
    });

    it('refuses an applicant whose account is held by someone else, naming bankAccount.accountName', async () => {
      const res = await intake(studentBody({ bankAccount: account({ accountName: '王五' }) })).expect(400);
      expect(fieldsOf(res.body)).toEqual(['bankAccount.accountName']);
      expect(leaks(res.text)).toBe(false);
    });
  });

  describe('import', () => {
    const upload = (id: number, file: Buffer, options = CSV) =>
      t.http().post(`/api/cohorts/${id}/students/import`).set(bearer(staff)).attach('file', file, options);
    const newCohort = async () => (await saveCohortWithMajors(t.dataSource)).cohort.id;
    const row = (bank: Row, overrides: Parameters<typeof applicantRow>[0] = {}): Row => [...applicantRow(overrides), ...bank];
    const studentsIn = (id: number) => t.dataSource.getRepository(StudentEntity).find({ where: { cohortId: id }, order: { id: 'ASC' } });

    it('stores the accounts of the rows that give one, encrypted, and audits each student with it masked', async () => {
      const id = await newCohort();
      const file = csv(
        [...CHINESE_HEADER, ...BANK_HEADER],
        [row(['农行织金支行', '李小龙', TYPED]), row(['农行织金支行', '李大山', OTHER_NUMBER]), row(['', '', ''])],
      );
      const res = await upload(id, file).expect(201);
      expect(res.body).toMatchObject({ imported: 3, errors: [] });
      const [first, second, third] = await studentsIn(id);
      const accounts = new Map((await storedAccounts()).map((a) => [a.studentId, a]));
      const cipher = t.app.get(AccountNumberCipher);
      expect(accounts.get(first.id)).toMatchObject({ accountName: '李小龙', accountNumberMasked: MASKED });
      expect(cipher.decrypt(accounts.get(first.id)!.accountNumberCipher)).toBe(NUMBER);
      expect(cipher.decrypt(accounts.get(second.id)!.accountNumberCipher)).toBe(OTHER_NUMBER);
      expect(accounts.has(third.id)).toBe(false);
      const [created] = await auditOf(first.id, 'student.created');
      expect(created.after).toMatchObject({ trigger: 'IMPORT', bankAccount: { accountNumberMasked: MASKED } });
      const database = await wholeDatabase();
      expect(leaks(database)).toBe(false);
      expect(leaks(database, OTHER_NUMBER)).toBe(false);
      const listed = await t.http().get(`/api/students/${first.id}`).set(bearer(staff)).expect(200);
      expect(listed.body.bankAccount).toMatchObject({ bankName: '农行织金支行', accountNumberMasked: MASKED });
    });

    it('reads the API names as headers too', async () => {
      const id = await newCohort();
      const file = csv([...ENGLISH_HEADER, 'bankName', 'accountName', 'accountNumber'], [row(['农行织金支行', '李小龙', NUMBER])]);
      await upload(id, file).expect(201);
      const [student] = await studentsIn(id);
      expect((await storedAccounts()).find((a) => a.studentId === student.id)).toMatchObject({ accountNumberMasked: MASKED });
    });

    it('refuses with 422 a row with two of the three, a wrong holder and a bad number, each with its row and column; nothing saved', async () => {
      const id = await newCohort();
      const file = csv(
        [...CHINESE_HEADER, ...BANK_HEADER],
        [
          row(['农行织金支行', '李小龙', TYPED]),
          row(['农行织金支行', '', TYPED]),
          row(['农行织金支行', '王五', TYPED]),
          row(['农行织金支行', '李小龙', '1234567890']),
        ],
      );
      const res = await upload(id, file).expect(422);
      expect(res.body.errors).toEqual([
        { row: 3, column: '户名', message: expect.stringMatching(/^is required when the row gives a bank account/) },
        { row: 4, column: '户名', message: expect.stringMatching(/^must be the student's name \(李小龙\) or the guardian's \(李大山\)/) },
        { row: 5, column: '银行卡号', message: 'must have 12 to 30 digits (has 10)' },
      ]);
      expect(leaks(res.text)).toBe(false);
      expect(await studentsIn(id)).toEqual([]);
    });

    it('names a bank column missing from the file when a row gives the other two', async () => {
      const id = await newCohort();
      const file = csv([...CHINESE_HEADER, '开户行', '户名'], [row(['农行织金支行', '李小龙'])]);
      const res = await upload(id, file).expect(422);
      expect(res.body.errors).toEqual([
        { row: 2, column: '银行卡号 (accountNumber)', message: expect.stringMatching(/^is required when/) },
      ]);
    });

    it('refuses a card number Excel stored as a number, saying why, without repeating it', async () => {
      const id = await newCohort();
      const file = await xlsx([...CHINESE_HEADER, ...BANK_HEADER], [row(['农行织金支行', '李小龙', 6217002876543219876])]);
      const res = await upload(id, file, XLSX).expect(422);
      expect(res.body.errors).toEqual([
        { row: 2, column: '银行卡号', message: expect.stringContaining('stored as a number, which loses digits') },
      ]);
      expect(res.text).not.toMatch(/62170028/);
    });
  });

  describe('the staff page', () => {
    let page: PageClient;

    beforeAll(async () => {
      const username = `bank-staff-${process.pid}`;
      await t.http().post('/api/users').set(bearer(admin)).send({ username, password: 'a-long-test-password', role: 'staff' }).expect(201);
      page = new PageClient(t);
      expect((await page.signIn(username, 'a-long-test-password')).status).toBe(303);
    });

    const formOf = (html: string): string => {
      const start = html.indexOf('id="bank-account-form"');
      expect(start).toBeGreaterThan(-1);
      return html.slice(start, html.indexOf('</form>', start));
    };

    it('shows that there is no account yet and offers the form, the holder filled in with the student’s name', async () => {
      const student = await newStudent();
      const res = await page.get(`/staff/students/${student.id}`);
      expect(res.status).toBe(200);
      expect(res.text).toContain('银行账户');
      expect(res.text).toContain('尚未登记银行账户');
      expect(formOf(res.text)).toContain('name="accountName" type="text" value="张小燕"');
      expect(formOf(res.text)).toContain('保存银行账户');
    });

    it('saves an account, then shows it masked with the flash; the number is on no page', async () => {
      const student = await newStudent();
      await page.get(`/staff/students/${student.id}`);
      const saved = await page.post(`/staff/students/${student.id}/bank-account`, account({ accountName: '张大山' }));
      expect(saved.status).toBe(303);
      expect(saved.headers.location).toBe(`/staff/students/${student.id}#bank-account`);
      const res = await page.get(`/staff/students/${student.id}`);
      expect(res.text).toContain('银行账户已保存。');
      expect(res.text).toContain(`<dd id="account-number-masked">${MASKED}</dd>`);
      expect(res.text).toContain('登记银行账户：中国农业银行织金县支行 张大山 6217 **** **** 9876');
      expect(formOf(res.text)).toContain('name="accountNumber" type="text" value=""');
      expect(formOf(res.text)).toContain('更换银行账户');
      expect(leaks(res.text)).toBe(false);
      const [row] = (await storedAccounts()).filter((a) => a.studentId === student.id);
      expect(t.app.get(AccountNumberCipher).decrypt(row.accountNumberCipher)).toBe(NUMBER);
    });

    it('shows a refusal in Chinese next to the form, keeps what was typed but never the number', async () => {
      const student = await newStudent();
      await page.get(`/staff/students/${student.id}`);
      const res = await page.post(`/staff/students/${student.id}/bank-account`, account({ accountName: '王五' }));
      expect(res.status).toBe(400);
      const form = formOf(res.text);
      expect(form).toContain('须为学生本人（张小燕）或监护人（张大山）的姓名');
      expect(form).toContain('value="王五"');
      expect(form).toContain('name="accountNumber" type="text" value=""');
      expect(leaks(res.text)).toBe(false);
      const short = await page.post(`/staff/students/${student.id}/bank-account`, account({ accountNumber: '1234 5678' }));
      expect(short.status).toBe(400);
      expect(formOf(short.text)).toContain('应为 12–30 位数字（现为 8 位）');
      expect(short.text).not.toContain('12345678');
      const empty = await page.post(`/staff/students/${student.id}/bank-account`, { bankName: '农行' });
      expect(empty.status).toBe(400);
      expect(formOf(empty.text)).toContain('必填');
      expect((await storedAccounts()).filter((a) => a.studentId === student.id)).toEqual([]);
    });

    it('refuses a post without the form’s CSRF token', async () => {
      const student = await newStudent();
      const res = await page.post(`/staff/students/${student.id}/bank-account`, account(), false);
      expect(res.status).toBe(403);
      expect((await storedAccounts()).filter((a) => a.studentId === student.id)).toEqual([]);
    });
  });

  // Last: after every request above, accepted or refused.
  describe('logs', () => {
    it('never logged or printed the number', () => {
      expect(logged.filter((line) => leaks(line) || leaks(line, OTHER_NUMBER))).toEqual([]);
    });
  });
});

/** Every cell of every sheet of a workbook, as text. */
async function xlsxText(bytes: Buffer): Promise<string> {
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const cells: string[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))));
  return cells.join('\n');
}
