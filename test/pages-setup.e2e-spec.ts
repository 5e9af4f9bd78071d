import { DomainError, ERROR_STATUS, ErrorCode } from '../src/common/errors/domain-error';
import { EnterpriseEntity } from '../src/enterprises/enterprise.entity';
import { ProgramsService } from '../src/programs/programs.service';
import { StaffSetupPagesService } from '../src/pages/staff-setup-pages.service';
import { ProgramEntity } from '../src/programs/program.entity';
import { QuotaEntity } from '../src/enterprises/quota.entity';
import { MajorEntity } from '../src/programs/major.entity';
import { creditCode, nationalId } from './factories/ids';
import { saveCohort, saveEnterprise, saveProgram } from './factories/reference-data';
import { insertStudents, saveStudent } from './factories/students';
import { PageClient } from './utils/page-client';
import { buildPageWorld, PageWorld, PASSWORD } from './utils/page-world';
import { ADMIN, createTestApp, fixClock, TestApp } from './utils/test-app';

const PAGE_LIMIT = 100 * 1024;
/** A lower-case English word of three letters or more, in a page's visible text: an untranslated API message. */
const ENGLISH_WORD = /\b[a-z]{3,}\b/;

/** The reasons a page gives for a refusal: the form's message, each field's line, the error page's text. */
function refusalText(html: string): string {
  const parts = [...html.matchAll(/<p class="bad"[^>]*>([\s\S]*?)<\/p>|<div class="field-error"[^>]*>([\s\S]*?)<\/div>/g)].map(
    (m) => m[1] ?? m[2],
  );
  expect(parts.length).toBeGreaterThan(0);
  return parts.join('\n');
}

/** An input's value as the page shows it again, in the form of that id (the page has several with a "name"). */
function valueOf(html: string, name: string, form: string): string | null {
  const part = new RegExp(`<form[^>]*id="${form}"[\\s\\S]*?</form>`).exec(html)?.[0] ?? '';
  return new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(part)?.[1] ?? null;
}

