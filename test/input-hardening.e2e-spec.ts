import { Logger } from '@nestjs/common';
import type { Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { cohortBody, programBody, studentBody } from './factories/bodies';
import { createProgram } from './factories/reference-api';
import { CohortSetup, saveCohortWithMajors, saveEnterprise } from './factories/reference-data';
import { applicantRow, CHINESE_HEADER, csv } from './factories/spreadsheets';
import { saveStudent } from './factories/students';
import { PageClient } from './utils/page-client';
import { ADMIN, bearer, createTestApp, fieldsOf, loginAdmin, signInAs, TestApp } from './utils/test-app';

// Issue 12, "values that must be 400, never 500": every case below answered 500 on PostgreSQL (or was accepted).
describe('Values that must be 400, never 500 (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let staff: string;
  let setup: CohortSetup;
  let enterpriseId: number;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
    staff = await signInAs(t, 'staff');
    setup = await saveCohortWithMajors(t.dataSource);
    enterpriseId = (await saveEnterprise(t.dataSource)).id;
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  const api = (method: 'get' | 'post' | 'put', path: string, token = admin) => t.http()[method](path).set(bearer(token));
  const enrolled = async (): Promise<number> => {
    const student = await saveStudent(t.dataSource, setup.cohort.id, {
      status: 'ADMITTED',
      majorCode: 'M01',
      intendedEnterpriseId: enterpriseId,
      statusEffectiveDate: '2019-07-01',
    });
    await api('post', `/api/students/${student.id}/status`).send({ status: 'ENROLLED', effectiveDate: '2019-09-01' }).expect(200);
    return student.id;
  };

  /** Sends bytes Node's HTTP client refuses to write (a NUL in a header) and answers the status line. */
  const rawStatusLine = async (request: string): Promise<string> => {
    const server = t.app.getHttpServer() as Server;
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const answer = await new Promise<string>((resolve, reject) => {
      let text = '';
      const socket = connect(port, '127.0.0.1', () => socket.write(request));
      socket.on('data', (chunk) => (text += chunk.toString('latin1')));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    return answer.split('\r\n')[0];
  };

  describe('control characters in text (point 3)', () => {
    it('refuses a name with a line break, naming the field, and stores nothing', async () => {
      const res = await api('post', `/api/cohorts/${setup.cohort.id}/students`)
        .send(studentBody({ fullName: '王\n=1+2' }))
        .expect(400);
      expect(res.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        code: 'VALIDATION_FAILED',
        message: 'fullName: must not contain control characters such as line breaks, tabs or NUL (found U+000A)',
        details: [{ field: 'fullName', message: 'must not contain control characters such as line breaks, tabs or NUL (found U+000A)' }],
      });
      const list = await api('get', `/api/cohorts/${setup.cohort.id}/students?q=${encodeURIComponent('王')}`).expect(200);
      expect(list.body.total).toBe(0);
    });

    it('names every offending field: C1 controls, DEL, bidi overrides, invisible-only values, array items', async () => {
      const res = await api('post', `/api/cohorts/${setup.cohort.id}/students`)
        .send(
          studentBody({
            fullName: '张\u0085三',
            homeProvince: '贵州\u007f省',
            homeCounty: '织金\u202e县',
            guardianName: '\u200b \u2060',
            majorPreferences: ['M01', 'M02\t'],
          }),
        )
        .expect(400);
      expect(fieldsOf(res.body)).toEqual(['fullName', 'guardianName', 'homeCounty', 'homeProvince', 'majorPreferences.1']);
    });

    it('refuses them in reasons, references and query filters too', async () => {
      const id = await enrolled();
      const suspend = await api('post', `/api/students/${id}/status`)
        .send({ status: 'SUSPENDED', reason: '病假\r\n=HYPERLINK()' })
        .expect(400);
      expect(fieldsOf(suspend.body)).toEqual(['reason']);
      const major = await api('put', `/api/students/${id}/major`).send({ majorCode: 'M02', reason: '\u2066调整\u2069' }).expect(400);
      expect(fieldsOf(major.body)).toEqual(['reason']);
      const enterprises = await api('get', `/api/enterprises?q=${encodeURIComponent('长兴\u200f')}`).expect(400);
      expect(fieldsOf(enterprises.body)).toEqual(['q']);
    });

    it('refuses them in page forms, which reach the same pipe', async () => {
      const browser = new PageClient(t);
      await browser.get('/login');
      const res = await browser.post('/login', { username: 'admin\n', password: ADMIN.password });
      expect(res.status).toBe(400);
      // Said in the page's language, by field (src/pages/page-errors.ts), never in the API's English.
      expect(res.text).toContain('用户名：含有不允许的字符');
      expect(res.text).not.toContain('must not contain');
    });

    it('reports a spreadsheet cell with a line break as a row error', async () => {
      const rows = [applicantRow({ fullName: '王\n=1+2' }), applicantRow({ fullName: '赵强' })];
      const res = await api('post', `/api/cohorts/${setup.cohort.id}/students/import?dryRun=true`, staff)
        .attach('file', csv(CHINESE_HEADER, rows), { filename: 'rows.csv', contentType: 'text/csv' })
        .expect(200);
      expect(res.body.errors).toEqual([{ row: 2, column: '姓名', message: expect.stringContaining('control characters') }]);
    });
  });

  describe('NUL bytes (point 11)', () => {
    it('refuses NUL in the login username and password without a token', async () => {
      for (const body of [
        { username: 'admin\u0000', password: 'x' },
        { username: 'admin', password: 'admin-password-1\u0000' },
      ]) {
        const res = await t.http().post('/api/auth/login').send(body).expect(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(fieldsOf(res.body)).toEqual([Object.keys(body).find((k) => body[k as keyof typeof body].includes('\u0000'))]);
      }
    });

    it('refuses NUL in q and county, a name, a reason and a path parameter', async () => {
      const students = `/api/cohorts/${setup.cohort.id}/students`;
      expect(fieldsOf((await api('get', `${students}?q=%00`).expect(400)).body)).toEqual(['q']);
      expect(fieldsOf((await api('get', `${students}?county=%E7%BB%87%00`).expect(400)).body)).toEqual(['county']);
      expect(
        fieldsOf(
          (
            await api('post', students)
              .send(studentBody({ fullName: '张\u0000三' }))
              .expect(400)
          ).body,
        ),
      ).toEqual(['fullName']);
      const id = await enrolled();
      const reason = await api('post', `/api/students/${id}/status`).send({ status: 'SUSPENDED', reason: '\u0000' }).expect(400);
      expect(fieldsOf(reason.body)).toEqual(['reason']);
      expect(fieldsOf((await t.http().get('/api/agreements/verify/AB%00CD').expect(400)).body)).toEqual(['sha256']);
      expect(fieldsOf((await api('get', '/api/students/1%00').expect(400)).body)).toEqual(['id']);
    });

    it('refuses a control character in the Idempotency-Key header, and a NUL never reaches the service', async () => {
      const id = await enrolled();
      const [line] = (await api('get', `/api/students/${id}/disbursements`).expect(200)).body.items as { id: number }[];
      await api('post', `/api/disbursements/${line.id}/approve`).expect(200);
      const tab = await api('post', `/api/disbursements/${line.id}/pay`)
        .set('Idempotency-Key', 'key\there')
        .send({ paidAt: '2019-09-02T08:30:00Z', reference: 'T1' })
        .expect(400);
      expect(fieldsOf(tab.body)).toEqual(['Idempotency-Key']);
      const body = JSON.stringify({ paidAt: '2019-09-02T08:30:00Z', reference: 'T1' });
      const status = await rawStatusLine(
        `POST /api/disbursements/${line.id}/pay HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${admin}\r\n` +
          `Idempotency-Key: a\u0000b\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      );
      expect(status).toBe('HTTP/1.1 400 Bad Request');
      const after = (await api('get', `/api/students/${id}/disbursements`).expect(200)).body.items as { id: number; status: string }[];
      expect(after.find((l) => l.id === line.id)?.status).toBe('APPROVED');
    });
  });

  describe('numbers beyond their columns (point 12)', () => {
    it.each(['/api/programs', '/api/cohorts', '/api/enterprises', '/api/placements', '/api/audit', 'COHORT/students', 'COHORT/majors'])(
      'refuses page=1e20 on %s, naming page',
      async (list) => {
        const path = list.replace('COHORT', `/api/cohorts/${setup.cohort.id}`);
        const res = await api('get', `${path}?page=1e20`).expect(400);
        expect(fieldsOf(res.body)).toEqual(['page']);
        await api('get', `${path}?page=1000000`).expect(200);
      },
    );

    it('refuses ids beyond the integer range in bodies, queries and paths', async () => {
      const intake = await api('post', `/api/cohorts/${setup.cohort.id}/students`)
        .send(studentBody({ intendedEnterpriseId: 99999999999 }))
        .expect(400);
      expect(intake.body.details).toEqual([
        { field: 'intendedEnterpriseId', message: 'intendedEnterpriseId must not be greater than 2147483647' },
      ]);
      const program = await createProgram(t, admin);
      expect(fieldsOf((await api('post', '/api/cohorts').send(cohortBody(99999999999)).expect(400)).body)).toEqual(['programId']);
      const placement = await api('post', '/api/placements')
        .send({ studentId: 99999999999, enterpriseId: 99999999999, type: 'INTERNSHIP', startDate: '2020-07-01' })
        .expect(400);
      expect(fieldsOf(placement.body)).toEqual(['enterpriseId', 'studentId']);
      const user = await api('post', '/api/users').send({
        username: 'hr-big',
        password: 'a-long-test-password',
        role: 'enterprise',
        enterpriseId: 99999999999,
      });
      expect(user.status).toBe(400);
      expect(fieldsOf(user.body)).toEqual(['enterpriseId']);
      expect(fieldsOf((await api('get', `/api/cohorts?programId=99999999999`).expect(400)).body)).toEqual(['programId']);
      expect(fieldsOf((await api('get', '/api/audit?entityId=99999999999').expect(400)).body)).toEqual(['entityId']);
      for (const path of ['/api/students/99999999999', `/api/programs/99999999999`, '/api/enterprises/2147483648', '/api/cohorts/0']) {
        expect(fieldsOf((await api('get', path).expect(400)).body)).toEqual(['id']);
      }
      await api('get', `/api/programs/${program.id}`).expect(200);
      await api('get', '/api/programs/2147483647').expect(404);
    });
  });

  describe('JSON nesting (point 13)', () => {
    const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

    it('answers a 10,000-deep body with 400 before anything reads it, without a token and without logging an error', async () => {
      const logged = jest.spyOn(Logger.prototype, 'error');
      for (const body of [nested(10_000), '['.repeat(10_000) + ']'.repeat(10_000)]) {
        const res = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send(body).expect(400);
        expect(res.body).toEqual({
          statusCode: 400,
          error: 'Bad Request',
          code: 'VALIDATION_FAILED',
          message: 'The JSON body is nested deeper than 32 levels',
        });
      }
      expect(logged).not.toHaveBeenCalled();
    });

    it('reads 32 levels, and counts no bracket inside a string', async () => {
      const deepest = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send(nested(32)).expect(400);
      expect(fieldsOf(deepest.body)).toEqual(['a', 'password', 'username']);
      const tooDeep = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send(nested(33)).expect(400);
      expect(tooDeep.body.message).toMatch(/nested deeper than 32/);
      await t
        .http()
        .post('/api/auth/login')
        .send({ username: '[{'.repeat(30), password: '"[\\'.repeat(40) })
        .expect(401);
    });
  });

  describe('dates within 2000-01-01 to 2100-12-31 (point 14)', () => {
    it('refuses year 9999 and year 1999 in every date field, naming it', async () => {
      const program = await createProgram(t, admin);
      const id = await enrolled();
      const cohort = `/api/cohorts/${setup.cohort.id}`;
      const cases: [ReturnType<typeof api>, string][] = [
        [api('post', '/api/cohorts').send(cohortBody(program.id, { startDate: '9999-09-01' })), 'startDate'],
        [api('post', `${cohort}/disbursements/approve-due`).send({ dueOnOrBefore: '9999-12-31' }), 'dueOnOrBefore'],
        [api('post', `${cohort}/enrol`).send({ effectiveDate: '1999-09-01' }), 'effectiveDate'],
        [api('post', `/api/students/${id}/status`).send({ status: 'SUSPENDED', effectiveDate: '9999-01-01' }), 'effectiveDate'],
        [api('post', `${cohort}/internships/propose`).send({ startDate: '10000-01-01' }), 'startDate'],
        [api('post', '/api/placements').send({ studentId: id, enterpriseId, type: 'INTERNSHIP', startDate: '9999-07-01' }), 'startDate'],
      ];
      for (const [request, field] of cases) {
        const res = await request.expect(400);
        expect(fieldsOf(res.body)).toEqual([field]);
      }
    });

    it('refuses a paidAt out of range or more than a year before the student began studying, and takes one inside', async () => {
      const id = await enrolled();
      const hr = await signInAs(t, 'enterprise', { enterpriseId });
      const lines = (await api('get', `/api/students/${id}/disbursements`).expect(200)).body.items as {
        id: number;
        kind: string;
        dueDate: string;
      }[];
      const fare = lines.find((l) => l.kind === 'WINTER_FARE' && l.dueDate === '2022-01-10')!;
      const pay = (paidAt: string) =>
        api('post', `/api/disbursements/${fare.id}/pay`, hr).set('Idempotency-Key', `fare-${paidAt}`).send({ paidAt, reference: 'HR-1' });
      for (const paidAt of ['9999-01-01T00:00:00Z', '1999-12-31T23:00:00Z']) {
        const res = await pay(paidAt).expect(400);
        expect(res.body.details).toEqual([{ field: 'paidAt', message: 'paidAt must be from 2000-01-01 to 2100-12-31' }]);
      }
      // The third year's fare, due 2022-01-10: its student began studying in 2019-09, so a payment may be dated from
      // 2019-01-10 in Beijing. 2019-01-09T23:59:59Z is already the 10th there.
      const early = await pay('2019-01-09T23:59:59+08:00').expect(400);
      expect(early.body.details).toEqual([
        {
          field: 'paidAt',
          message: "must not be before 2019-01-10, a year before the student's first study year (the line is due 2022-01-10, study year 3)",
        },
      ]);
      expect((await pay('2019-01-09T16:00:00Z').expect(200)).body.status).toBe('PAID');
    });
  });

  describe('bodies that are not JSON (point 15)', () => {
    it('answers 415 to a form, text or multipart body on /api, with or without a token', async () => {
      const expected = {
        statusCode: 415,
        error: 'Unsupported Media Type',
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'Unsupported content type; send application/json',
      };
      const form = await t.http().post('/api/auth/login').type('form').send({ username: ADMIN.username, password: ADMIN.password });
      expect([form.status, form.body]).toEqual([415, expected]);
      const text = await t.http().post('/api/auth/login').set('Content-Type', 'text/plain').send('admin');
      expect([text.status, text.body]).toEqual([415, expected]);
      const program = await api('post', '/api/programs').type('form').send({ code: 'FORM1', name: 'x', funder: 'ENTERPRISE' });
      expect([program.status, program.body]).toEqual([415, expected]);
      const multipart = await api('post', '/api/programs').field('code', 'FORM2').field('name', 'x').field('funder', 'ENTERPRISE');
      expect([multipart.status, multipart.body]).toEqual([415, expected]);
      await api('post', '/api/programs')
        .send(programBody({ code: 'JSON1' }))
        .expect(201);
      await api('post', '/api/programs')
        .set('Content-Type', 'application/json; charset=utf-8')
        .send(JSON.stringify(programBody()))
        .expect(201);
    });

    it('takes multipart only on the file route, and keeps urlencoded forms for the pages', async () => {
      const file = csv(CHINESE_HEADER, [applicantRow()]);
      await api('post', `/api/cohorts/${setup.cohort.id}/students/import?dryRun=true`, staff)
        .attach('file', file, { filename: 'rows.csv', contentType: 'text/csv' })
        .expect(200);
      const json = await api('post', `/api/cohorts/${setup.cohort.id}/students/import?dryRun=true`, staff).send({ file: 'x' }).expect(415);
      expect(json.body.message).toBe('Unsupported content type; send multipart/form-data');
      const browser = new PageClient(t);
      const signIn = await browser.signIn(ADMIN.username, ADMIN.password);
      expect([signIn.status, signIn.headers.location]).toEqual([303, '/staff']);
    });
  });
});
