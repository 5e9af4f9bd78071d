import { Clock } from '../src/common/clock';
import { studentBody } from './factories/bodies';
import { nationalId } from './factories/ids';
import { CohortSetup, saveCohortWithMajors, saveEnterprise } from './factories/reference-data';
import { bearer, createTestApp, fieldsOf, loginAdmin, signInAs, TestApp } from './utils/test-app';

describe('Students: intake and reading (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let staff: string;
  let setup: CohortSetup;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
    staff = await signInAs(t, 'staff');
    setup = await saveCohortWithMajors(t.dataSource, { program: { eligibleHomeCounties: ['织金县'], requirePovertyRegistration: true } });
  });
  afterAll(() => t.close());

  const intake = (token: string, body: Record<string, unknown>, cohortId = setup.cohort.id) =>
    t.http().post(`/api/cohorts/${cohortId}/students`).set(bearer(token)).send(body);

  describe('POST /api/cohorts/:id/students', () => {
    it('takes in an eligible applicant as APPLIED, reading gender and birth date from the ID', async () => {
      const res = await intake(
        staff,
        studentBody({
          nationalId: '11010519491231002x',
          intendedEnterpriseId: undefined,
          guardianName: '张大山',
          guardianPhone: '+86 139 0000 0001',
        }),
      ).expect(201);
      expect(res.body).toEqual({
        id: expect.any(Number),
        cohortId: setup.cohort.id,
        fullName: '张小燕',
        nationalIdMasked: '110105********002X',
        gender: 'FEMALE',
        birthDate: '1949-12-31',
        phone: '13800001234',
        homeProvince: '贵州省',
        homeCounty: '织金县',
        povertyRegistered: true,
        examScore: 420.5,
        majorPreferences: ['M01'],
        intendedEnterpriseId: null,
        guardianName: '张大山',
        guardianPhone: '+86 139 0000 0001',
        applicationDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        majorCode: null,
        status: 'APPLIED',
        statusReason: null,
        statusEffectiveDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        eligible: true,
        ineligibleReasons: [],
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        bankAccount: null,
      });
      expect([res.body.applicationDate, res.body.statusEffectiveDate]).toEqual(Array(2).fill(t.app.get(Clock).today()));
      expect(JSON.stringify(res.body)).not.toContain('11010519491231002X');
    });

    it('takes the day an applicant applied, on which the APPLIED status takes effect', async () => {
      const res = await intake(staff, studentBody({ applicationDate: '2019-04-10' })).expect(201);
      expect(res.body).toMatchObject({ applicationDate: '2019-04-10', status: 'APPLIED', statusEffectiveDate: '2019-04-10' });
      const read = await t.http().get(`/api/students/${res.body.id}`).set(bearer(staff)).expect(200);
      expect(read.body).toMatchObject({ applicationDate: '2019-04-10', statusEffectiveDate: '2019-04-10' });
    });

    it('refuses an application date after today, or not a date from 2000-01-01 on, naming applicationDate', async () => {
      const clock = t.app.get(Clock);
      const today = clock.today();
      const tomorrow = clock.dateOf(new Date(clock.startOf(today).getTime() + 36 * 3600 * 1000));
      const future = await intake(staff, studentBody({ applicationDate: tomorrow })).expect(400);
      expect(future.body.details).toEqual([{ field: 'applicationDate', message: `must not be after today, ${today}` }]);
      for (const applicationDate of ['1999-12-31', '2019-02-30', '2019/04/10', 20190410]) {
        expect(fieldsOf((await intake(staff, studentBody({ applicationDate })).expect(400)).body)).toEqual(['applicationDate']);
      }
    });

    it('reads MALE from an odd digit 17', async () => {
      const res = await intake(staff, studentBody({ nationalId: nationalId(13) })).expect(201);
      expect(res.body).toMatchObject({ gender: 'MALE', birthDate: '2004-03-15' });
    });

    it('saves an applicant from another county, marked ineligible with the reason', async () => {
      const res = await intake(staff, studentBody({ homeCounty: '昭阳区', homeProvince: '云南省' })).expect(201);
      expect(res.body).toMatchObject({
        status: 'APPLIED',
        eligible: false,
        ineligibleReasons: ["home county 昭阳区 is not one of the programme's counties (织金县)"],
      });
    });

    it('saves an applicant not registered as a poverty-alleviation household, marked ineligible', async () => {
      const res = await intake(admin, studentBody({ povertyRegistered: false })).expect(201);
      expect(res.body).toMatchObject({
        eligible: false,
        ineligibleReasons: ['not registered as a poverty-alleviation household (建档立卡) but the programme requires it'],
      });
    });

    it('records the intended enterprise', async () => {
      const enterprise = await saveEnterprise(t.dataSource);
      const res = await intake(staff, studentBody({ intendedEnterpriseId: enterprise.id, majorPreferences: ['M02', 'M01'] })).expect(201);
      expect(res.body).toMatchObject({ intendedEnterpriseId: enterprise.id, majorPreferences: ['M02', 'M01'] });
    });

    it('audits the intake without the full national ID', async () => {
      const id = nationalId(77);
      const created = await intake(staff, studentBody({ nationalId: id })).expect(201);
      const audit = await t.http().get(`/api/audit?entityType=student&entityId=${created.body.id}`).set(bearer(admin)).expect(200);
      expect(audit.body.items).toEqual([
        expect.objectContaining({ action: 'student.created', before: null, after: { ...created.body, trigger: 'SINGLE' } }),
      ]);
      expect(JSON.stringify(audit.body)).not.toContain(id);
    });

    it('refuses a wrong check character, naming nationalId', async () => {
      const valid = nationalId(21);
      const wrong = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
      const res = await intake(staff, studentBody({ nationalId: wrong })).expect(400);
      expect(res.body.details).toEqual([
        { field: 'nationalId', message: 'nationalId is not a valid national ID: check character does not match' },
      ]);
    });

    it('refuses 30 February 1999 as a birth date even with a matching check character', async () => {
      const res = await intake(staff, studentBody({ nationalId: nationalId(23, '19990230') })).expect(400);
      expect(res.body.details).toEqual([
        { field: 'nationalId', message: 'nationalId is not a valid national ID: digits 7-14 are not a real birth date' },
      ]);
    });

    it('refuses a birth date in the future', async () => {
      const res = await intake(staff, studentBody({ nationalId: nationalId(25, '20990101') })).expect(400);
      expect(res.body.details).toEqual([
        { field: 'nationalId', message: 'is not a valid national ID: birth date 2099-01-01 is in the future' },
      ]);
    });

    it('refuses an unknown field', async () => {
      const res = await intake(staff, studentBody({ nickname: '燕子' })).expect(400);
      expect(res.body.details).toEqual([{ field: 'nickname', message: 'unknown field; should not exist' }]);
    });

    it('names every field of the wrong type or out of range', async () => {
      const res = await intake(
        staff,
        studentBody({
          fullName: 12,
          povertyRegistered: 'yes',
          examScore: '420',
          phone: 'call me',
          majorPreferences: 'M01',
          intendedEnterpriseId: 'one',
          guardianPhone: '12',
        }),
      ).expect(400);
      expect(fieldsOf(res.body)).toEqual(
        expect.arrayContaining([
          'examScore',
          'fullName',
          'guardianPhone',
          'intendedEnterpriseId',
          'majorPreferences',
          'phone',
          'povertyRegistered',
        ]),
      );
      expect(new Set(fieldsOf(res.body)).size).toBe(7);
    });

    it('refuses text longer than its column, exam scores out of range and missing fields', async () => {
      const res = await intake(
        staff,
        studentBody({ fullName: '张'.repeat(65), homeCounty: '县'.repeat(33), examScore: 1000.5, homeProvince: undefined }),
      ).expect(400);
      expect([...new Set(fieldsOf(res.body))]).toEqual(['examScore', 'fullName', 'homeCounty', 'homeProvince']);
    });

    it('refuses empty, repeated or too many major preferences', async () => {
      for (const majorPreferences of [[], ['M01', 'M01'], Array.from({ length: 11 }, (_, i) => `M${i}`)]) {
        const res = await intake(staff, studentBody({ majorPreferences })).expect(400);
        expect([...new Set(fieldsOf(res.body))]).toEqual(['majorPreferences']);
      }
    });

    it('names unknown major preferences and an unknown enterprise together', async () => {
      const res = await intake(staff, studentBody({ majorPreferences: ['M01', 'M09', 'X1'], intendedEnterpriseId: 9999 })).expect(400);
      expect(res.body.details).toEqual([
        { field: 'majorPreferences', message: `not majors of cohort ${setup.cohort.id}: M09, X1` },
        { field: 'intendedEnterpriseId', message: 'no enterprise 9999' },
      ]);
    });

    it('refuses a major of another cohort', async () => {
      const other = await saveCohortWithMajors(t.dataSource, { majors: [{ code: 'Z01' }] });
      const res = await intake(staff, studentBody({ majorPreferences: ['Z01'] })).expect(400);
      expect(res.body.details[0]).toEqual({ field: 'majorPreferences', message: `not majors of cohort ${setup.cohort.id}: Z01` });
      await intake(staff, studentBody({ majorPreferences: ['Z01'] }), other.cohort.id).expect(201);
    });

    it('answers 409 DUPLICATE for the same ID twice in a cohort, also written with a lower-case x, but takes it in another cohort', async () => {
      const first = studentBody({ nationalId: '11010519491231002X' });
      const other = await saveCohortWithMajors(t.dataSource);
      await intake(staff, first, other.cohort.id).expect(201);
      const again = await intake(staff, { ...first, nationalId: '11010519491231002x' }, other.cohort.id).expect(409);
      expect(again.body).toMatchObject({ statusCode: 409, code: 'DUPLICATE' });
      const another = await saveCohortWithMajors(t.dataSource);
      await intake(staff, first, another.cohort.id).expect(201);
    });

    it('takes in only one of two simultaneous requests with the same ID', async () => {
      const body = studentBody();
      const answers = await Promise.all([intake(staff, body), intake(staff, body)]);
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    });

    it('answers 404 for an unknown cohort and 400 for a malformed id', async () => {
      await intake(staff, studentBody(), 99999).expect(404);
      await t.http().post('/api/cohorts/abc/students').set(bearer(staff)).send(studentBody()).expect(400);
    });
  });

  describe('GET /api/cohorts/:id/students', () => {
    let listed: CohortSetup;
    const names = (body: { items: Array<{ fullName: string }> }) => body.items.map((s) => s.fullName);

    beforeAll(async () => {
      listed = await saveCohortWithMajors(t.dataSource);
      const rows = [
        { fullName: '李明', homeCounty: '织金县', nationalId: nationalId(101) },
        { fullName: '王芳', homeCounty: '昭阳区', nationalId: nationalId(102) },
        { fullName: '李华', homeCounty: '织金县', nationalId: '11010519491231002X' },
        { fullName: '赵磊', homeCounty: '昭阳区', nationalId: nationalId(104) },
        { fullName: 'Li 50%_off', homeCounty: '织金县', nationalId: nationalId(105) },
      ];
      for (const row of rows) await intake(staff, studentBody(row), listed.cohort.id).expect(201);
      const students = await t.http().get(`/api/cohorts/${listed.cohort.id}/students`).set(bearer(staff)).expect(200);
      const [ming, fang] = students.body.items;
      await t.http().post(`/api/students/${ming.id}/status`).set(bearer(staff)).send({ status: 'ADMITTED' }).expect(200);
      await t
        .http()
        .put(`/api/students/${ming.id}/major`)
        .set(bearer(staff))
        .send({ majorCode: 'M02', reason: 'placement test' })
        .expect(200);
      await t.http().post(`/api/students/${fang.id}/status`).set(bearer(staff)).send({ status: 'REJECTED' }).expect(200);
    });

    const list = (query: string, token = staff) =>
      t.http().get(`/api/cohorts/${listed.cohort.id}/students${query}`).set(bearer(token)).expect(200);

    it('lists the cohort in id order with masked IDs only', async () => {
      const res = await list('');
      expect(res.body).toMatchObject({ total: 5, page: 1, pageSize: 50 });
      expect(names(res.body)).toEqual(['李明', '王芳', '李华', '赵磊', 'Li 50%_off']);
      expect(res.body.items[2].nationalIdMasked).toBe('110105********002X');
      for (const item of res.body.items) expect(item).not.toHaveProperty('nationalId');
      expect(JSON.stringify(res.body)).not.toContain('11010519491231002X');
    });

    it('filters by status, major and county', async () => {
      expect(names((await list('?status=REJECTED')).body)).toEqual(['王芳']);
      expect(names((await list('?status=APPLIED')).body)).toEqual(['李华', '赵磊', 'Li 50%_off']);
      expect(names((await list('?major=M02')).body)).toEqual(['李明']);
      expect(names((await list(`?county=${encodeURIComponent('昭阳区')}`)).body)).toEqual(['王芳', '赵磊']);
      expect(names((await list(`?county=${encodeURIComponent('织金县')}&status=APPLIED`)).body)).toEqual(['李华', 'Li 50%_off']);
    });

    it('searches by part of the name or the tail of the national ID', async () => {
      expect(names((await list(`?q=${encodeURIComponent('李')}`)).body)).toEqual(['李明', '李华']);
      expect(names((await list('?q=002x')).body)).toEqual(['李华']);
      expect(names((await list(`?q=${nationalId(104).slice(-6)}`)).body)).toEqual(['赵磊']);
      expect(names((await list('?q=li')).body)).toEqual(['Li 50%_off']);
    });

    it('treats % and _ in the search as plain characters', async () => {
      expect(names((await list('?q=50%25_')).body)).toEqual(['Li 50%_off']);
      expect(names((await list('?q=%25')).body)).toEqual(['Li 50%_off']);
      expect((await list('?q=_')).body.total).toBe(1);
    });

    it('pages through the list', async () => {
      const res = await list('?page=2&pageSize=2');
      expect(res.body).toMatchObject({ total: 5, page: 2, pageSize: 2 });
      expect(names(res.body)).toEqual(['李华', '赵磊']);
    });

    it('refuses an unknown status filter, a page size over 500 and unknown query fields', async () => {
      const bad = await t
        .http()
        .get(`/api/cohorts/${listed.cohort.id}/students?status=GONE&pageSize=501&sort=name`)
        .set(bearer(staff))
        .expect(400);
      expect([...new Set(fieldsOf(bad.body))]).toEqual(['pageSize', 'sort', 'status']);
    });

    it('answers 404 for an unknown cohort', async () => {
      await t.http().get('/api/cohorts/99999/students').set(bearer(admin)).expect(404);
    });
  });

  describe('GET /api/students/:id', () => {
    let studentId: number;
    let otherId: number;
    let ownToken: string;
    const id = nationalId(201);

    beforeAll(async () => {
      studentId = (await intake(staff, studentBody({ nationalId: id })).expect(201)).body.id;
      otherId = (await intake(staff, studentBody()).expect(201)).body.id;
      ownToken = await signInAs(t, 'student', { studentId });
    });

    it('shows admin and staff the full national ID next to the masked one', async () => {
      for (const token of [admin, staff]) {
        const res = await t.http().get(`/api/students/${studentId}`).set(bearer(token)).expect(200);
        expect(res.body).toMatchObject({
          id: studentId,
          nationalId: id,
          nationalIdMasked: `${id.slice(0, 6)}********${id.slice(-4)}`,
          majorCode: null,
          intendedEnterpriseId: null,
        });
      }
    });

    it('shows a student their own record with the national ID masked only', async () => {
      const res = await t.http().get(`/api/students/${studentId}`).set(bearer(ownToken)).expect(200);
      expect(res.body).toMatchObject({ id: studentId, nationalIdMasked: expect.stringContaining('********'), status: 'APPLIED' });
      expect(res.body).not.toHaveProperty('nationalId');
      expect(JSON.stringify(res.body)).not.toContain(id);
    });

    it('answers a student asking for another student exactly as for a student that does not exist', async () => {
      const other = await t.http().get(`/api/students/${otherId}`).set(bearer(ownToken)).expect(404);
      const missing = await t.http().get('/api/students/99999').set(bearer(ownToken)).expect(404);
      expect(other.body.message.replace(String(otherId), 'N')).toBe(missing.body.message.replace('99999', 'N'));
      await t.http().get('/api/students/99999').set(bearer(staff)).expect(404);
    });
  });

  describe('GET /api/enterprises/:id/students', () => {
    let enterpriseId: number;
    let otherEnterpriseId: number;

    beforeAll(async () => {
      enterpriseId = (await saveEnterprise(t.dataSource)).id;
      otherEnterpriseId = (await saveEnterprise(t.dataSource)).id;
      for (let i = 0; i < 3; i++) await intake(staff, studentBody({ intendedEnterpriseId: enterpriseId })).expect(201);
      await intake(staff, studentBody({ intendedEnterpriseId: otherEnterpriseId })).expect(201);
    });

    it('shows an enterprise the students who intend to work for it, masked and paginated', async () => {
      const token = await signInAs(t, 'enterprise', { enterpriseId });
      const res = await t.http().get(`/api/enterprises/${enterpriseId}/students?pageSize=2`).set(bearer(token)).expect(200);
      expect(res.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      expect(res.body.items).toHaveLength(2);
      for (const item of res.body.items) {
        expect(item).toMatchObject({ intendedEnterpriseId: enterpriseId, nationalIdMasked: expect.stringContaining('********') });
        for (const privateField of ['nationalId', 'povertyRegistered', 'guardianName', 'guardianPhone', 'examScore', 'ineligibleReasons']) {
          expect(item).not.toHaveProperty(privateField);
        }
      }
      const page2 = await t.http().get(`/api/enterprises/${enterpriseId}/students?pageSize=2&page=2`).set(bearer(token)).expect(200);
      expect(page2.body.items).toHaveLength(1);
    });

    it("lets admin and staff see any enterprise's students", async () => {
      for (const token of [admin, staff]) {
        const res = await t.http().get(`/api/enterprises/${otherEnterpriseId}/students`).set(bearer(token)).expect(200);
        expect(res.body.total).toBe(1);
      }
    });

    it('answers another enterprise 404, exactly as for an enterprise that does not exist', async () => {
      const token = await signInAs(t, 'enterprise', { enterpriseId });
      const other = await t.http().get(`/api/enterprises/${otherEnterpriseId}/students`).set(bearer(token)).expect(404);
      const missing = await t.http().get('/api/enterprises/99999/students').set(bearer(token)).expect(404);
      expect(other.body.message.replace(String(otherEnterpriseId), 'N')).toBe(missing.body.message.replace('99999', 'N'));
      await t.http().get('/api/enterprises/99999/students').set(bearer(admin)).expect(404);
    });
  });

  describe('access', () => {
    it('answers 401 without a token on every student endpoint', async () => {
      const c = setup.cohort.id;
      await t.http().post(`/api/cohorts/${c}/students`).send(studentBody()).expect(401);
      await t.http().get(`/api/cohorts/${c}/students`).expect(401);
      await t.http().get('/api/students/1').expect(401);
      await t.http().post('/api/students/1/status').send({ status: 'ADMITTED' }).expect(401);
      await t.http().put('/api/students/1/major').send({ majorCode: 'M01', reason: 'x' }).expect(401);
      await t.http().get('/api/enterprises/1/students').expect(401);
    });

    it('answers 403 to every role that may never call an endpoint', async () => {
      const enterpriseId = (await saveEnterprise(t.dataSource)).id;
      const studentId = (await intake(staff, studentBody()).expect(201)).body.id;
      const enterprise = await signInAs(t, 'enterprise', { enterpriseId });
      const student = await signInAs(t, 'student', { studentId });
      const c = setup.cohort.id;
      for (const token of [enterprise, student]) {
        await t.http().post(`/api/cohorts/${c}/students`).set(bearer(token)).send(studentBody()).expect(403);
        await t.http().get(`/api/cohorts/${c}/students`).set(bearer(token)).expect(403);
        await t.http().post(`/api/students/${studentId}/status`).set(bearer(token)).send({ status: 'ADMITTED' }).expect(403);
        await t.http().put(`/api/students/${studentId}/major`).set(bearer(token)).send({ majorCode: 'M01', reason: 'x' }).expect(403);
      }
      await t.http().get(`/api/students/${studentId}`).set(bearer(enterprise)).expect(403);
      await t.http().get(`/api/enterprises/${enterpriseId}/students`).set(bearer(student)).expect(403);
    });
  });
});
