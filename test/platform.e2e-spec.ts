import { DataSource } from 'typeorm';
import { listControllerRoutes } from './utils/routes';
import { bearer, createTestApp, loginAdmin, TestApp } from './utils/test-app';

describe('Platform: health, docs, errors and headers (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers /api/health without a token', async () => {
    const res = await t.http().get('/api/health').expect(200);
    expect(res.body).toEqual({
      status: 'ok',
      database: 'up',
      businessDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      timeZone: 'Asia/Shanghai',
    });
  });

  it('serves the OpenAPI document and the docs page without a token', async () => {
    const json = await t.http().get('/api/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/auth/me', '/api/users', '/api/audit', '/api/health']),
    );
    expect(json.body.components.schemas.LoginDto.properties).toHaveProperty('username');
    const page = await t.http().get('/api/docs').expect(200);
    expect(page.text).toContain('swagger');
  });

  it('documents every route the application serves', async () => {
    const json = await t.http().get('/api/docs-json').expect(200);
    const documented = new Set(
      Object.entries(json.body.paths as Record<string, object>).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
      ),
    );
    const routes = listControllerRoutes(t.app);
    expect(routes.length).toBeGreaterThan(5);
    expect(routes.filter((r) => !documented.has(r))).toEqual([]);
  });

  it('sets security headers on API answers, pages, refusals and unknown routes alike', async () => {
    const answers = [
      await t.http().get('/api/health').expect(200),
      await t.http().get('/login').expect(200),
      await t.http().get('/api/me/disbursements').expect(401),
      await t.http().get('/api/no-such-thing').expect(404),
      await t.http().post('/api/auth/login').set('Content-Type', 'text/plain').send('admin').expect(415),
      await t.http().get('/no-such-page').expect(404),
    ];
    for (const res of answers) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toBeDefined();
      expect(res.headers['content-security-policy']).toContain("script-src 'self' 'unsafe-inline'");
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('answers an unknown route with 404 in the error shape', async () => {
    const admin = await loginAdmin(t);
    const res = await t.http().get('/api/no-such-thing').set(bearer(admin)).expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('answers malformed JSON with 400 and no parser internals', async () => {
    const res = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send('{"username": "admin",').expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(/not valid JSON/),
    });
  });

  it('answers a body over 1 MiB with 413', async () => {
    const res = await t
      .http()
      .post('/api/auth/login')
      .send({ username: 'admin', password: 'x'.repeat(1024 * 1024) })
      .expect(413);
    expect(res.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large', code: 'PAYLOAD_TOO_LARGE' });
  });

  it('answers a missing body field and a wrong type with 400 naming each field', async () => {
    const res = await t.http().post('/api/auth/login').send({ username: 42 }).expect(400);
    expect(new Set(res.body.details.map((d: { field: string }) => d.field))).toEqual(new Set(['username', 'password']));
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+|node_modules|\/work\//);
  });

  it('answers 503 from /api/health when the database is down', async () => {
    const down = await createTestApp();
    await down.app.get(DataSource).destroy();
    const res = await down.http().get('/api/health').expect(503);
    expect(res.body).toMatchObject({ status: 'error', database: 'down' });
    await down.app.get(DataSource).initialize();
    await down.close();
  });
});
