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
    expect(me.body).toEqual({ id: res.body.user.id, username: 'admin', role: 'admin', mustChangePassword: false });
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
    expect(res.body).toEqual({ id: expect.any(Number), username: 'staff.li', role: 'staff', mustChangePassword: false });
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
    expect(blocked.headers['retry-after']).toBeDefined();
    await login(t, 'admin', ADMIN.password);
  });
});
