import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { Clock } from '../../src/common/clock';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { runMigrations } from '../../src/database/run-migrations';
import { ENTITIES } from '../../src/database/entities';
import { fixtureHandle, guardWrites } from './write-guard';

export const ADMIN = { username: 'admin', password: 'admin-password-1' };
/** 32 bytes in hex, so no test writes a generated key into ./data. */
export const TEST_BANK_ACCOUNT_KEY = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

/**
 * Tests run against in-memory SQLite, or against PostgreSQL when TEST_DATABASE_URL is a postgres:// URL
 * (`.ci/run` runs the e2e suite both ways). PostgreSQL is emptied before each app, so run in band.
 */
export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    ...loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: process.env.TEST_DATABASE_URL || 'sqlite::memory:',
      JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-0123456789',
      BANK_ACCOUNT_KEY: TEST_BANK_ACCOUNT_KEY,
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
    }),
    ...overrides,
  };
}

export interface TestApp {
  app: NestFastifyApplication;
  http: () => ReturnType<typeof request>;
  dataSource: DataSource;
  close: () => Promise<void>;
}

export async function createTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const config = testConfig(overrides);
  if (config.database.type === 'postgres') await emptyPostgres(config);
  // TEST_LOGS=1 shows the app's log, e.g. the error behind a 500.
  const app = await createApp(config, process.env.TEST_LOGS ? undefined : false);
  const writes = guardWrites(app.get(DataSource));
  return {
    app,
    http: () => request(app.getHttpServer()),
    dataSource: fixtureHandle(app.get(DataSource)),
    close: async () => {
      await app.close();
      // Fails the spec: such a write would join another request's transaction on SQLite.
      if (writes.outside.length) throw new Error(`writes outside TransactionRunner.run:\n${writes.outside.join('\n\n')}`);
    },
  };
}

async function emptyPostgres(config: AppConfig): Promise<void> {
  const dataSource = await new DataSource(dataSourceOptions(config.database)).initialize();
  try {
    await runMigrations(dataSource);
    const tables = ENTITIES.map((entity) => `"${dataSource.getMetadata(entity).tableName}"`).join(', ');
    await dataSource.query(`TRUNCATE TABLE ${tables} RESTART IDENTITY CASCADE`);
    // pg-boss installs itself again; no job of an earlier app may reach this one.
    await dataSource.query('DROP SCHEMA IF EXISTS pgboss CASCADE');
  } finally {
    await dataSource.destroy();
  }
}

/** Stops the app's clock at `instant` for every service, as the one Clock instance they share. */
export const fixClock = (t: TestApp, instant: string): jest.SpyInstance<Date, []> =>
  jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(instant));

export const bearer = (token: string): { Authorization: string } => ({ Authorization: `Bearer ${token}` });

export async function login(t: TestApp, username: string, password: string): Promise<string> {
  const res = await t.http().post('/api/auth/login').send({ username, password }).expect(200);
  return res.body.accessToken as string;
}

export const loginAdmin = (t: TestApp): Promise<string> => login(t, ADMIN.username, ADMIN.password);

let userCounter = 0;

/** Creates an account through the API as admin and signs it in. */
export async function signInAs(
  t: TestApp,
  role: 'admin' | 'staff' | 'enterprise' | 'student',
  binding: { enterpriseId?: number; studentId?: number } = {},
): Promise<string> {
  const admin = await loginAdmin(t);
  const username = `${role}-${++userCounter}-${process.pid}`;
  const password = 'a-long-test-password';
  await t
    .http()
    .post('/api/users')
    .set(bearer(admin))
    .send({ username, password, role, ...binding })
    .expect(201);
  return login(t, username, password);
}

/** The distinct fields an error answer names, sorted. */
export const fieldsOf = (body: { details?: { field: string }[] }): string[] =>
  [...new Set((body.details ?? []).map((d) => d.field))].sort();
