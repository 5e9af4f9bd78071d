import request from 'supertest';
import { Role } from '../src/common/auth/auth-user';
import { applicantRow, csv, ENGLISH_HEADER } from './factories/spreadsheets';
import { saveStudent } from './factories/students';
import { pdfPages, squeeze } from './utils/pdf-text';
import { PageClient } from './utils/page-client';
import { buildPageWorld, PageWorld, PASSWORD, requirePasswordChange } from './utils/page-world';
import { listControllerRoutes } from './utils/routes';
import { ADMIN, createTestApp, TestApp } from './utils/test-app';

const PAGE_LIMIT = 100 * 1024;
const ALL: Role[] = ['admin', 'staff', 'enterprise', 'student'];
const STAFF: Role[] = ['admin', 'staff'];
const OPEN = 'open' as const;

/**
 * Who may open each page: the roles of the API route the page stands for (the enterprise desk's forms are
 * the enterprise's own). Every page route must be listed, so none ships without a decision.
 */
const PAGE_ACCESS: Record<string, Role[] | typeof OPEN> = {
  'GET /': OPEN,
  'GET /login': OPEN,
  'POST /login': OPEN,
  'POST /logout': OPEN,
  'GET /password': ALL,
  'POST /password': ALL,
  'GET /student': ['student'],
  'GET /student/{id}': ['admin', 'staff', 'student'],
  'GET /student/agreements/{id}/pdf': ALL,
  'GET /enterprise': ['enterprise'],
  'POST /enterprise/placements/{id}/confirm': ['enterprise'],
  'POST /enterprise/placements/{id}/decline': ['enterprise'],
  'GET /enterprise/placements': ['enterprise'],
  'POST /enterprise/placements/decide': ['enterprise'],
  'GET /enterprise/fares': ['enterprise'],
  'POST /enterprise/fares/pay': ['enterprise'],
  'GET /enterprise/students': ['enterprise'],
  'GET /staff': STAFF,
  'POST /staff/cohorts/{id}/approve-due': STAFF,
  'GET /staff/cohorts/{id}': STAFF,
  'POST /staff/cohorts/{id}/major-assignment': STAFF,
  'POST /staff/cohorts/{id}/internships/propose': STAFF,
  'POST /staff/cohorts/{id}/employment/propose': STAFF,
  'POST /staff/cohorts/{id}/agreements': STAFF,
  'POST /staff/cohorts/{id}/student-accounts': STAFF,
  'POST /staff/cohorts/{id}/import': STAFF,
  'GET /staff/cohorts/{id}/report': STAFF,
  'POST /staff/cohorts/{id}/students': STAFF,
  'POST /staff/cohorts/{id}/status': STAFF,
  'POST /staff/cohorts/{id}/enrol': STAFF,
  'GET /staff/cohorts/{id}/approve-due': STAFF,
  'GET /staff/cohorts/{id}/placements': STAFF,
  'GET /staff/cohorts/{id}/agreements': STAFF,
  'GET /staff/cohorts/{id}/agreements/bundle': STAFF,
  'GET /staff/cohorts/{id}/export': STAFF,
  'GET /staff/cohorts/{id}/report/export': STAFF,
  'GET /staff/jobs/{id}': STAFF,
  'GET /staff/setup': STAFF,
  'POST /staff/setup/programs': STAFF,
  'POST /staff/setup/cohorts': STAFF,
  'POST /staff/setup/enterprises': STAFF,
  'GET /staff/setup/cohorts/{id}': STAFF,
  'POST /staff/setup/cohorts/{id}/majors': STAFF,
  'POST /staff/setup/cohorts/{id}/quotas': STAFF,
  'GET /staff/search': STAFF,
  'GET /staff/students/{id}': STAFF,
  'POST /staff/students/{id}/status': STAFF,
  'POST /staff/students/{id}/major': STAFF,
  'POST /staff/students/{id}/lines/{lineId}/approve': STAFF,
  'POST /staff/students/{id}/lines/{lineId}/pay': STAFF,
  'POST /staff/students/{id}/agreements': STAFF,
  'POST /staff/students/{id}/account': STAFF,
  'POST /staff/students/{id}/bank-account': STAFF,
  'GET /staff/payment-batches': STAFF,
  'GET /staff/payment-batches/preview': STAFF,
  'POST /staff/payment-batches': STAFF,
  'GET /staff/payment-batches/{id}': STAFF,
  'POST /staff/payment-batches/{id}/bank-file': STAFF,
  'POST /staff/payment-batches/{id}/return-file': STAFF,
};

