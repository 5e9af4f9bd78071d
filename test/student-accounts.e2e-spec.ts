import { parse } from 'csv-parse/sync';
import { ONE_TIME_PASSWORD_ALPHABET } from '../src/auth/rules/one-time-password';
import { StudentEntity } from '../src/students/student.entity';
import { saveCohortWithMajors, saveEnterprise } from './factories/reference-data';
import { saveStudent } from './factories/students';
import { pdfPages, squeeze } from './utils/pdf-text';
import { bearer, createTestApp, fieldsOf, loginAdmin, signInAs, TestApp } from './utils/test-app';
import { binary } from './utils/binary';

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const PASSWORD = new RegExp(`^[${ONE_TIME_PASSWORD_ALPHABET}]{12}$`);

interface Account {
  studentId: number;
  fullName: string;
  username: string;
  oneTimePassword: string;
}

describe('Student sign-ins with one-time passwords (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let staff: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
    staff = await signInAs(t, 'staff');
  });
  afterAll(() => t.close());

  /** A cohort with the given students, each saved straight to the database in the given status. */
  async function cohortWith(students: Partial<StudentEntity>[]): Promise<{ cohortId: number; students: StudentEntity[] }> {
    const { cohort } = await saveCohortWithMajors(t.dataSource);
    const saved: StudentEntity[] = [];
    for (const student of students) saved.push(await saveStudent(t.dataSource, cohort.id, student));
    return { cohortId: cohort.id, students: saved };
  }

  const issue = (cohortId: number, query = '', token = staff) =>
    t.http().post(`/api/cohorts/${cohortId}/student-accounts${query}`).set(bearer(token));
  const download = (cohortId: number, format: 'csv' | 'pdf') => issue(cohortId, `?format=${format}`).buffer(true).parse(binary).expect(201);
  const signIn = (username: string, password: string) => t.http().post('/api/auth/login').send({ username, password });

  describe('creating accounts', () => {
    let cohortId: number;
    let students: StudentEntity[];
    let accounts: Account[];

    beforeAll(async () => {
      ({ cohortId, students } = await cohortWith([
        { fullName: '张小燕', status: 'ENROLLED' },
        { fullName: '李明', status: 'ENROLLED' },
        { fullName: '王芳', status: 'ENROLLED' },
        { fullName: '赵磊', status: 'ADMITTED' },
        { fullName: '陈静', status: 'WITHDRAWN' },
        { fullName: '刘洋', status: 'ENROLLED' },
      ]));
      // 刘洋 already has a sign-in; someone holds the name 王芳 would get.
      await t
        .http()
        .post('/api/users')
        .set(bearer(admin))
        .send({ username: 'liu.yang', password: 'liu-yang-password', role: 'student', studentId: students[5].id })
        .expect(201);
      await t
        .http()
        .post('/api/users')
        .set(bearer(admin))
        .send({ username: `stu${students[2].id}`, password: 'unrelated-password', role: 'staff' })
        .expect(201);
      const res = await issue(cohortId).expect(201);
      expect(res.headers['cache-control']).toBe('no-store');
      accounts = res.body.accounts;
      expect(res.body.created).toBe(3);
    });

    it('creates one for every enrolled student without one, named stu and the student id', () => {
      expect(accounts.map(({ oneTimePassword, ...rest }) => rest)).toEqual([
        { studentId: students[0].id, fullName: '张小燕', username: `stu${students[0].id}` },
        { studentId: students[1].id, fullName: '李明', username: `stu${students[1].id}` },
        { studentId: students[2].id, fullName: '王芳', username: `stu${students[2].id}-2` },
      ]);
      for (const account of accounts) expect(account.oneTimePassword).toMatch(PASSWORD);
      expect(new Set(accounts.map((a) => a.oneTimePassword)).size).toBe(3);
    });

    it('leaves existing accounts alone', async () => {
      const res = await signIn('liu.yang', 'liu-yang-password').expect(200);
      expect(res.body.user).toMatchObject({ username: 'liu.yang', studentId: students[5].id, mustChangePassword: false });
      await signIn(`stu${students[2].id}`, 'unrelated-password').expect(200);
    });

    it('creates nothing the second time', async () => {
      const res = await issue(cohortId, '', admin).expect(201);
      expect(res.body).toEqual({ created: 0, accounts: [] });
    });

    it('gives each student one account when two runs race', async () => {
      const { cohortId: racing, students: enrolled } = await cohortWith([
        { status: 'ENROLLED' },
        { status: 'ENROLLED' },
        { status: 'ENROLLED' },
      ]);
      const answers = await Promise.all([issue(racing).expect(201), issue(racing, '', admin).expect(201)]);
      const created = answers.flatMap((res) => res.body.accounts as Account[]);
      expect(created.map((a) => a.studentId).sort((a, b) => a - b)).toEqual(enrolled.map((s) => s.id));
      expect(answers.map((res) => res.body.created).sort()).toEqual([0, 3]);
    });

    it('signs in with a one-time password that must be changed before anything else', async () => {
      const [first] = accounts;
      const login = await signIn(first.username, first.oneTimePassword).expect(200);
      expect(login.body.user).toEqual({
        id: expect.any(Number),
        username: first.username,
        role: 'student',
        studentId: first.studentId,
        mustChangePassword: true,
        active: true,
      });
      const pending: string = login.body.accessToken;
      await t.http().get('/api/auth/me').set(bearer(pending)).expect(200);
      const refused = await t.http().get(`/api/students/${first.studentId}`).set(bearer(pending)).expect(403);
      expect(refused.body).toMatchObject({
        statusCode: 403,
        code: 'PASSWORD_CHANGE_REQUIRED',
        message: expect.stringContaining('one-time password'),
      });
      await t.http().get('/api/me/disbursements').set(bearer(pending)).expect(403);

      const changed = await t
        .http()
        .post('/api/auth/password')
        .set(bearer(pending))
        .send({ currentPassword: first.oneTimePassword, newPassword: 'my-own-password-2019' })
        .expect(200);
      expect(changed.body).toEqual({
        id: login.body.user.id,
        username: first.username,
        role: 'student',
        studentId: first.studentId,
        mustChangePassword: false,
        active: true,
        accessToken: expect.any(String),
        tokenType: 'Bearer',
        expiresIn: expect.any(Number),
      });
      const own = await t.http().get(`/api/students/${first.studentId}`).set(bearer(changed.body.accessToken)).expect(200);
      expect(own.body.fullName).toBe('张小燕');
      // The change ends the token of the one-time password.
      await t.http().get(`/api/students/${first.studentId}`).set(bearer(pending)).expect(401);

      await signIn(first.username, first.oneTimePassword).expect(401);
      const again = await signIn(first.username, 'my-own-password-2019').expect(200);
      expect(again.body.user.mustChangePassword).toBe(false);
    });

    it('audits each account and the cohort, never with a password', async () => {
      const [, second] = accounts;
      const login = await signIn(second.username, second.oneTimePassword).expect(200);
      const user = await t.http().get(`/api/audit?entityType=user&entityId=${login.body.user.id}`).set(bearer(admin)).expect(200);
      expect(user.body.items).toEqual([
        expect.objectContaining({
          action: 'user.created',
          before: null,
          after: {
            id: login.body.user.id,
            username: second.username,
            role: 'student',
            studentId: second.studentId,
            mustChangePassword: true,
            active: true,
          },
        }),
      ]);
      const cohort = await t.http().get(`/api/audit?entityType=cohort&entityId=${cohortId}`).set(bearer(admin)).expect(200);
      expect(cohort.body.items).toEqual([expect.objectContaining({ action: 'cohort.student-accounts-created', after: { created: 3 } })]);
      const all = JSON.stringify((await t.http().get('/api/audit?pageSize=500').set(bearer(admin)).expect(200)).body);
      for (const account of accounts) expect(all).not.toContain(account.oneTimePassword);
      expect(all).not.toMatch(/argon|passwordHash/);
    });
  });

  describe('printable sheets', () => {
    it('writes a CSV with a BOM, bilingual headers and sign-ins that work', async () => {
      const { cohortId, students } = await cohortWith([
        { fullName: '=HYPERLINK("http://evil.example")', status: 'ENROLLED' },
        { fullName: '孙悦', status: 'ENROLLED' },
      ]);
      const res = await download(cohortId, 'csv');
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(
        new RegExp(`^attachment; filename="cohort-${cohortId}-accounts-\\d{4}-\\d{2}-\\d{2}\\.csv"`),
      );
      const bytes = res.body as Buffer;
      expect(bytes.subarray(0, 3)).toEqual(UTF8_BOM);
      const rows = parse(bytes.subarray(3)) as string[][];
      expect(rows[0]).toEqual(['学生编号 Student ID', '姓名 Name', '用户名 Username', '一次性密码 One-time password']);
      expect(rows.slice(1).map((r) => r.slice(0, 3))).toEqual([
        [String(students[0].id), `'=HYPERLINK("http://evil.example")`, `stu${students[0].id}`],
        [String(students[1].id), '孙悦', `stu${students[1].id}`],
      ]);
      for (const [, , username, password] of rows.slice(1)) {
        expect(password).toMatch(PASSWORD);
        expect((await signIn(username, password).expect(200)).body.user.mustChangePassword).toBe(true);
      }
    });

    it('prints a PDF with names, usernames, passwords and the instruction to change them', async () => {
      const { cohortId, students } = await cohortWith([
        { fullName: '周杰', status: 'ENROLLED' },
        { fullName: '吴敏', status: 'ENROLLED' },
      ]);
      const res = await download(cohortId, 'pdf');
      expect(res.headers['content-type']).toBe('application/pdf');
      const text = squeeze((await pdfPages(res.body as Buffer)).join(''));
      for (const expected of ['学生账号与一次性密码', '首次登录后须立即修改密码', 'Changethispasswordatyourfirstsign-in', '周杰', '吴敏']) {
        expect(text).toContain(expected);
      }
      expect(text).toMatch(new RegExp(`cohort-${cohortId}-accounts-\\d{4}-\\d{2}-\\d{2}`));
      for (const student of students) {
        const found = new RegExp(`stu${student.id}([${ONE_TIME_PASSWORD_ALPHABET}]{12})`).exec(text);
        expect(found).not.toBeNull();
        await signIn(`stu${student.id}`, found![1]).expect(200);
      }
    });
  });

  describe('refusals', () => {
    it('answers an unknown cohort with 404', async () => {
      const res = await issue(999999).expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
    });

    it('refuses a bad id, an unknown format and unknown query fields with 400 naming each', async () => {
      expect(fieldsOf((await t.http().post('/api/cohorts/abc/student-accounts').set(bearer(staff)).expect(400)).body)).toEqual(['id']);
      expect(fieldsOf((await issue(1, '?format=xlsx').expect(400)).body)).toEqual(['format']);
      expect(fieldsOf((await issue(1, '?dryRun=true').expect(400)).body)).toEqual(['dryRun']);
    });

    it('answers 401 without a token and 403 to enterprise and student roles', async () => {
      const { cohortId, students } = await cohortWith([{ status: 'ENROLLED' }]);
      await t.http().post(`/api/cohorts/${cohortId}/student-accounts`).expect(401);
      const { cohort: other } = await saveCohortWithMajors(t.dataSource);
      const enterprise = await signInAs(t, 'enterprise', { enterpriseId: (await saveEnterprise(t.dataSource)).id });
      const student = await signInAs(t, 'student', { studentId: (await saveStudent(t.dataSource, other.id)).id });
      for (const token of [enterprise, student]) {
        expect((await issue(cohortId, '', token).expect(403)).body.code).toBe('FORBIDDEN');
      }
      expect((await issue(cohortId).expect(201)).body.accounts.map((a: Account) => a.studentId)).toEqual([students[0].id]);
    });
  });
});
