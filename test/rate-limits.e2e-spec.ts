import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../src/app.factory';
import { DatabaseConfig } from '../src/config/app-config';
import { RateLimitCounterEntity } from '../src/common/rate-limit/rate-limit-counter.entity';
import { bearer, createTestApp, loginAdmin, TestApp, testConfig } from './utils/test-app';

const VERIFY = '/api/agreements/verify/ABCD-EFGH';
const PASSWORD = 'a-long-test-password';

/** One request as the service sees it: from `remoteAddress`, with the X-Forwarded-For the proxies wrote. */
const send = (
  app: NestFastifyApplication,
  method: 'GET' | 'POST',
  url: string,
  from: { remoteAddress?: string; forwardedFor?: string },
  body?: object,
) =>
  app
    .getHttpAdapter()
    .getInstance()
    .inject({
      method,
      url,
      remoteAddress: from.remoteAddress ?? '10.0.0.1',
      headers: from.forwardedFor ? { 'x-forwarded-for': from.forwardedFor } : {},
      ...(body ? { payload: body } : {}),
    });

const signIn = (app: NestFastifyApplication, username: string, password: string, from: { remoteAddress?: string; forwardedFor?: string }) =>
  send(app, 'POST', '/api/auth/login', from, { username, password });

async function createStaff(t: TestApp, username: string): Promise<void> {
  const admin = await loginAdmin(t);
  await t.http().post('/api/users').set(bearer(admin)).send({ username, password: PASSWORD, role: 'staff' }).expect(201);
}

describe('Agreement verification rate limit (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers the 61st request of a minute from one address with 429 and Retry-After; another address goes on', async () => {
    for (let i = 0; i < 60; i++) expect((await send(t.app, 'GET', VERIFY, { remoteAddress: '192.0.2.10' })).statusCode).toBe(404);
    const refused = await send(t.app, 'GET', VERIFY, { remoteAddress: '192.0.2.10' });
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect((await send(t.app, 'GET', VERIFY, { remoteAddress: '192.0.2.11' })).statusCode).toBe(404);
  });
});

describe('Behind one trusted proxy (TRUST_PROXY=true) (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ trustProxy: 1 });
    await createStaff(t, 'proxied.target');
  });
  afterAll(() => t.close());

  it('counts the address the proxy saw, whatever the client wrote to the left of it in X-Forwarded-For', async () => {
    for (let i = 0; i < 60; i++) {
      expect((await send(t.app, 'GET', VERIFY, { forwardedFor: `198.18.0.${i}, 203.0.113.5` })).statusCode).toBe(404);
    }
    expect((await send(t.app, 'GET', VERIFY, { forwardedFor: '198.18.1.1, 203.0.113.5' })).statusCode).toBe(429);
    expect((await send(t.app, 'GET', VERIFY, { forwardedFor: '203.0.113.6' })).statusCode).toBe(404);
  });

  it('counts failed sign-ins under the address the proxy saw, never the spoofed ones', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await signIn(t.app, 'proxied.target', `guess-${i}`, { forwardedFor: `198.18.2.${i}, 203.0.113.7` })).statusCode).toBe(401);
    }
    const counters = await t.dataSource.getRepository(RateLimitCounterEntity).find({ order: { key: 'ASC' } });
    const login = counters.filter((c) => c.key.startsWith('login:'));
    expect(login.map((c) => [c.key, c.count])).toEqual([
      ['login:account:proxied.target', 3],
      ['login:address:203.0.113.7', 3],
    ]);
  });

  it('keeps a locked account locked when the right password arrives from a new address', async () => {
    await createStaff(t, 'locked.account');
    for (let i = 0; i < 5; i++) {
      expect((await signIn(t.app, 'locked.account', `guess-${i}`, { forwardedFor: `203.0.113.${20 + i}` })).statusCode).toBe(401);
    }
    const fromNewAddress = await signIn(t.app, 'locked.account', PASSWORD, { forwardedFor: '198.51.100.99' });
    expect(fromNewAddress.statusCode).toBe(429);
    expect(Number(fromNewAddress.headers['retry-after'])).toBeGreaterThan(800);
    expect((await signIn(t.app, 'proxied.target', PASSWORD, { forwardedFor: '198.51.100.99' })).statusCode).toBe(200);
  });
});

describe('Behind two trusted proxies (TRUST_PROXY=2) (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ trustProxy: 2 });
  });
  afterAll(() => t.close());

  it('counts the address the outer proxy saw: the second entry from the right', async () => {
    for (let i = 0; i < 60; i++) {
      expect((await send(t.app, 'GET', VERIFY, { forwardedFor: `198.18.3.${i}, 198.51.100.7, 10.9.0.${i}` })).statusCode).toBe(404);
    }
    expect((await send(t.app, 'GET', VERIFY, { forwardedFor: '198.18.4.1, 198.51.100.7, 10.9.0.1' })).statusCode).toBe(429);
    expect((await send(t.app, 'GET', VERIFY, { forwardedFor: '198.18.4.1, 198.51.100.8, 10.9.0.1' })).statusCode).toBe(404);
  });
});

describe('Two instances on one database (e2e)', () => {
  let folder: string | undefined;
  let first: TestApp;
  let second: NestFastifyApplication;

  beforeAll(async () => {
    // Each in-memory SQLite database belongs to one app: the two instances share a file instead.
    let database: DatabaseConfig | undefined;
    if (testConfig().database.type === 'sqlite') {
      folder = mkdtempSync(join(tmpdir(), 'tec-two-instances-'));
      database = { type: 'sqlite', path: join(folder, 'tec.sqlite') };
    }
    first = await createTestApp(database ? { database } : {});
    second = await createApp(testConfig(database ? { database } : {}), false);
    await createStaff(first, 'shared.target');
  });
  afterAll(async () => {
    await second.close();
    await first.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('share the verification counter of an address', async () => {
    for (let i = 0; i < 60; i++) {
      expect((await send(i % 2 ? first.app : second, 'GET', VERIFY, { remoteAddress: '192.0.2.50' })).statusCode).toBe(404);
    }
    expect((await send(first.app, 'GET', VERIFY, { remoteAddress: '192.0.2.50' })).statusCode).toBe(429);
    expect((await send(second, 'GET', VERIFY, { remoteAddress: '192.0.2.50' })).statusCode).toBe(429);
  });

  it('share the failed sign-ins of an account', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await signIn(second, 'shared.target', `guess-${i}`, { remoteAddress: `192.0.2.${60 + i}` })).statusCode).toBe(401);
    }
    expect((await signIn(first.app, 'shared.target', PASSWORD, { remoteAddress: '192.0.2.70' })).statusCode).toBe(429);
  });
});