describe('Staff setup and search pages (e2e)', () => {
  let t: TestApp;
  let world: PageWorld;
  let admin: PageClient;
  let staff: PageClient;

  const signedIn = async (username: string, password = PASSWORD): Promise<PageClient> => {
    const client = new PageClient(t);
    expect((await client.signIn(username, password)).status).toBe(303);
    return client;
  };

  beforeAll(async () => {
    t = await createTestApp();
    world = await buildPageWorld(t);
    admin = await signedIn(ADMIN.username, ADMIN.password);
    staff = await signedIn(world.users.staff);
    fixClock(t, '2019-05-20T02:00:00Z');
  }, 60_000);
  afterAll(() => t.close());

  describe('who may open them', () => {
    const routes = ['/staff/setup', () => `/staff/setup/cohorts/${world.cohortId}`, '/staff/search?q=张'];
    const posts = [
      '/staff/setup/programs',
      '/staff/setup/cohorts',
      '/staff/setup/enterprises',
      () => `/staff/setup/cohorts/${world.cohortId}/majors`,
      () => `/staff/setup/cohorts/${world.cohortId}/quotas`,
    ];
    const path = (p: string | (() => string)) => (typeof p === 'string' ? p : p());

    it('refuses enterprise and student accounts with the 403 page, for every page and form', async () => {
      for (const username of [world.users.hr, world.users.studentA]) {
        const client = await signedIn(username);
        await client.get('/password');
        for (const route of routes) {
          const res = await client.get(path(route));
          expect({ route: path(route), status: res.status }).toEqual({ route: path(route), status: 403 });
          expect(res.text).toContain('您的账号无权查看此页面。');
        }
        for (const route of posts) {
          const res = await client.post(path(route), { name: 'x' });
          expect({ route: path(route), status: res.status }).toEqual({ route: path(route), status: 403 });
        }
        const programs = await t.dataSource.getRepository(ProgramEntity).count();
        expect(programs).toBe(1);
      }
    });

    it('sends a visitor without a session to the sign-in form', async () => {
      const res = await new PageClient(t).get('/staff/setup');
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/login?next=${encodeURIComponent('/staff/setup')}`);
    });

    it('puts the setup link and the search box in the header of staff pages only', async () => {
      expect((await staff.get('/staff')).text).toMatch(/<form method="get" action="\/staff\/search" role="search">/);
      const student = await signedIn(world.users.studentB);
      expect((await student.get(`/student/${world.studentB.id}`)).text).not.toContain('action="/staff/search"');
    });
  });

  describe('/staff/setup', () => {
    it('creates a programme with its policy typed in yuan, stored in fen, and shows it in yuan', async () => {
      await staff.get('/staff/setup');
      const res = await staff.post('/staff/setup/programs', {
        code: 'YG2019',
        name: '2019 云贵班项目',
        funder: 'GOVERNMENT',
        studyYears: '3',
        educationFundYuan: '3,500.5',
        livingAllowanceYuan: '4000',
        winterFareYuan: '1200',
        educationFundInstallments: '2',
        livingAllowanceInstallments: '10',
        homeCounties: '织金县、纳雍县 威宁县',
      });
      expect(res.status).toBe(303);
      const program = await t.dataSource.getRepository(ProgramEntity).findOneByOrFail({ code: 'YG2019' });
      expect(res.headers.location).toBe(`/staff/setup#program-${program.id}`);
      expect(program).toMatchObject({
        funder: 'GOVERNMENT',
        educationFundFen: 350050,
        livingAllowanceFen: 400000,
        winterFareFen: 120000,
        educationFundInstallments: 2,
        livingAllowanceInstallments: 10,
        eligibleHomeCounties: ['织金县', '纳雍县', '威宁县'],
        // The box was left unticked.
        requirePovertyRegistration: false,
      });
      const page = await staff.get('/staff/setup');
      expect(page.text).toContain('资助项目已建立。');
      expect(page.text).toMatch(
        new RegExp(`<tr id="program-${program.id}">.*¥3,500\\.50.*¥4,000\\.00.*¥1,200\\.00.*织金县、纳雍县、威宁县`),
      );
    });

    it('refuses a programme code already taken, in Chinese, keeping what was typed (409)', async () => {
      await staff.get('/staff/setup');
      const res = await staff.post('/staff/setup/programs', {
        code: 'YG2019',
        name: '另一个项目',
        funder: 'ENTERPRISE',
        educationFundYuan: '6000',
      });
      expect(res.status).toBe(409);
      expect(res.text).toContain('项目代码 YG2019 已被使用。');
      expect(valueOf(res.text, 'name', 'new-program')).toBe('另一个项目');
      expect(valueOf(res.text, 'educationFundYuan', 'new-program')).toBe('6000');
      expect(res.text).not.toContain('is taken');
    });

    it('names each bad field of a programme in Chinese, an amount by its yuan field, and saves nothing (400)', async () => {
      await staff.get('/staff/setup');
      const before = await t.dataSource.getRepository(ProgramEntity).count();
      const res = await staff.post('/staff/setup/programs', {
        code: 'bad code',
        name: '项目',
        funder: 'ENTERPRISE',
        winterFareYuan: '12.345',
        studyYears: '9',
      });
      expect(res.status).toBe(400);
      expect(res.text).toContain('请检查填写的内容。');
      expect(res.text).toMatch(/id="program-code-error">只能由字母、数字、下划线或连字符组成/);
      expect(res.text).toMatch(/id="program-fare-error">请填写 0 至 1,000,000 元的金额，最多两位小数/);
      expect(res.text).toMatch(/id="program-years-error">不能大于 6/);
      expect(valueOf(res.text, 'winterFareYuan', 'new-program')).toBe('12.345');
      expect(ENGLISH_WORD.exec(refusalText(res.text))).toBeNull();
      expect(await t.dataSource.getRepository(ProgramEntity).count()).toBe(before);
    });

    it('creates a cohort for a programme and opens its majors and quotas page', async () => {
      const program = await t.dataSource.getRepository(ProgramEntity).findOneByOrFail({ code: 'YG2019' });
      const form = await staff.get('/staff/setup');
      // The form's default start date is today's business date.
      expect(valueOf(form.text, 'startDate', 'new-cohort')).toBe('2019-05-20');
      const res = await staff.post('/staff/setup/cohorts', {
        programId: String(program.id),
        name: '2019级云贵班（二）',
        intakeYear: '2019',
        startDate: '2019-09-01',
      });
      expect(res.status).toBe(303);
      const page = await staff.get(res.headers.location);
      expect(page.status).toBe(200);
      expect(page.text).toContain('2019级云贵班（二）：专业与名额');
      expect(page.text).toContain('2019 云贵班项目');
      expect(page.text).toContain('班级已建立，请添加专业与名额。');
    });

    it('refuses a cohort with a date that is no date, in Chinese (400)', async () => {
      await staff.get('/staff/setup');
      const res = await staff.post('/staff/setup/cohorts', { programId: '1', name: '2020级', intakeYear: '2020', startDate: '2020-02-30' });
      expect(res.status).toBe(400);
      expect(res.text).toMatch(/id="cohort-start-error">请按 年-月-日 填写日期/);
      expect(valueOf(res.text, 'name', 'new-cohort')).toBe('2020级');
    });

    it('registers an enterprise, and refuses a credit code whose check character is wrong next to the field', async () => {
      await staff.get('/staff/setup');
      const good = creditCode(777001);
      const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
      const refused = await staff.post('/staff/setup/enterprises', {
        name: '长兴新材料有限公司',
        creditCode: wrong,
        contactName: '陈经理',
        contactPhone: '0572-6012345',
      });
      expect(refused.status).toBe(400);
      expect(refused.text).toMatch(/id="enterprise-code-error">校验位不符，请逐位核对/);
      expect(valueOf(refused.text, 'creditCode', 'new-enterprise')).toBe(wrong);
      expect(valueOf(refused.text, 'name', 'new-enterprise')).toBe('长兴新材料有限公司');
      expect(ENGLISH_WORD.exec(refusalText(refused.text))).toBeNull();

      const saved = await staff.post('/staff/setup/enterprises', {
        name: '长兴新材料有限公司',
        creditCode: good.toLowerCase(),
        contactName: '陈经理',
        contactPhone: '0572-6012345',
      });
      expect(saved.status).toBe(303);
      const enterprise = await t.dataSource.getRepository(EnterpriseEntity).findOneByOrFail({ creditCode: good });
      expect(saved.headers.location).toBe(`/staff/setup?page=1#enterprise-${enterprise.id}`);
      expect((await staff.get(saved.headers.location)).text).toContain(
        `<tr id="enterprise-${enterprise.id}"><td class="wrap">长兴新材料有限公司</td><td>${good}</td>`,
      );

      await staff.get('/staff/setup');
      const again = await staff.post('/staff/setup/enterprises', {
        name: '重名公司',
        creditCode: good,
        contactName: '王',
        contactPhone: '0572-1234567',
      });
      expect(again.status).toBe(409);
      expect(again.text).toContain(`统一社会信用代码 ${good} 已登记。`);
    });

    it('adds majors with their seats and quotas by enterprise and major, with names, not ids', async () => {
      const enterprise = await t.dataSource.getRepository(EnterpriseEntity).findOneByOrFail({ creditCode: creditCode(777001) });
      const cohortPath = `/staff/setup/cohorts/${world.cohortId}`;
      await admin.get(cohortPath);
      const major = await admin.post(`${cohortPath}/majors`, {
        code: 'M07',
        name: '数控技术',
        institution: '长兴县职业技术教育中心',
        capacity: '35',
      });
      expect(major.status).toBe(303);
      expect(major.headers.location).toBe(`${cohortPath}#major-M07`);
      expect(await t.dataSource.getRepository(MajorEntity).findOneByOrFail({ cohortId: world.cohortId, code: 'M07' })).toMatchObject({
        capacity: 35,
      });

      await admin.get(cohortPath);
      const duplicate = await admin.post(`${cohortPath}/majors`, { code: 'M07', name: '数控', institution: '学校', capacity: '-1' });
      expect(duplicate.status).toBe(400);
      expect(duplicate.text).toMatch(/id="major-capacity-error">不能小于 0/);
      const taken = await admin.post(`${cohortPath}/majors`, { code: 'M07', name: '数控', institution: '学校', capacity: '3' });
      expect(taken.status).toBe(409);
      expect(taken.text).toContain('本班级已有专业代码 M07。');

      await admin.get(cohortPath);
      const quota = await admin.post(`${cohortPath}/quotas`, { enterpriseId: String(enterprise.id), majorCode: 'M07', seats: '12' });
      expect(quota.status).toBe(303);
      const row = await t.dataSource.getRepository(QuotaEntity).findOneByOrFail({ cohortId: world.cohortId, enterpriseId: enterprise.id });
      expect(row).toMatchObject({ majorCode: 'M07', seats: 12 });
      const page = await admin.get(quota.headers.location);
      expect(page.text).toContain(
        `<tr id="quota-${row.id}"><td class="wrap">长兴新材料有限公司</td><td class="wrap">数控技术 <small>M07</small></td><td class="num">12</td>`,
      );

      const again = await admin.post(`${cohortPath}/quotas`, { enterpriseId: String(enterprise.id), majorCode: 'M07', seats: '3' });
      expect(again.status).toBe(409);
      expect(again.text).toContain('该企业在本班级已有专业 M07 的名额。');
      // A select tampered with: the service's own check, each field named in Chinese next to it.
      const unknown = await admin.post(`${cohortPath}/quotas`, { enterpriseId: '99999', majorCode: 'M99', seats: '3' });
      expect(unknown.status).toBe(400);
      expect(unknown.text).toMatch(/id="quota-enterprise"[^>]*aria-invalid="true"[\s\S]*不存在/);
      expect(unknown.text).toContain('不是本班级的专业');
      expect(ENGLISH_WORD.exec(refusalText(unknown.text))).toBeNull();
    });

    it('answers 404 for a cohort that does not exist, page and forms alike', async () => {
      expect((await staff.get('/staff/setup/cohorts/99999')).status).toBe(404);
      const res = await staff.post('/staff/setup/cohorts/99999/majors', { code: 'M01', name: 'x', institution: 'y', capacity: '1' });
      expect(res.status).toBe(404);
      expect(res.text).toContain('找不到该页面或记录。');
    });

    it('speaks English with ?lang=en, the refusals included', async () => {
      await staff.get('/staff/setup?lang=en');
      const res = await staff.post('/staff/setup/programs', { code: 'YG2019', name: 'x', funder: 'ENTERPRISE' });
      expect(res.status).toBe(409);
      expect(res.text).toContain('Programme code YG2019 is taken.');
      expect(res.text).toContain('New programme');
      await staff.get('/staff/setup?lang=zh');
    });
  });

  describe('/staff/search', () => {
    let other: { cohortId: number; id: number; nationalId: string };

    beforeAll(async () => {
      const program = await saveProgram(t.dataSource);
      const cohort = await saveCohort(t.dataSource, program.id, { name: '2018级云贵班', intakeYear: 2018 });
      const id = nationalId(321, '20031111');
      const student = await saveStudent(t.dataSource, cohort.id, {
        fullName: '欧阳娜娜',
        nationalId: id,
        phone: '139-0000-7788',
        status: 'ENROLLED',
        majorCode: 'M01',
      });
      other = { cohortId: cohort.id, id: student.id, nationalId: id };
    });

    it('finds a student of any cohort by part of the name, linking to the staff page with cohort, status in words and masked ID', async () => {
      const res = await staff.get(`/staff/search?q=${encodeURIComponent('欧阳')}`);
      expect(res.status).toBe(200);
      expect(res.text).toContain('找到 1 名学生');
      expect(res.text).toContain(
        `<tr><td><a href="/staff/students/${other.id}">欧阳娜娜</a></td><td class="wrap">2018级云贵班</td><td>在读</td><td>${other.nationalId.slice(0, 6)}********${other.nationalId.slice(-4)}</td></tr>`,
      );
      expect(res.text).not.toContain(other.nationalId);
    });

    it('finds by the full ID, by its tail and by the phone number (spaces and hyphens ignored)', async () => {
      for (const q of [other.nationalId, other.nationalId.toLowerCase(), other.nationalId.slice(-6), '13900007788', '139 0000 7788']) {
        const res = await staff.get(`/staff/search?q=${encodeURIComponent(q)}`);
        expect({ q, link: res.text.includes(`href="/staff/students/${other.id}"`) }).toEqual({ q, link: true });
      }
      const none = await staff.get(`/staff/search?q=${encodeURIComponent('不存在的名字')}`);
      expect(none.text).toContain('没有找到符合的学生。');
      // A wildcard typed is a character, not "anything".
      expect((await staff.get('/staff/search?q=%25')).text).toContain('没有找到符合的学生。');
      expect((await staff.get('/staff/search')).text).toContain('在所有班级中查找');
    });

    it('pages a class-size result under 100 KB', async () => {
      const program = await saveProgram(t.dataSource);
      const cohort = await saveCohort(t.dataSource, program.id, { name: '2019级大班' });
      await insertStudents(t.dataSource, cohort.id, 200);
      const first = await staff.get(`/staff/search?q=${encodeURIComponent('学生')}`);
      expect(first.text).toContain('找到 200 名学生');
      expect(first.text.match(/href="\/staff\/students\/\d+"/g)).toHaveLength(50);
      expect(first.text).toContain('第 1 页，共 4 页');
      expect(Buffer.byteLength(first.text)).toBeLessThan(PAGE_LIMIT);
      const last = await staff.get(`/staff/search?q=${encodeURIComponent('学生')}&page=4`);
      expect(last.text.match(/href="\/staff\/students\/\d+"/g)).toHaveLength(50);
      expect(last.text).toContain('第 4 页，共 4 页');
      const bad = await staff.get('/staff/search?q=x&page=0');
      expect(bad.status).toBe(400);
      expect(ENGLISH_WORD.exec(refusalText(bad.text))).toBeNull();
    });
  });

  it('keeps the setup pages under 100 KB with a year of reference data', async () => {
    for (let i = 0; i < 60; i++) await saveEnterprise(t.dataSource);
    const overview = await staff.get('/staff/setup');
    expect(overview.status).toBe(200);
    expect(Buffer.byteLength(overview.text)).toBeLessThan(PAGE_LIMIT);
    expect(overview.text).toContain('第 1 页，共 2 页');
    const cohort = await staff.get(`/staff/setup/cohorts/${world.cohortId}`);
    expect(Buffer.byteLength(cohort.text)).toBeLessThan(PAGE_LIMIT);
  });
  /**
   * Every error code through a real page route, the real filter and templates: the service behind the page is made
   * to refuse with the code and an English message of the API's kind (a stub only for the error's source, as most
   * codes cannot be met on these pages), and neither the error page nor the re-rendered form shows that English.
   */
  describe('every API error code, as a page shows it', () => {
    const SAMPLES: Record<ErrorCode, DomainError> = {
      VALIDATION_FAILED: new DomainError('VALIDATION_FAILED', 'code: code must be 1 to 32 letters, digits, underscores or hyphens', [
        { field: 'code', message: 'code must be 1 to 32 letters, digits, underscores or hyphens' },
      ]),
      UNAUTHENTICATED: new DomainError('UNAUTHENTICATED', 'Missing or invalid bearer token'),
      FORBIDDEN: new DomainError('FORBIDDEN', 'Role staff may not do this'),
      PASSWORD_CHANGE_REQUIRED: new DomainError('PASSWORD_CHANGE_REQUIRED', 'Change the one-time password first'),
      NOT_FOUND: new DomainError('NOT_FOUND', 'Programme 12 not found'),
      DUPLICATE: new DomainError('DUPLICATE', 'Programme code YG2019 is taken'),
      ILLEGAL_TRANSITION: new DomainError('ILLEGAL_TRANSITION', 'A student cannot go from APPLIED to ENROLLED'),
      CAPACITY_FULL: new DomainError('CAPACITY_FULL', 'Major M01 has no free seat; an admin may force it'),
      CONFLICT: new DomainError('CONFLICT', 'Student 7 was changed by another request meanwhile; reload and try again'),
      ALREADY_PAID: new DomainError('ALREADY_PAID', 'This line is already paid'),
      IDEMPOTENCY_KEY_REUSED: new DomainError('IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key abc was used on this line with a different body'),
      UNPROCESSABLE: new DomainError('UNPROCESSABLE', 'The spreadsheet has no sheet with rows'),
      IMPORT_REJECTED: new DomainError('IMPORT_REJECTED', 'The file has errors; nothing was imported'),
      PAYLOAD_TOO_LARGE: new DomainError('PAYLOAD_TOO_LARGE', 'The file is larger than the limit'),
      UNSUPPORTED_MEDIA_TYPE: new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send a .csv or .xlsx file'),
      RATE_LIMITED: new DomainError('RATE_LIMITED', 'Too many requests; retry later'),
      DATABASE_UNAVAILABLE: new DomainError('DATABASE_UNAVAILABLE', 'The database is unavailable'),
    };
    const codes = Object.keys(ERROR_STATUS) as ErrorCode[];

    afterEach(() => jest.restoreAllMocks());

    it.each(codes)('%s on the error page and next to a form', async (code) => {
      const error = SAMPLES[code];
      const status = ERROR_STATUS[code];
      jest.spyOn(t.app.get(StaffSetupPagesService), 'overview').mockRejectedValueOnce(error);
      const page = await staff.get('/staff/setup');
      expect(page.status).toBe(status);
      expect(page.text).not.toContain(error.message);
      expect(ENGLISH_WORD.exec(refusalText(page.text))).toBeNull();

      await staff.get('/staff/setup');
      jest.spyOn(t.app.get(ProgramsService), 'create').mockRejectedValueOnce(error);
      const form = await staff.post('/staff/setup/programs', { code: 'OK1', name: '项目', funder: 'ENTERPRISE' });
      expect(form.status).toBe(status);
      expect(form.text).not.toContain(error.message);
      expect(ENGLISH_WORD.exec(refusalText(form.text))).toBeNull();
      // Refused next to the form (what was typed kept), except what has a page of its own: not found, not allowed.
      if (code !== 'NOT_FOUND' && code !== 'FORBIDDEN') expect(valueOf(form.text, 'code', 'new-program')).toBe('OK1');
    });
  });
});
