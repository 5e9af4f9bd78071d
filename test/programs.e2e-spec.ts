import { cohortBody, majorBody, programBody } from './factories/bodies';
import { createCohort, createEnterprise, createMajor, createProgram } from './factories/reference-api';
import { saveStudent } from './factories/students';
import { bearer, createTestApp, fieldsOf, loginAdmin, signInAs, TestApp } from './utils/test-app';

describe('Programmes, cohorts and majors (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let staff: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
    staff = await signInAs(t, 'staff');
  });
  afterAll(() => t.close());

  describe('programmes', () => {
    it('creates a programme with its policy and eligibility and reads it back', async () => {
      const policy = {
        educationFundFen: 600000,
        livingAllowanceFen: 480000,
        winterFareFen: 120000,
        educationFundInstallments: 2,
        livingAllowanceInstallments: 10,
      };
      const body = programBody({
        code: 'CX2020',
        funder: 'GOVERNMENT',
        studyYears: 2,
        policy,
        eligibility: { homeCounties: ['昭阳区'], requirePovertyRegistration: false },
      });
      const created = await t.http().post('/api/programs').set(bearer(staff)).send(body).expect(201);
      expect(created.body).toEqual({
        id: expect.any(Number),
        code: 'CX2020',
        name: body.name,
        funder: 'GOVERNMENT',
        studyYears: 2,
        policy,
        eligibility: { homeCounties: ['昭阳区'], requirePovertyRegistration: false },
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      });
      const read = await t.http().get(`/api/programs/${created.body.id}`).set(bearer(admin)).expect(200);
      expect(read.body).toEqual(created.body);
    });

    it('applies the default policy, study years and eligibility when they are left out', async () => {
      const res = await t
        .http()
        .post('/api/programs')
        .set(bearer(admin))
        .send({ code: 'YG-DEFAULT', name: '云贵班', funder: 'ENTERPRISE' })
        .expect(201);
      expect(res.body).toMatchObject({
        studyYears: 3,
        policy: {
          educationFundFen: 500000,
          livingAllowanceFen: 500000,
          winterFareFen: 150000,
          educationFundInstallments: 1,
          livingAllowanceInstallments: 1,
        },
        eligibility: { homeCounties: [], requirePovertyRegistration: true },
      });
    });

    it('fills only the policy fields that are left out', async () => {
      const res = await t
        .http()
        .post('/api/programs')
        .set(bearer(admin))
        .send(programBody({ policy: { winterFareFen: 0, livingAllowanceInstallments: 12 }, eligibility: {} }))
        .expect(201);
      expect(res.body.policy).toEqual({
        educationFundFen: 500000,
        livingAllowanceFen: 500000,
        winterFareFen: 0,
        educationFundInstallments: 1,
        livingAllowanceInstallments: 12,
      });
      expect(res.body.eligibility).toEqual({ homeCounties: [], requirePovertyRegistration: true });
    });

    it('refuses fractional fen, naming the nested field', async () => {
      const res = await t
        .http()
        .post('/api/programs')
        .set(bearer(admin))
        .send(programBody({ policy: { educationFundFen: 500000.5 } }))
        .expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'VALIDATION_FAILED' });
      expect(fieldsOf(res.body)).toEqual(['policy.educationFundFen']);
    });

    it('refuses out-of-range values, wrong types and unknown fields, naming each field', async () => {
      const body = programBody({
        code: 'has space',
        funder: 'CHARITY',
        studyYears: 7,
        policy: {
          livingAllowanceFen: -1,
          winterFareFen: '150000',
          educationFundInstallments: 0,
          livingAllowanceInstallments: 13,
          bonusFen: 1,
        },
        eligibility: { homeCounties: '织金县', requirePovertyRegistration: 'yes' },
        extra: true,
      });
      const res = await t.http().post('/api/programs').set(bearer(admin)).send(body).expect(400);
      expect([...new Set(fieldsOf(res.body))]).toEqual([
        'code',
        'eligibility.homeCounties',
        'eligibility.requirePovertyRegistration',
        'extra',
        'funder',
        'policy.bonusFen',
        'policy.educationFundInstallments',
        'policy.livingAllowanceFen',
        'policy.livingAllowanceInstallments',
        'policy.winterFareFen',
        'studyYears',
      ]);
    });

    it('refuses a policy that is not an object', async () => {
      const res = await t
        .http()
        .post('/api/programs')
        .set(bearer(admin))
        .send(programBody({ policy: [1] }))
        .expect(400);
      expect(fieldsOf(res.body)).toContain('policy');
    });

    it('answers a duplicate code with 409', async () => {
      await t
        .http()
        .post('/api/programs')
        .set(bearer(admin))
        .send(programBody({ code: 'DUP-1' }))
        .expect(201);
      const res = await t
        .http()
        .post('/api/programs')
        .set(bearer(admin))
        .send(programBody({ code: 'DUP-1' }))
        .expect(409);
      expect(res.body).toMatchObject({ statusCode: 409, code: 'DUPLICATE' });
    });

    it('answers 409, never 500, when the same code arrives several times at once', async () => {
      const body = programBody({ code: 'RACE-1' });
      const answers = await Promise.all(Array.from({ length: 5 }, () => t.http().post('/api/programs').set(bearer(admin)).send(body)));
      expect(answers.map((res) => res.status).sort()).toEqual([201, 409, 409, 409, 409]);
    });

    it('lists programmes paginated in creation order', async () => {
      const first = await createProgram(t, admin);
      const second = await createProgram(t, admin);
      const res = await t.http().get('/api/programs?page=1&pageSize=500').set(bearer(staff)).expect(200);
      expect(res.body).toMatchObject({ page: 1, pageSize: 500, total: res.body.items.length });
      const ids = res.body.items.map((p: { id: number }) => p.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(ids).toEqual(expect.arrayContaining([first.id, second.id]));
      const paged = await t.http().get('/api/programs?page=2&pageSize=1').set(bearer(staff)).expect(200);
      expect(paged.body).toMatchObject({ page: 2, pageSize: 1, total: res.body.total, items: [res.body.items[1]] });
      await t.http().get('/api/programs?pageSize=501').set(bearer(staff)).expect(400);
    });

    it('answers 404 for an unknown programme and 400 for an id that is not one', async () => {
      await t.http().get('/api/programs/999999').set(bearer(admin)).expect(404);
      const res = await t.http().get('/api/programs/abc').set(bearer(admin)).expect(400);
      expect([...new Set(fieldsOf(res.body))]).toEqual(['id']);
      await t.http().get('/api/programs/99999999999').set(bearer(admin)).expect(400);
    });

    it('audits the creation with the answer as it was given', async () => {
      const created = await createProgram(t, staff);
      const res = await t.http().get(`/api/audit?entityType=program&entityId=${created.id}`).set(bearer(admin)).expect(200);
      expect(res.body.total).toBe(1);
      expect(res.body.items[0]).toMatchObject({
        action: 'program.created',
        entityType: 'program',
        entityId: created.id,
        before: null,
        after: created,
      });
    });
  });

  describe('cohorts', () => {
    it('creates a cohort, reads it back and filters the list by programme', async () => {
      const program = await createProgram(t, admin);
      const created = await t
        .http()
        .post('/api/cohorts')
        .set(bearer(staff))
        .send(cohortBody(program.id, { startDate: '2020-02-29' }))
        .expect(201);
      expect(created.body).toEqual({
        id: expect.any(Number),
        programId: program.id,
        name: '2019级云贵班',
        intakeYear: 2019,
        startDate: '2020-02-29',
        createdAt: expect.any(String),
      });
      expect((await t.http().get(`/api/cohorts/${created.body.id}`).set(bearer(admin)).expect(200)).body).toEqual(created.body);
      const other = await createCohort(t, admin);
      const filtered = await t.http().get(`/api/cohorts?programId=${program.id}`).set(bearer(admin)).expect(200);
      expect(filtered.body).toEqual({ items: [created.body], total: 1, page: 1, pageSize: 50 });
      const all = await t.http().get('/api/cohorts').set(bearer(admin)).expect(200);
      expect(all.body.items.map((c: { id: number }) => c.id)).toEqual(expect.arrayContaining([created.body.id, other.id]));
    });

    it('refuses a start date that is not a real calendar date', async () => {
      const program = await createProgram(t, admin);
      for (const startDate of ['2019-02-30', '2019-9-1', '2019-09-01T00:00:00Z', 20190901]) {
        const res = await t.http().post('/api/cohorts').set(bearer(admin)).send(cohortBody(program.id, { startDate })).expect(400);
        expect([...new Set(fieldsOf(res.body))]).toEqual(['startDate']);
      }
    });

    it('refuses an unknown programme, naming programId', async () => {
      const res = await t.http().post('/api/cohorts').set(bearer(admin)).send(cohortBody(424242)).expect(400);
      expect(res.body.details).toEqual([{ field: 'programId', message: 'no such programme' }]);
    });

    it('refuses wrong types and unknown fields, naming each field', async () => {
      const res = await t
        .http()
        .post('/api/cohorts')
        .set(bearer(admin))
        .send({ programId: '1', name: '', intakeYear: 2019.5, startDate: '2019-09-01', term: 1 })
        .expect(400);
      expect([...new Set(fieldsOf(res.body))]).toEqual(['intakeYear', 'name', 'programId', 'term']);
    });

    it('answers 404 for an unknown cohort', async () => {
      await t.http().get('/api/cohorts/999999').set(bearer(admin)).expect(404);
    });

    it('audits the creation', async () => {
      const cohort = await createCohort(t, admin);
      const res = await t.http().get(`/api/audit?entityType=cohort&entityId=${cohort.id}`).set(bearer(admin)).expect(200);
      expect(res.body.items).toEqual([expect.objectContaining({ action: 'cohort.created', after: cohort })]);
    });
  });

  describe('majors', () => {
    it('creates majors with no seat assigned and no cut-off yet, and lists them', async () => {
      const cohort = await createCohort(t, admin);
      const created = await t.http().post(`/api/cohorts/${cohort.id}/majors`).set(bearer(staff)).send(majorBody()).expect(201);
      expect(created.body).toEqual({
        id: expect.any(Number),
        cohortId: cohort.id,
        code: 'M01',
        name: '机械加工技术 Mechanical processing',
        institution: '长兴县职业技术教育中心',
        capacity: 40,
        assigned: 0,
        cutoffScore: null,
        createdAt: expect.any(String),
      });
      const second = await createMajor(t, admin, cohort.id, { code: 'M02', capacity: 0 });
      const list = await t.http().get(`/api/cohorts/${cohort.id}/majors`).set(bearer(staff)).expect(200);
      expect(list.body).toEqual({ items: [created.body, second], total: 2, page: 1, pageSize: 50 });
    });

    it('answers a duplicate code in the same cohort with 409 but allows it in another cohort', async () => {
      const cohort = await createCohort(t, admin);
      await createMajor(t, admin, cohort.id, { code: 'M07' });
      const res = await t
        .http()
        .post(`/api/cohorts/${cohort.id}/majors`)
        .set(bearer(admin))
        .send(majorBody({ code: 'M07' }))
        .expect(409);
      expect(res.body.code).toBe('DUPLICATE');
      const other = await createCohort(t, admin);
      await createMajor(t, admin, other.id, { code: 'M07' });
    });

    it('refuses a bad code, capacity and unknown fields, naming each field', async () => {
      const cohort = await createCohort(t, admin);
      const res = await t
        .http()
        .post(`/api/cohorts/${cohort.id}/majors`)
        .set(bearer(admin))
        .send(majorBody({ code: 'M 01', capacity: 1.5, institution: 7, seats: 3 }))
        .expect(400);
      expect([...new Set(fieldsOf(res.body))]).toEqual(['capacity', 'code', 'institution', 'seats']);
      const tooLong = await t
        .http()
        .post(`/api/cohorts/${cohort.id}/majors`)
        .set(bearer(admin))
        .send(majorBody({ code: 'M'.repeat(17), capacity: -1 }))
        .expect(400);
      expect([...new Set(fieldsOf(tooLong.body))]).toEqual(['capacity', 'code']);
    });

    it('answers 404 for the majors of an unknown cohort', async () => {
      await t.http().post('/api/cohorts/999999/majors').set(bearer(admin)).send(majorBody()).expect(404);
      await t.http().get('/api/cohorts/999999/majors').set(bearer(admin)).expect(404);
    });

    it('audits the creation', async () => {
      const cohort = await createCohort(t, admin);
      const major = await createMajor(t, admin, cohort.id);
      const res = await t.http().get(`/api/audit?entityType=major&entityId=${major.id}`).set(bearer(admin)).expect(200);
      expect(res.body.items).toEqual([expect.objectContaining({ action: 'major.created', after: major })]);
    });
  });

  describe('who may call', () => {
    let cohortId: number;
    let programId: number;
    let calls: { method: 'get' | 'post'; path: string; body?: object }[];

    beforeAll(async () => {
      const cohort = await createCohort(t, admin);
      cohortId = cohort.id;
      programId = ((await t.http().get(`/api/cohorts/${cohortId}`).set(bearer(admin))).body as { programId: number }).programId;
      calls = [
        { method: 'post', path: '/api/programs', body: programBody() },
        { method: 'get', path: '/api/programs' },
        { method: 'get', path: `/api/programs/${programId}` },
        { method: 'post', path: '/api/cohorts', body: cohortBody(programId) },
        { method: 'get', path: '/api/cohorts' },
        { method: 'get', path: `/api/cohorts/${cohortId}` },
        { method: 'post', path: `/api/cohorts/${cohortId}/majors`, body: majorBody({ code: 'R01' }) },
        { method: 'get', path: `/api/cohorts/${cohortId}/majors` },
      ];
    });

    it('answers 401 without a token', async () => {
      for (const call of calls) await t.http()[call.method](call.path).send(call.body).expect(401);
    });

    it('answers 403 to an enterprise account', async () => {
      const enterprise = await createEnterprise(t, admin);
      const token = await signInAs(t, 'enterprise', { enterpriseId: enterprise.id });
      for (const call of calls) await t.http()[call.method](call.path).set(bearer(token)).send(call.body).expect(403);
    });

    it('answers 403 to a student account', async () => {
      const token = await signInAs(t, 'student', { studentId: (await saveStudent(t.dataSource, cohortId)).id });
      for (const call of calls) {
        const res = await t.http()[call.method](call.path).set(bearer(token)).send(call.body).expect(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
    });
  });

  it('describes the reference-data endpoints and their answers in the OpenAPI document', async () => {
    const res = await t.http().get('/api/docs-json').expect(200);
    const paths = res.body.paths as Record<string, Record<string, { responses: Record<string, { content?: unknown }> }>>;
    for (const path of ['/api/programs', '/api/programs/{id}', '/api/cohorts', '/api/cohorts/{id}', '/api/cohorts/{id}/majors']) {
      expect(Object.keys(paths)).toContain(path);
    }
    expect(JSON.stringify(paths['/api/programs'].post.responses['201'])).toContain('ProgramResponseDto');
    expect(JSON.stringify(paths['/api/cohorts/{id}/majors'].get.responses['200'])).toContain('MajorPageDto');
    const policy = res.body.components.schemas.CreateProgramPolicyDto;
    expect(policy.properties.educationFundFen).toMatchObject({ minimum: 0, maximum: 100000000 });
  });
});
