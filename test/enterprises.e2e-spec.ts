import { enterpriseBody } from './factories/bodies';
import { creditCode } from './factories/ids';
import { createCohort, createEnterprise, createMajor } from './factories/reference-api';
import { saveStudent } from './factories/students';
import { bearer, createTestApp, fieldsOf, loginAdmin, signInAs, TestApp } from './utils/test-app';

const idsOf = (body: { items: { id: number }[] }): number[] => body.items.map((item) => item.id);

describe('Enterprises and quotas (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let staff: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
    staff = await signInAs(t, 'staff');
  });
  afterAll(() => t.close());

  describe('enterprises', () => {
    it('registers an enterprise and reads it back', async () => {
      const body = enterpriseBody({ creditCode: '91350100M000100Y43' });
      const created = await t.http().post('/api/enterprises').set(bearer(staff)).send(body).expect(201);
      expect(created.body).toEqual({
        id: expect.any(Number),
        name: body.name,
        creditCode: '91350100M000100Y43',
        contactName: '王经理',
        contactPhone: '0572-6012345',
        createdAt: expect.any(String),
      });
      expect((await t.http().get(`/api/enterprises/${created.body.id}`).set(bearer(admin)).expect(200)).body).toEqual(created.body);
    });

    it('upper-cases a credit code typed in lower case', async () => {
      const res = await t
        .http()
        .post('/api/enterprises')
        .set(bearer(admin))
        .send(enterpriseBody({ creditCode: ' 91110000600037341l ' }))
        .expect(201);
      expect(res.body.creditCode).toBe('91110000600037341L');
    });

    it.each([
      ['a wrong check character', '91350100M000100Y44', 'creditCode check character does not match'],
      ['a wrong length', '91350100M000100Y4', 'creditCode must be 18 characters'],
      [
        'a letter the standard leaves out',
        '91350100M000100I43',
        'creditCode may contain only digits and the capital letters A-H, J-N, P-R, T, U, W, X, Y',
      ],
      ['a number', 91350100, 'creditCode must be a string'],
    ])('refuses a credit code with %s', async (_, code, message) => {
      const res = await t
        .http()
        .post('/api/enterprises')
        .set(bearer(admin))
        .send(enterpriseBody({ creditCode: code }))
        .expect(400);
      expect(res.body.details).toEqual([{ field: 'creditCode', message }]);
    });

    it('refuses missing and unknown fields, naming each field', async () => {
      const res = await t
        .http()
        .post('/api/enterprises')
        .set(bearer(admin))
        .send({ name: '', creditCode: creditCode(777001), contactPhone: 'call me', rating: 5 })
        .expect(400);
      expect(fieldsOf(res.body)).toEqual(['contactName', 'contactPhone', 'name', 'rating']);
    });

    it('answers a credit code registered before with 409, whatever its case', async () => {
      const code = creditCode(777002);
      await createEnterprise(t, admin, { creditCode: code });
      const res = await t
        .http()
        .post('/api/enterprises')
        .set(bearer(admin))
        .send(enterpriseBody({ creditCode: code.toLowerCase() }))
        .expect(409);
      expect(res.body.code).toBe('DUPLICATE');
    });

    it('lists enterprises paginated and finds them by part of the name or credit code', async () => {
      const found = await createEnterprise(t, admin, { name: '湖州Search精密机械有限公司' });
      const all = await t.http().get('/api/enterprises?pageSize=500').set(bearer(staff)).expect(200);
      expect(all.body.total).toBe(all.body.items.length);
      expect(idsOf(all.body)).toEqual([...idsOf(all.body)].sort((a, b) => a - b));
      const byName = await t
        .http()
        .get(`/api/enterprises?q=${encodeURIComponent('search精密')}`)
        .set(bearer(staff))
        .expect(200);
      expect(byName.body).toEqual({ items: [expect.objectContaining({ id: found.id })], total: 1, page: 1, pageSize: 50 });
      const code = (await t.http().get(`/api/enterprises/${found.id}`).set(bearer(staff))).body.creditCode as string;
      const byCode = await t
        .http()
        .get(`/api/enterprises?q=${code.slice(8, 17).toLowerCase()}`)
        .set(bearer(staff))
        .expect(200);
      expect(idsOf(byCode.body)).toEqual([found.id]);
      const wildcard = await t
        .http()
        .get(`/api/enterprises?q=${encodeURIComponent('%')}`)
        .set(bearer(staff))
        .expect(200);
      expect(wildcard.body.total).toBe(0);
    });

    it('answers 404 for an unknown enterprise', async () => {
      await t.http().get('/api/enterprises/999999').set(bearer(admin)).expect(404);
    });

    it('audits the registration', async () => {
      const created = await createEnterprise(t, staff);
      const res = await t.http().get(`/api/audit?entityType=enterprise&entityId=${created.id}`).set(bearer(admin)).expect(200);
      expect(res.body.items).toEqual([expect.objectContaining({ action: 'enterprise.created', before: null, after: created })]);
    });
  });

  describe('quotas', () => {
    let cohortId: number;
    let first: number;
    let second: number;

    beforeAll(async () => {
      cohortId = (await createCohort(t, admin)).id;
      await createMajor(t, admin, cohortId, { code: 'M01' });
      await createMajor(t, admin, cohortId, { code: 'M02' });
      first = (await createEnterprise(t, admin)).id;
      second = (await createEnterprise(t, admin)).id;
    });

    it('records the seats an enterprise offers in a major, none used yet', async () => {
      const res = await t
        .http()
        .post(`/api/cohorts/${cohortId}/quotas`)
        .set(bearer(staff))
        .send({ enterpriseId: first, majorCode: 'M01', seats: 20 })
        .expect(201);
      expect(res.body).toEqual({
        id: expect.any(Number),
        cohortId,
        enterpriseId: first,
        majorCode: 'M01',
        seats: 20,
        used: 0,
        createdAt: expect.any(String),
      });
      const audit = await t.http().get(`/api/audit?entityType=quota&entityId=${res.body.id}`).set(bearer(admin)).expect(200);
      expect(audit.body.items).toEqual([expect.objectContaining({ action: 'quota.created', after: res.body })]);
    });

    it('answers the same enterprise and major twice in a cohort with 409', async () => {
      await t
        .http()
        .post(`/api/cohorts/${cohortId}/quotas`)
        .set(bearer(admin))
        .send({ enterpriseId: second, majorCode: 'M02', seats: 0 })
        .expect(201);
      const res = await t
        .http()
        .post(`/api/cohorts/${cohortId}/quotas`)
        .set(bearer(admin))
        .send({ enterpriseId: second, majorCode: 'M02', seats: 5 })
        .expect(409);
      expect(res.body.code).toBe('DUPLICATE');
    });

    it('refuses an unknown enterprise and a major the cohort does not have, naming both', async () => {
      const res = await t
        .http()
        .post(`/api/cohorts/${cohortId}/quotas`)
        .set(bearer(admin))
        .send({ enterpriseId: 999999, majorCode: 'M09', seats: 5 })
        .expect(400);
      expect(res.body.details).toEqual([
        { field: 'enterpriseId', message: 'no such enterprise' },
        { field: 'majorCode', message: 'is not a major of this cohort' },
      ]);
    });

    it('refuses bad seats, wrong types and unknown fields, naming each field', async () => {
      const res = await t
        .http()
        .post(`/api/cohorts/${cohortId}/quotas`)
        .set(bearer(admin))
        .send({ enterpriseId: '1', majorCode: 3, seats: 2.5, wage: 1 })
        .expect(400);
      expect(fieldsOf(res.body)).toEqual(['enterpriseId', 'majorCode', 'seats', 'wage']);
      const negative = await t
        .http()
        .post(`/api/cohorts/${cohortId}/quotas`)
        .set(bearer(admin))
        .send({ enterpriseId: first, majorCode: 'M02', seats: -1 })
        .expect(400);
      expect(fieldsOf(negative.body)).toEqual(['seats']);
    });

    it('answers 404 for the quotas of an unknown cohort', async () => {
      await t
        .http()
        .post('/api/cohorts/999999/quotas')
        .set(bearer(admin))
        .send({ enterpriseId: first, majorCode: 'M01', seats: 1 })
        .expect(404);
      await t.http().get('/api/cohorts/999999/quotas').set(bearer(admin)).expect(404);
    });

    it('lists every quota of the cohort to staff, optionally for one enterprise', async () => {
      const all = await t.http().get(`/api/cohorts/${cohortId}/quotas`).set(bearer(staff)).expect(200);
      expect(all.body).toMatchObject({ total: 2, page: 1, pageSize: 50 });
      expect(
        all.body.items.map((q: { enterpriseId: number; majorCode: string; seats: number; used: number }) => [
          q.enterpriseId,
          q.majorCode,
          q.seats,
          q.used,
        ]),
      ).toEqual([
        [first, 'M01', 20, 0],
        [second, 'M02', 0, 0],
      ]);
      const one = await t.http().get(`/api/cohorts/${cohortId}/quotas?enterpriseId=${second}`).set(bearer(admin)).expect(200);
      expect(one.body.items.map((q: { enterpriseId: number }) => q.enterpriseId)).toEqual([second]);
    });
  });

  describe('an enterprise account', () => {
    let cohortId: number;
    let own: number;
    let other: number;
    let token: string;

    beforeAll(async () => {
      cohortId = (await createCohort(t, admin)).id;
      await createMajor(t, admin, cohortId, { code: 'M01' });
      own = (await createEnterprise(t, admin)).id;
      other = (await createEnterprise(t, admin)).id;
      for (const enterpriseId of [own, other]) {
        await t
          .http()
          .post(`/api/cohorts/${cohortId}/quotas`)
          .set(bearer(admin))
          .send({ enterpriseId, majorCode: 'M01', seats: 3 })
          .expect(201);
      }
      token = await signInAs(t, 'enterprise', { enterpriseId: own });
    });

    it('sees only its own enterprise in the list, even when searching', async () => {
      const list = await t.http().get('/api/enterprises').set(bearer(token)).expect(200);
      expect(list.body).toEqual({ items: [expect.objectContaining({ id: own })], total: 1, page: 1, pageSize: 50 });
      const search = await t.http().get('/api/enterprises?q=有限公司').set(bearer(token)).expect(200);
      expect(idsOf(search.body)).toEqual([own]);
    });

    it('reads its own enterprise and gets 404 for another, as if it did not exist', async () => {
      await t.http().get(`/api/enterprises/${own}`).set(bearer(token)).expect(200);
      const res = await t.http().get(`/api/enterprises/${other}`).set(bearer(token)).expect(404);
      const missing = await t.http().get('/api/enterprises/999999').set(bearer(token)).expect(404);
      expect(res.body.code).toBe(missing.body.code);
    });

    it('sees only its own quotas, and none when it asks for another enterprise', async () => {
      const mine = await t.http().get(`/api/cohorts/${cohortId}/quotas`).set(bearer(token)).expect(200);
      expect(mine.body).toMatchObject({ total: 1, items: [{ enterpriseId: own, seats: 3, used: 0 }] });
      const theirs = await t.http().get(`/api/cohorts/${cohortId}/quotas?enterpriseId=${other}`).set(bearer(token)).expect(200);
      expect(theirs.body).toEqual({ items: [], total: 0, page: 1, pageSize: 50 });
    });

    it('may not register enterprises or quotas', async () => {
      await t.http().post('/api/enterprises').set(bearer(token)).send(enterpriseBody()).expect(403);
      await t
        .http()
        .post(`/api/cohorts/${cohortId}/quotas`)
        .set(bearer(token))
        .send({ enterpriseId: own, majorCode: 'M01', seats: 9 })
        .expect(403);
    });
  });

  describe('refused callers', () => {
    let calls: { method: 'get' | 'post'; path: string; body?: object }[];
    let cohortId: number;

    beforeAll(async () => {
      cohortId = (await createCohort(t, admin)).id;
      const enterpriseId = (await createEnterprise(t, admin)).id;
      calls = [
        { method: 'post', path: '/api/enterprises', body: enterpriseBody() },
        { method: 'get', path: '/api/enterprises' },
        { method: 'get', path: `/api/enterprises/${enterpriseId}` },
        { method: 'post', path: `/api/cohorts/${cohortId}/quotas`, body: { enterpriseId, majorCode: 'M01', seats: 1 } },
        { method: 'get', path: `/api/cohorts/${cohortId}/quotas` },
      ];
    });

    it('answers 401 without a token', async () => {
      for (const call of calls) await t.http()[call.method](call.path).send(call.body).expect(401);
    });

    it('answers 403 to a student account', async () => {
      const token = await signInAs(t, 'student', { studentId: (await saveStudent(t.dataSource, cohortId)).id });
      for (const call of calls) await t.http()[call.method](call.path).set(bearer(token)).send(call.body).expect(403);
    });
  });
});
