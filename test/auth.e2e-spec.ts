import { UserEntity } from '../src/auth/user.entity';
import { ADMIN, bearer, createTestApp, login, loginAdmin, signInAs, TestApp } from './utils/test-app';

describe('Auth and accounts (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('signs in the first admin from the environment and answers /auth/me', async () => {
    const res = await t.http().post('/api/auth/login').send(ADMIN).expect(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 8 * 3600, user: { username: 'admin', role: 'admin' } });
    const me = await t.http().get('/api/auth/me').set(bearer(res.body.accessToken)).expect(200);
    expect(me.body).toEqual({ id: res.body.user.id, username: 'admin', role: 'admin', mustChangePassword: false, active: true });
  });

  it('gives the same 401 for an unknown user and a wrong password', async () => {
    const unknown = await t.http().post('/api/auth/login').send({ username: 'nobody-here', password: 'whatever-password' }).expect(401);
    const wrong = await t.http().post('/api/auth/login').send({ username: 'admin', password: 'wrong-password' }).expect(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body).toEqual({ statusCode: 401, error: 'Unauthorized', code: 'UNAUTHENTICATED', message: 'Wrong username or password' });
  });

  it('refuses requests without a token, with a malformed one and with a forged one', async () => {
    await t.http().get('/api/auth/me').expect(401);
    await t.http().get('/api/auth/me').set('Authorization', 'Token abc').expect(401);
    const forged = (await loginAdmin(t)).slice(0, -4) + 'AAAA';
    await t.http().get('/api/auth/me').set(bearer(forged)).expect(401);
  });

  it('never returns a password or hash when creating a user', async () => {
    const admin = await loginAdmin(t);
    const res = await t
      .http()
      .post('/api/users')
      .set(bearer(admin))
      .send({ username: 'staff.li', password: 'staff-password-1', role: 'staff' })
      .expect(201);
    expect(res.body).toEqual({ id: expect.any(Number), username: 'staff.li', role: 'staff', mustChangePassword: false, active: true });
    expect(JSON.stringify(res.body)).not.toMatch(/staff-password-1|passwordHash|argon/);
    await login(t, 'staff.li', 'staff-password-1');
  });

  it('refuses short passwords, unknown roles and unknown fields, naming each field', async () => {
    const admin = await loginAdmin(t);
    const res = await t
      .http()
      .post('/api/users')
      .set(bearer(admin))
      .send({ username: 'x y', password: 'short', role: 'root', extra: 1 })
      .expect(400);
    const fields = res.body.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['extra', 'password', 'role', 'username']);
  });

  it('answers a duplicate username with 409', async () => {
    const admin = await loginAdmin(t);
    const body = { username: 'dup.user', password: 'staff-password-1', role: 'staff' };
    await t.http().post('/api/users').set(bearer(admin)).send(body).expect(201);
    const res = await t.http().post('/api/users').set(bearer(admin)).send(body).expect(409);
    expect(res.body.code).toBe('DUPLICATE');
  });

  it('requires an existing enterprise for an enterprise account and a student for a student account', async () => {
    const admin = await loginAdmin(t);
    const noEnterprise = await t
      .http()
      .post('/api/users')
      .set(bearer(admin))
      .send({ username: 'hr.one', password: 'hr-password-12', role: 'enterprise' })
      .expect(400);
    expect(noEnterprise.body.details).toEqual([{ field: 'enterpriseId', message: 'is required for role enterprise' }]);
    const unknown = await t
      .http()
      .post('/api/users')
      .set(bearer(admin))
      .send({ username: 'hr.two', password: 'hr-password-12', role: 'enterprise', enterpriseId: 999 })
      .expect(400);
    expect(unknown.body.details).toEqual([{ field: 'enterpriseId', message: 'no such enterprise' }]);
    const wrongBinding = await t
      .http()
      .post('/api/users')
      .set(bearer(admin))
      .send({ username: 'staff.x', password: 'hr-password-12', role: 'staff', studentId: 1 })
      .expect(400);
    expect(wrongBinding.body.details[0].field).toBe('studentId');
    const noStudent = await t
      .http()
      .post('/api/users')
      .set(bearer(admin))
      .send({ username: 'stu.x', password: 'stu-password-12', role: 'student', studentId: 4242 })
      .expect(400);
    expect(noStudent.body.details).toEqual([{ field: 'studentId', message: 'no such student' }]);
  });

  it('lets staff create only enterprise and student accounts', async () => {
    const staff = await signInAs(t, 'staff');
    await t
      .http()
      .post('/api/users')
      .set(bearer(staff))
      .send({ username: 'staff.two', password: 'staff-password-1', role: 'staff' })
      .expect(403);
    await t
      .http()
      .post('/api/users')
      .set(bearer(staff))
      .send({ username: 'admin.two', password: 'admin-password-2', role: 'admin' })
      .expect(403);
  });

  it('changes a password and refuses a wrong current password', async () => {
    const admin = await loginAdmin(t);
    await t
      .http()
      .post('/api/users')
      .set(bearer(admin))
      .send({ username: 'changer', password: 'first-password-1', role: 'staff' })
      .expect(201);
    const token = await login(t, 'changer', 'first-password-1');
    const wrong = await t
      .http()
      .post('/api/auth/password')
      .set(bearer(token))
      .send({ currentPassword: 'nope', newPassword: 'second-password-2' })
      .expect(400);
    expect(wrong.body.details).toEqual([{ field: 'currentPassword', message: 'is wrong' }]);
    await t
      .http()
      .post('/api/auth/password')
      .set(bearer(token))
      .send({ currentPassword: 'first-password-1', newPassword: 'second-password-2' })
      .expect(200);
    await t.http().post('/api/auth/login').send({ username: 'changer', password: 'first-password-1' }).expect(401);
    await login(t, 'changer', 'second-password-2');
  });

  it('audits account creation without the password', async () => {
    const admin = await loginAdmin(t);
    const created = await t
      .http()
      .post('/api/users')
      .set(bearer(admin))
      .send({ username: 'audited', password: 'audited-password', role: 'staff' })
      .expect(201);
    const res = await t.http().get(`/api/audit?entityType=user&entityId=${created.body.id}`).set(bearer(admin)).expect(200);
    expect(res.body.total).toBe(1);
    expect(res.body.items[0]).toMatchObject({
      action: 'user.created',
      entityType: 'user',
      entityId: created.body.id,
      before: null,
      after: { username: 'audited', role: 'staff' },
    });
    expect(JSON.stringify(res.body)).not.toMatch(/audited-password|argon/);
  });

  it('rate-limits repeated failed sign-ins with 429, even with the right password', async () => {
    const admin = await loginAdmin(t);
    await t
      .http()
      .post('/api/users')
      .set(bearer(admin))
      .send({ username: 'target', password: 'target-password', role: 'staff' })
      .expect(201);
    for (let i = 0; i < 5; i++) {
      await t
        .http()
        .post('/api/auth/login')
        .send({ username: 'target', password: `guess-${i}` })
        .expect(401);
    }
    const blocked = await t.http().post('/api/auth/login').send({ username: 'target', password: 'target-password' }).expect(429);
    expect(blocked.body.code).toBe('RATE_LIMITED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(900);
    await login(t, 'admin', ADMIN.password);
  });

  /** A new staff account signed in twice: two tokens of one account. */
  const twoTokens = async (username: string) => {
    const admin = await loginAdmin(t);
    const created = await t
      .http()
      .post('/api/users')
      .set(bearer(admin))
      .send({ username, password: 'first-password-1', role: 'staff' })
      .expect(201);
    return {
      id: created.body.id as number,
      admin,
      first: await login(t, username, 'first-password-1'),
      second: await login(t, username, 'first-password-1'),
    };
  };

  describe('revocation', () => {
    it('ends every other token of the account when its password changes, and the new token works', async () => {
      const { first, second } = await twoTokens('revoked.by.change');
      const changed = await t
        .http()
        .post('/api/auth/password')
        .set(bearer(first))
        .send({ currentPassword: 'first-password-1', newPassword: 'second-password-2' })
        .expect(200);
      for (const old of [first, second]) {
        const res = await t.http().get('/api/auth/me').set(bearer(old)).expect(401);
        expect(res.body.code).toBe('UNAUTHENTICATED');
      }
      await t.http().get('/api/auth/me').set(bearer(changed.body.accessToken)).expect(200);
      await t.http().get('/api/audit').set(bearer(changed.body.accessToken)).expect(200);
    });

    it('refuses the token of an account that no longer exists', async () => {
      const { first } = await twoTokens('deleted.later');
      await t.dataSource.getRepository(UserEntity).delete({ username: 'deleted.later' });
      expect((await t.http().get('/api/audit').set(bearer(first)).expect(401)).body.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('account administration', () => {
    it('lists accounts to an admin a page at a time, filtered by role, without any password hash', async () => {
      const admin = await loginAdmin(t);
      for (const username of ['list.hr.a', 'list.staff.a', 'list.staff.b']) {
        await t.http().post('/api/users').set(bearer(admin)).send({ username, password: 'list-password-1', role: 'staff' }).expect(201);
      }
      const all = await t.http().get('/api/users?pageSize=2').set(bearer(admin)).expect(200);
      expect(all.body).toMatchObject({ page: 1, pageSize: 2, total: expect.any(Number) });
      expect(all.body.items).toHaveLength(2);
      expect(all.body.items[0]).toEqual({
        id: expect.any(Number),
        username: 'admin',
        role: 'admin',
        mustChangePassword: false,
        active: true,
      });
      const second = await t.http().get('/api/users?pageSize=2&page=2').set(bearer(admin)).expect(200);
      expect(second.body.items[0].id).toBeGreaterThan(all.body.items[1].id);
      const admins = await t.http().get('/api/users?role=admin').set(bearer(admin)).expect(200);
      expect(admins.body.items.map((u: { role: string }) => u.role)).toEqual(['admin']);
      const staff = await t.http().get('/api/users?role=staff&pageSize=500').set(bearer(admin)).expect(200);
      expect(staff.body.items.map((u: { username: string }) => u.username)).toEqual(
        expect.arrayContaining(['list.staff.a', 'list.staff.b']),
      );
      expect(staff.body.items.every((u: { role: string }) => u.role === 'staff')).toBe(true);
      expect(JSON.stringify([all.body, staff.body])).not.toMatch(/passwordHash|argon|list-password/);
      expect((await t.http().get('/api/users?role=root').set(bearer(admin)).expect(400)).body.details[0].field).toBe('role');
    });

    it('deactivates an account: its tokens answer 401 at once and it signs in no more, with the wrong-password answer', async () => {
      const { id, admin, first } = await twoTokens('to.deactivate');
      const res = await t.http().patch(`/api/users/${id}`).set(bearer(admin)).send({ active: false }).expect(200);
      expect(res.body).toEqual({ id, username: 'to.deactivate', role: 'staff', mustChangePassword: false, active: false });
      await t.http().get('/api/auth/me').set(bearer(first)).expect(401);
      const refused = await t.http().post('/api/auth/login').send({ username: 'to.deactivate', password: 'first-password-1' }).expect(401);
      const wrong = await t.http().post('/api/auth/login').send({ username: 'admin', password: 'not-the-password' }).expect(401);
      expect(refused.body).toEqual(wrong.body);

      await t.http().patch(`/api/users/${id}`).set(bearer(admin)).send({ active: true }).expect(200);
      await t.http().get('/api/auth/me').set(bearer(first)).expect(401);
      await t
        .http()
        .get('/api/auth/me')
        .set(bearer(await login(t, 'to.deactivate', 'first-password-1')))
        .expect(200);

      const audit = await t.http().get(`/api/audit?entityType=user&entityId=${id}`).set(bearer(admin)).expect(200);
      expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['user.activated', 'user.deactivated', 'user.created']);
      expect(audit.body.items[1]).toMatchObject({ before: { active: true }, after: { active: false } });
      expect(audit.body.items[0]).toMatchObject({ before: { active: false }, after: { active: true } });
    });

    it('refuses an admin deactivating their own account with 409, and an unknown account with 404', async () => {
      const admin = await loginAdmin(t);
      const me = await t.http().get('/api/auth/me').set(bearer(admin)).expect(200);
      const res = await t.http().patch(`/api/users/${me.body.id}`).set(bearer(admin)).send({ active: false }).expect(409);
      expect(res.body.code).toBe('CONFLICT');
      await t.http().get('/api/auth/me').set(bearer(admin)).expect(200);
      await t.http().patch('/api/users/999999').set(bearer(admin)).send({ active: false }).expect(404);
      await t.http().patch(`/api/users/${me.body.id}`).set(bearer(admin)).send({ active: 'no' }).expect(400);
    });

    it('keeps account administration to admins: staff get 403', async () => {
      const staff = await signInAs(t, 'staff');
      await t.http().get('/api/users').set(bearer(staff)).expect(403);
      await t.http().patch('/api/users/1').set(bearer(staff)).send({ active: false }).expect(403);
      await t
        .http()
        .get('/api/auth/me')
        .set(bearer(await loginAdmin(t)))
        .expect(200);
    });
  });
});
