import type { Pool, QueryConfig } from 'pg';
import { DataSource } from 'typeorm';
import { AccountStateService } from '../src/auth/account-state.service';
import { saveCohortWithMajors } from './factories/reference-data';
import { saveStudent } from './factories/students';
import { bearer, createTestApp, loginAdmin, signInAs, TestApp } from './utils/test-app';

/** The read path's two queries are prepared once and reused for every student and account (issue 17). */
describe('Prepared reads on the hot path (e2e, on the configured database)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
  });
  afterAll(() => t.close());

  it('reads a schedule and an account state as statements prepared once, whichever student or account', async () => {
    const { cohort } = await saveCohortWithMajors(t.dataSource);
    const [first, second] = [await saveStudent(t.dataSource, cohort.id), await saveStudent(t.dataSource, cohort.id)];
    const dataSource = t.app.get(DataSource);
    const accounts = t.app.get(AccountStateService);
    const [{ id: adminId }] = (await t.dataSource.query(`SELECT "id" FROM "user_account" WHERE "username" = 'admin'`)) as { id: number }[];
    const readBoth = async (studentId: number) => {
      await t.http().get(`/api/students/${studentId}/disbursements`).set(bearer(admin)).expect(200);
      accounts.forget(adminId);
      expect(await accounts.current(adminId)).toMatchObject({ active: true });
    };
    await readBoth(first.id);
    if (dataSource.options.type === 'postgres') {
      // TypeORM sends every query unnamed, to be parsed and planned again; these two go by name.
      const pool = (dataSource.driver as unknown as { master: Pool }).master;
      const query = jest.spyOn(pool, 'query');
      await readBoth(second.id);
      const names = query.mock.calls.map(([config]) => (config as unknown as QueryConfig).name).filter((name) => name !== undefined);
      expect(names).toEqual(['schedule-of-student', 'account-states']);
      query.mockRestore();
    } else {
      // better-sqlite3's own statements, kept: neither prepared again nor sent through TypeORM's query runner.
      const connection = (dataSource.driver as unknown as { databaseConnection: { prepare: (sql: string) => unknown } }).databaseConnection;
      const prepare = jest.spyOn(connection, 'prepare');
      const runner = dataSource.driver.createQueryRunner('master');
      const viaTypeorm = jest.spyOn(runner, 'query');
      await readBoth(second.id);
      expect(prepare.mock.calls.map(([sql]) => sql)).toEqual([]);
      const hotReads = viaTypeorm.mock.calls.map(([sql]) => sql).filter((sql) => /FROM "(disbursement_line|user_account)"/.test(sql));
      expect(hotReads).toEqual([]);
      prepare.mockRestore();
      viaTypeorm.mockRestore();
    }
  });

  it('answers each account its own state; on PostgreSQL the accounts asked for in one turn go as one query', async () => {
    await signInAs(t, 'staff');
    await signInAs(t, 'staff');
    const rows = (await t.dataSource.query(`SELECT "id" FROM "user_account" ORDER BY "id" DESC`)) as { id: number }[];
    const [active, inactive] = rows.map(({ id }) => Number(id));
    const missing = active + 1_000;
    await t.dataSource.query(`UPDATE "user_account" SET "active" = FALSE WHERE "id" = ${inactive}`);
    const accounts = t.app.get(AccountStateService);
    for (const id of [active, inactive, missing]) accounts.forget(id);
    const dataSource = t.app.get(DataSource);
    const postgres = dataSource.options.type === 'postgres';
    const pool = (dataSource.driver as unknown as { master: Pool }).master;
    const query = postgres ? jest.spyOn(pool, 'query') : null;

    const states = await Promise.all([active, inactive, active, missing].map((id) => accounts.current(id)));
    expect(states.map((state) => state?.active ?? null)).toEqual([true, false, true, null]);
    if (query) {
      expect(query.mock.calls.map(([config]) => config)).toEqual([
        expect.objectContaining({ name: 'account-states', values: [[active, inactive, missing]] }),
      ]);
      // A failed query refuses every request waiting on it, and the next turn asks again.
      for (const id of [active, inactive]) accounts.forget(id);
      (query as jest.SpyInstance).mockRejectedValueOnce(new Error('connection lost'));
      const failed = await Promise.allSettled([accounts.current(active), accounts.current(inactive)]);
      expect(failed.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
      expect((await accounts.current(inactive))?.active).toBe(false);
      query.mockRestore();
    }
  });
});