describe('Web pages over HTTP: session, CSRF, languages and each role (e2e)', () => {
  let t: TestApp;
  let world: PageWorld;

  beforeAll(async () => {
    t = await createTestApp();
    world = await buildPageWorld(t);
  }, 60_000);
  afterAll(() => t.close());

  const signedIn = async (username: string): Promise<PageClient> => {
    const client = new PageClient(t);
    const res = await client.signIn(username, PASSWORD);
    expect(res.status).toBe(303);
    return client;
  };

  describe('authorization of every page', () => {
    const clients = {} as Record<Role, PageClient>;

    beforeAll(async () => {
      clients.admin = new PageClient(t);
      expect((await clients.admin.signIn(ADMIN.username, ADMIN.password)).status).toBe(303);
      clients.staff = await signedIn(world.users.staff);
      clients.enterprise = await signedIn(world.users.hr);
      clients.student = await signedIn(world.users.studentA);
      for (const role of ALL) await clients[role].get('/password');
    });

    it('has an access rule for every page route, and no rule for a route that is not served', () => {
      const routes = listControllerRoutes(t.app, '', { pages: true }).map((r) => (r.endsWith(' ') ? `${r}/` : r));
      expect(routes.sort()).toEqual(Object.keys(PAGE_ACCESS).sort());
    });

    // Ids of things nobody owns: an admitted role gets 404 or 400, never 403; a refused one gets 403 first.
    const send = (client: PageClient, route: string) => {
      const [method, path] = route.split(' ');
      const url = path.replace(/\{\w+\}/g, '999999');
      return method === 'GET' ? client.get(url) : client.post(url, {});
    };

    for (const [route, access] of Object.entries(PAGE_ACCESS)) {
      if (access === OPEN) continue;
      it(`${route} sends a visitor without a session to the sign-in form`, async () => {
        const client = new PageClient(t);
        await client.get('/login');
        const res = await send(client, route);
        expect([res.status, res.headers.location]).toEqual([303, expect.stringMatching(/^\/login/)]);
      });
      for (const role of ALL) {
        const allowed = access.includes(role);
        it(`${route} ${allowed ? 'admits' : 'refuses with 403'} role ${role}`, async () => {
          const res = await send(clients[role], route);
          if (allowed) expect(res.status).not.toBe(403);
          else expect(res.status).toBe(403);
        });
      }
    }
  });

  describe('sign-in and the session', () => {
    it('sends a visitor without a session to the sign-in form, keeping where they were going', async () => {
      const res = await new PageClient(t).get(`/student/${world.studentA.id}`);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(`/student/${world.studentA.id}`)}`);
      expect((await new PageClient(t).get('/')).headers.location).toBe('/login');
    });

    it('shows the sign-in form in Chinese with labels for every field', async () => {
      const res = await new PageClient(t).get('/login');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('<label for="username">用户名</label>');
      expect(res.text).toContain('<label for="password">密码</label>');
      expect(res.text).toContain('name="viewport"');
    });

    it('sets an HttpOnly, SameSite=Lax session cookie, not Secure over plain HTTP', async () => {
      const client = new PageClient(t);
      await client.get('/login');
      const res = await client.post('/login', { username: world.users.studentA, password: PASSWORD });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/student/${world.studentA.id}`);
      const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('tec_session='))!;
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Lax/);
      expect(cookie).not.toMatch(/; Secure/);
    });

    it('refuses a wrong password with the message on the form and 401', async () => {
      const client = new PageClient(t);
      await client.get('/login');
      const res = await client.post('/login', { username: world.users.studentA, password: 'wrong-password-123' });
      expect(res.status).toBe(401);
      expect(res.text).toContain('用户名或密码错误');
      expect(res.text).toContain(`value="${world.users.studentA}"`);
    });

    it('names each empty field next to it with 400', async () => {
      const client = new PageClient(t);
      await client.get('/login');
      const res = await client.post('/login', { username: '', password: '' });
      expect(res.status).toBe(400);
      expect(res.text).toContain('<div class="field-error" id="username-error">必填</div>');
      expect(res.text).toContain('<div class="field-error" id="password-error">必填</div>');
    });

    it('refuses a form posted without its CSRF token with 403, and one with a token of another session, with a page saying so', async () => {
      const client = new PageClient(t);
      await client.get('/login');
      const other = new PageClient(t);
      await other.get('/login');
      for (const refused of [
        await client.post('/login', { username: world.users.studentA, password: PASSWORD }, false),
        await client.post('/login', { username: world.users.studentA, password: PASSWORD, _csrf: other.csrf }, false),
      ]) {
        expect(refused.status).toBe(403);
        expect(refused.headers['content-type']).toMatch(/^text\/html/);
        expect(refused.text).toContain('这张表单已失效（登录已超时，或已在别处重新登录），未保存任何内容。请重新打开页面后再提交。');
        expect(refused.text).not.toMatch(/csrf token/i);
      }
    });

    it('tells a signed-out staff member who sends a form from an old tab that it is no longer valid, in English when chosen', async () => {
      const client = await signedIn(world.users.staff);
      await client.get('/staff?lang=en');
      await client.post('/logout', {});
      const stale = await client.post(`/staff/cohorts/${world.cohortId}/approve-due`, { dueOnOrBefore: '2019-09-30' });
      expect(stale.status).toBe(403);
      expect(stale.text).toContain(
        'This form is no longer valid (the sign-in timed out, or you signed in again elsewhere); nothing was saved.',
      );
    });

    it('answers an address no page has with the not-found page in the page language, and /api with the JSON error', async () => {
      const page = await new PageClient(t).get('/staff/no-such-page?lang=en');
      expect(page.status).toBe(404);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('This page or record does not exist.');
      const api = await request(t.app.getHttpServer()).get('/api/no-such-thing');
      expect(api.status).toBe(404);
      expect(api.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    });

    it('signs out: the session is cleared and the pages ask for a sign-in again', async () => {
      const client = await signedIn(world.users.studentA);
      await client.get(`/student/${world.studentA.id}`);
      const out = await client.post('/logout', {});
      expect(out.status).toBe(303);
      expect(out.headers.location).toBe('/login');
      expect((await client.get(`/student/${world.studentA.id}`)).status).toBe(303);
    });

    /** Signs in and returns the session cookie as a browser would send it, so a copy can be replayed. */
    const copiedCookie = async (client: PageClient, username: string, password = PASSWORD): Promise<string> => {
      await client.get('/login');
      const res = await client.post('/login', { username, password });
      expect(res.status).toBe(303);
      const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('tec_session='))!;
      return cookie.split(';')[0];
    };

    it('ends the session on the server when signing out: a copy of the cookie no longer opens the pages', async () => {
      const client = new PageClient(t);
      const copy = await copiedCookie(client, world.users.staff);
      expect((await t.http().get('/staff').set('Cookie', copy)).status).toBe(200);
      await client.get('/staff');
      expect((await client.post('/logout', {})).status).toBe(303);
      const replayed = await t.http().get('/staff').set('Cookie', copy);
      expect([replayed.status, replayed.headers.location]).toEqual([303, '/login?next=%2Fstaff']);
      expect((await signedIn(world.users.staff).then((c) => c.get('/staff'))).status).toBe(200);
    });

    it('ends every other session of the account on a password change, and its tokens; the session that changed it goes on', async () => {
      const admin = (await t.http().post('/api/auth/login').send(ADMIN).expect(200)).body.accessToken as string;
      await t
        .http()
        .post('/api/users')
        .set('Authorization', `Bearer ${admin}`)
        .send({ username: 'pages.changer', password: PASSWORD, role: 'staff' })
        .expect(201);
      const token = (await t.http().post('/api/auth/login').send({ username: 'pages.changer', password: PASSWORD }).expect(200)).body
        .accessToken as string;
      const other = await copiedCookie(new PageClient(t), 'pages.changer');
      const changer = new PageClient(t);
      await copiedCookie(changer, 'pages.changer');
      await changer.get('/password');
      expect(
        (
          await changer.post('/password', {
            currentPassword: PASSWORD,
            newPassword: 'a-new-long-password',
            confirmPassword: 'a-new-long-password',
          })
        ).status,
      ).toBe(303);
      expect((await changer.get('/staff')).status).toBe(200);
      expect((await t.http().get('/staff').set('Cookie', other)).headers.location).toBe('/login?next=%2Fstaff');
      await t.http().get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    });

    it('does not follow a next address to another site', async () => {
      const client = new PageClient(t);
      await client.get('/login?next=//evil.example/x');
      const res = await client.post('/login', { username: world.users.studentA, password: PASSWORD, next: '//evil.example/x' });
      expect(res.headers.location).toBe(`/student/${world.studentA.id}`);
    });
  });

  describe('languages', () => {
    it('switches to English with ?lang=en and remembers it in a cookie', async () => {
      const client = await signedIn(world.users.studentA);
      const en = await client.get(`/student/${world.studentA.id}?lang=en`);
      expect(en.text).toContain('My stipends');
      expect(en.text).toContain('<html lang="en">');
      expect((await client.get(`/student/${world.studentA.id}`)).text).toContain('Paid so far');
      expect((await client.get(`/student/${world.studentA.id}?lang=zh`)).text).toContain('已发放');
    });

    /** Where the page's language link goes. */
    const languageLink = (html: string): string =>
      /<a href="([^"]*)" lang="[^"]*">/
        .exec(html)![1]
        .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
        .replace(/&amp;/g, '&');

    it('switches the language of a page without losing what it was asked for', async () => {
      const client = await signedIn(world.users.staff);
      const filtered = await client.get(`/staff/cohorts/${world.cohortId}?status=ENROLLED&q=%E5%BC%A0`);
      expect(languageLink(filtered.text)).toBe(`/staff/cohorts/${world.cohortId}?status=ENROLLED&q=%E5%BC%A0&lang=en`);
      expect(filtered.headers['referrer-policy']).toBe('same-origin');
      // An address that names another host, or none that parses, still gets a link to a page of ours.
      expect(languageLink((await client.get('//evil.example/staff?lang=en')).text)).toBe('/staff?lang=zh');
      const unparsable = await client.get('//[');
      expect(unparsable.status).toBe(404);
      expect(languageLink(unparsable.text)).toBe('/?lang=zh');
    });

    it('after a refused form, switches the language of the page the form was on, not of the address only a POST has', async () => {
      const client = await signedIn(world.users.staff);
      const cohortPage = `/staff/cohorts/${world.cohortId}`;
      await client.get(cohortPage);
      const refused = await client
        .post(`${cohortPage}/students`, { fullName: '' })
        .set('Host', 'tec.example')
        .set('Referer', `http://tec.example${cohortPage}?status=ENROLLED`);
      expect(refused.status).toBe(400);
      const link = languageLink(refused.text);
      expect(link).toBe(`${cohortPage}?status=ENROLLED&lang=en`);
      const english = await client.get(link);
      expect(english.status).toBe(200);
      expect(english.text).toContain('<html lang="en">');

      // Another site's address, or none, is never followed: the home page instead.
      for (const referer of ['http://evil.example/staff', undefined]) {
        const sent = client.post(`${cohortPage}/students`, { fullName: '' }).set('Host', 'tec.example');
        const page = await (referer ? sent.set('Referer', referer) : sent);
        expect(languageLink(page.text)).toBe('/?lang=zh');
      }
    });
  });

  describe('the student', () => {
    it('sees paid so far, the next payment and its date, and what is held and why', async () => {
      const client = await signedIn(world.users.studentA);
      const res = await client.get(`/student/${world.studentA.id}`);
      expect(res.status).toBe(200);
      expect(res.text).toContain('<div class="value" id="paid">¥5,000.00</div>');
      expect(res.text).toContain('<div class="value" id="next">¥5,000.00</div>');
      expect(res.text).toContain('<strong id="next-date">2019-09-01</strong>');
      expect(res.text).toMatch(/id="held">¥[\d,]+\.00</);
      expect(res.text).toContain('自 2020-03-01 起暂停，原因：illness');
    });

    it('sees the full schedule and the agreements with a download link', async () => {
      const client = await signedIn(world.users.studentA);
      const res = await client.get(`/student/${world.studentA.id}`);
      const rows = res.text.split('<tbody>')[1].split('</tbody>')[0].match(/<tr>/g) ?? [];
      expect(rows).toHaveLength(9);
      expect(res.text).toContain('寒假往返路费');
      expect(res.text).toContain(`href="/student/agreements/${world.studentA.agreementId}/pdf"`);
      const pdf = await client.agent.get(`/student/agreements/${world.studentA.agreementId}/pdf`).buffer(true);
      expect(pdf.status).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['content-disposition']).toMatch(/^attachment; filename="agreement-\d+-tripartite-v1\.pdf"$/);
      expect(Buffer.from(pdf.body).subarray(0, 5).toString()).toBe('%PDF-');
    });

    it('cannot open another student page or agreement: 404 as if missing', async () => {
      const client = await signedIn(world.users.studentA);
      const page = await client.get(`/student/${world.studentB.id}`);
      expect(page.status).toBe(404);
      expect(page.text).toContain('找不到该页面或记录');
      expect((await client.get(`/student/agreements/${world.studentB.agreementId}/pdf`)).status).toBe(404);
      expect((await client.get('/student/999999')).status).toBe(404);
    });

    it('is refused the enterprise and staff pages with 403', async () => {
      const client = await signedIn(world.users.studentA);
      expect((await client.get('/enterprise')).status).toBe(403);
      expect((await client.get('/staff')).status).toBe(403);
      expect((await client.post(`/enterprise/placements/${world.studentC.placementId}/decline`, { reason: 'x' })).status).toBe(403);
    });

    it('answers 400 for an id that is not one', async () => {
      const client = await signedIn(world.users.studentA);
      expect((await client.get('/student/abc')).status).toBe(400);
    });

    it('keeps every page under 100 KB', async () => {
      const student = await signedIn(world.users.studentA);
      const hr = await signedIn(world.users.hr);
      const staff = await signedIn(world.users.staff);
      for (const [client, path] of [
        [student, `/student/${world.studentA.id}`],
        [hr, '/enterprise'],
        [staff, '/staff'],
        [new PageClient(t), '/login'],
      ] as const) {
        const res = await client.get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
        expect(Buffer.byteLength(res.text)).toBeLessThan(PAGE_LIMIT);
      }
    });
  });

  describe('a one-time password', () => {
    it('must be changed before any page opens, then the pages open with the new one', async () => {
      const username = `otp-${world.studentB.id}`;
      const admin = await signedIn(world.users.staff);
      expect(admin).toBeDefined();
      await t.http().post('/api/auth/login').send({ username: world.users.studentB, password: PASSWORD }).expect(200);
      await requirePasswordChange(t, world.users.studentB);
      const client = new PageClient(t);
      await client.get('/login');
      const res = await client.post('/login', { username: world.users.studentB, password: PASSWORD });
      expect(res.headers.location).toBe('/password');
      expect((await client.get(`/student/${world.studentB.id}`)).headers.location).toBe('/password');
      const form = await client.get('/password');
      expect(form.text).toContain('这是一次性密码');
      const short = await client.post('/password', { currentPassword: PASSWORD, newPassword: 'short' });
      expect(short.status).toBe(400);
      expect(short.text).toContain('id="newPassword-error"');
      const wrong = await client.post('/password', {
        currentPassword: 'not-the-password',
        newPassword: 'a-new-long-password',
        confirmPassword: 'a-new-long-password',
      });
      expect(wrong.status).toBe(400);
      expect(wrong.text).toContain('id="currentPassword-error"');
      const done = await client.post('/password', {
        currentPassword: PASSWORD,
        newPassword: 'a-new-long-password',
        confirmPassword: 'a-new-long-password',
      });
      expect(done.status).toBe(303);
      expect(done.headers.location).toBe(`/student/${world.studentB.id}`);
      const page = await client.get(`/student/${world.studentB.id}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('密码已修改');
      expect(username).toBeTruthy();
    });
  });

  // The enterprise's pages: test/pages-enterprise.e2e-spec.ts.

  describe('staff', () => {
    it('see the cohorts with their numbers and approve the payments due', async () => {
      const client = await signedIn(world.users.staff);
      const res = await client.get('/staff');
      expect(res.status).toBe(200);
      expect(res.text).toContain('2019级云贵班');
      expect(res.text).toMatch(/在读: \d+/);
      const bad = await client.post(`/staff/cohorts/${world.cohortId}/approve-due`, { dueOnOrBefore: '2019-02-30' });
      expect(bad.status).toBe(303);
      expect((await client.get('/staff')).text).toContain(`id="due-${world.cohortId}-error"`);
      await client.post(`/staff/cohorts/${world.cohortId}/approve-due`, { dueOnOrBefore: '2019-09-30' }).expect(303);
      expect((await client.get('/staff')).text).toMatch(/已审批 \d+ 笔/);
    });

    it('see a cohort with its majors and its students, filtered and a page at a time', async () => {
      const client = await signedIn(world.users.staff);
      const all = await client.get(`/staff/cohorts/${world.cohortId}`);
      expect(all.status).toBe(200);
      expect(all.text).toContain('共 3 人');
      expect(all.text).toContain(world.studentA.fullName);
      expect(all.text).toContain('<label for="f-county">户籍县</label>');
      const suspended = await client.get(`/staff/cohorts/${world.cohortId}?status=SUSPENDED`);
      expect(suspended.text).toContain('共 1 人');
      expect(suspended.text).toContain('<option value="SUSPENDED" selected>');
      const byName = await client.get(`/staff/cohorts/${world.cohortId}?q=${encodeURIComponent('王芳')}`);
      expect(byName.text).toContain('共 1 人');
      const paged = await client.get(`/staff/cohorts/${world.cohortId}?pageSize=2&page=2`);
      expect(paged.text).toContain('第 2 页，共 2 页');
      expect(paged.text).toContain(`href="/staff/cohorts/${world.cohortId}?page=1#students"`);
      expect((await client.get(`/staff/cohorts/${world.cohortId}?status=NOPE`)).status).toBe(400);
      expect((await client.get('/staff/cohorts/999999')).status).toBe(404);
    });

    it('run major assignment as a dry run and see the result and cut-offs', async () => {
      const client = await signedIn(world.users.staff);
      await client.get(`/staff/cohorts/${world.cohortId}`);
      const res = await client.post(`/staff/cohorts/${world.cohortId}/major-assignment`, { dryRun: 'true' });
      expect(res.status).toBe(200);
      expect(res.text).toContain('试算结果（未保存）');
      expect(res.text).toContain('<p class="ok" id="assigned">已分配 0 人</p>');
      expect(res.text).toContain('<table id="cutoffs">');
    });

    it('propose internships, and are told next to the field when the date is missing', async () => {
      const client = await signedIn(world.users.staff);
      await client.get(`/staff/cohorts/${world.cohortId}`);
      expect((await client.post(`/staff/cohorts/${world.cohortId}/internships/propose`, { startDate: '' })).status).toBe(303);
      expect((await client.get(`/staff/cohorts/${world.cohortId}`)).text).toContain(
        '<div class="field-error" id="internship-start-error">必填</div>',
      );
      const res = await client.post(`/staff/cohorts/${world.cohortId}/internships/propose`, { startDate: '2021-07-01' });
      expect(res.status).toBe(200);
      expect(res.text).toMatch(/已提出 \d+ 个安排/);
      const jobs = await client.post(`/staff/cohorts/${world.cohortId}/employment/propose`, { startDate: '2022-07-01' });
      expect(jobs.text).toContain('已提出 0 个安排');
    });

    it('generate a cohort agreements and follow the progress page until it is done', async () => {
      const client = await signedIn(world.users.staff);
      await client.get(`/staff/cohorts/${world.cohortId}`);
      expect((await client.post(`/staff/cohorts/${world.cohortId}/agreements`, { kind: 'BOGUS' })).status).toBe(303);
      const start = await client.post(`/staff/cohorts/${world.cohortId}/agreements`, { kind: 'FUNDING' });
      expect(start.status).toBe(303);
      expect(start.headers.location).toMatch(/^\/staff\/jobs\/\d+$/);
      let page = await client.get(start.headers.location);
      for (let i = 0; i < 50 && page.text.includes('http-equiv="refresh"'); i++) {
        await new Promise((r) => setTimeout(r, 100));
        page = await client.get(start.headers.location);
      }
      expect(page.status).toBe(200);
      expect(page.text).toContain('<strong id="job-status">已完成</strong>');
      expect(page.text).toContain('已完成 3 / 3');
      expect(page.text).not.toContain('http-equiv="refresh"');
      const other = await signedIn(world.users.staff);
      expect((await other.get('/staff/jobs/999999')).status).toBe(404);
    });

    it('create sign-ins for enrolled students without one and download the printable sheet', async () => {
      const newcomer = await saveStudent(t.dataSource, world.cohortId, { fullName: '赵新生', status: 'ENROLLED', majorCode: 'M01' });
      const client = await signedIn(world.users.staff);
      await client.get(`/staff/cohorts/${world.cohortId}`);
      const res = await client.agent
        .post(`/staff/cohorts/${world.cohortId}/student-accounts`)
        .type('form')
        .send({ _csrf: client.csrf })
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['cache-control']).toBe('no-store');
      const text = squeeze((await pdfPages(res.body as Buffer)).join(''));
      expect(text).toContain('赵新生');
      expect(text).toContain(`stu${newcomer.id}`);
      expect(text).not.toContain('李四');
      expect((await client.post(`/staff/cohorts/${world.cohortId}/student-accounts`, {}, false)).status).toBe(403);
    });

    it('see the cohort report as bar charts drawn in inline SVG', async () => {
      const client = await signedIn(world.users.staff);
      const res = await client.get(`/staff/cohorts/${world.cohortId}/report`);
      expect(res.status).toBe(200);
      expect(res.text).toContain('<svg class="chart"');
      expect(res.text).toMatch(/<text[^>]*>在读<\/text><rect x="160" y="\d+" width="\d+" height="20"/);
      expect(res.text).toContain('¥5,000.00');
      expect(res.text).not.toContain('<script');
      expect(Buffer.byteLength(res.text)).toBeLessThan(PAGE_LIMIT);
    });

    it('see any student page, and get 404 for a cohort that does not exist', async () => {
      const client = await signedIn(world.users.staff);
      expect((await client.get(`/student/${world.studentA.id}`)).status).toBe(200);
      await client.get('/staff');
      expect((await client.post('/staff/cohorts/999999/approve-due', { dueOnOrBefore: '2019-09-30' })).status).toBe(404);
    });

    it('upload a county spreadsheet, see the dry-run report with every error, then import it', async () => {
      const client = await signedIn(world.users.staff);
      const page = await client.get(`/staff/cohorts/${world.cohortId}`);
      expect(page.text).toContain('enctype="multipart/form-data"');
      const upload = (file: Buffer, dryRun: boolean, token = client.csrf) =>
        client.agent
          .post(`/staff/cohorts/${world.cohortId}/import?${dryRun ? 'dryRun=true&' : ''}_csrf=${encodeURIComponent(token)}`)
          .attach('file', file, 'zhijin-2019.csv');
      const bad = csv([...ENGLISH_HEADER], [applicantRow(), applicantRow({ nationalId: '520524200307011230' })]);
      const checked = await upload(bad, true);
      expect(checked.status).toBe(200);
      expect(checked.text).toContain('文件有错误，未导入任何学生。');
      expect(checked.text).toMatch(/<tr><td class="num">3<\/td><td>李小龙<\/td><td>nationalId<\/td>/);
      const refused = await upload(bad, false);
      expect(refused.status).toBe(422);
      const good = csv([...ENGLISH_HEADER], [applicantRow(), applicantRow()]);
      const dry = await upload(good, true);
      expect(dry.text).toContain('检查完成，未保存。');
      expect(dry.text).toContain('确认无误后，再次选择该文件导入');
      const saved = await upload(good, false);
      expect(saved.status).toBe(200);
      expect(saved.text).toContain('已导入 2 名学生。');
      expect((await upload(good, true, 'not-the-token')).status).toBe(403);
      const empty = await client.agent
        .post(`/staff/cohorts/${world.cohortId}/import?_csrf=${encodeURIComponent(client.csrf)}`)
        .field('x', 'y');
      expect(empty.status).toBe(303);
      expect((await client.get(`/staff/cohorts/${world.cohortId}`)).text).toContain(
        '<div class="field-error" id="import-file-error">必填</div>',
      );
    });
  });
});

describe('Web pages behind an HTTPS load balancer (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ trustProxy: 1 });
  });
  afterAll(() => t.close());

  it('marks the session cookie Secure when the request came over HTTPS', async () => {
    const res = await t.http().get('/login').set('X-Forwarded-Proto', 'https').expect(200);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('tec_session='))!;
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
  });
});
