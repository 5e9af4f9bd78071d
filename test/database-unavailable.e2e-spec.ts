import { Client } from 'pg';
import { programBody } from './factories/bodies';
import { bearer, createTestApp, loginAdmin, TestApp } from './utils/test-app';

/**
 * A database that refuses writes (read-only PostgreSQL, SQLite in query-only mode): health answers 503
 * so the balancer takes the instance out, and requests answer 503 DATABASE_UNAVAILABLE, never 500.
 */
describe('a database that refuses writes (e2e)', () => {
  let t: TestApp;
  let admin: string;

  /** PostgreSQL: every new session of the database is read-only; the app's open sessions are ended. */
  async function setReadOnly(on: boolean): Promise<void> {
    if (t.dataSource.options.type !== 'postgres') {
      await t.dataSource.query(`PRAGMA query_only = ${on ? 'ON' : 'OFF'}`);
      return;
    }
    const url = new URL(process.env.TEST_DATABASE_URL as string);
    const name = url.pathname.slice(1);
    // From another database: a session of this one could not undo its own read-only default.
    url.pathname = '/postgres';
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await client.query(
        `ALTER DATABASE "${name}" ${on ? 'SET default_transaction_read_only = on' : 'RESET default_transaction_read_only'}`,
      );
      await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
    } finally {
      await client.end();
    }
  }

  /** After the database turns writable again, the pool may still hand out a session ended a moment ago. */
  async function healthyAgain(): Promise<void> {
    for (let attempt = 0; attempt < 50; attempt++) {
      if ((await t.http().get('/api/health')).status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('health did not come back');
  }

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
  });
  afterAll(async () => {
    try {
      await setReadOnly(false);
    } finally {
      await t.close();
    }
  });

  it('answers health 503 while the database is read-only, and 200 once it accepts writes again', async () => {
    expect((await t.http().get('/api/health').expect(200)).body).toMatchObject({ status: 'ok', database: 'up' });
    await setReadOnly(true);
    expect((await t.http().get('/api/health').expect(503)).body).toMatchObject({ status: 'error', database: 'down' });
    expect((await t.http().get('/api/health').expect(503)).body).toMatchObject({ status: 'error', database: 'down' });
    await setReadOnly(false);
    await healthyAgain();
  });

  it('answers a write 503 DATABASE_UNAVAILABLE in the usual error shape, with nothing of the database in it', async () => {
    await setReadOnly(true);
    const refused = await t.http().post('/api/programs').set(bearer(admin)).send(programBody()).expect(503);
    expect(refused.body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      code: 'DATABASE_UNAVAILABLE',
      message: 'The database is unavailable; try again shortly',
    });
    await setReadOnly(false);
    await healthyAgain();
    await t.http().post('/api/programs').set(bearer(admin)).send(programBody()).expect(201);
  });
});
