import { DataSource } from 'typeorm';
import { saveCohortWithMajors } from './factories/reference-data';
import { saveStudent } from './factories/students';
import { bearer, createTestApp, loginAdmin, TestApp } from './utils/test-app';

/** TypeORM's SQLite driver wrote number parameters into the SQL; bound instead, a statement serves every id (issue 17). */
describe('Prepared statements on SQLite (e2e)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    // SQLite whatever TEST_DATABASE_URL says: PostgreSQL's driver binds numbers itself.
    t = await createTestApp({ database: { type: 'sqlite', path: ':memory:' } });
    admin = await loginAdmin(t);
  });
  afterAll(() => t.close());

  it('binds numbers, so reading another student prepares no new statement', async () => {
    const { cohort } = await saveCohortWithMajors(t.dataSource);
    const [first, second] = [await saveStudent(t.dataSource, cohort.id), await saveStudent(t.dataSource, cohort.id)];
    const connection = (t.app.get(DataSource).driver as unknown as { databaseConnection: { prepare: (sql: string) => unknown } })
      .databaseConnection;
    await t.http().get(`/api/students/${first.id}`).set(bearer(admin)).expect(200);
    await t.http().get(`/api/students/${first.id}/disbursements`).set(bearer(admin)).expect(200);
    const prepare = jest.spyOn(connection, 'prepare');
    await t.http().get(`/api/students/${second.id}`).set(bearer(admin)).expect(200);
    await t.http().get(`/api/students/${second.id}/disbursements`).set(bearer(admin)).expect(200);
    expect(prepare.mock.calls.map(([sql]) => sql)).toEqual([]);
    prepare.mockRestore();
  });

  it('still reads booleans, lists and numbers as before', async () => {
    const [sql, parameters] = t.app
      .get(DataSource)
      .driver.escapeQueryWithParameters('SELECT 1 WHERE a = :a AND b IN (:...b) AND c = :c AND d = :d', {
        a: 7,
        b: [1, 2],
        c: true,
        d: 'x',
      });
    expect(sql).toBe('SELECT 1 WHERE a = ? AND b IN (?, ?) AND c = ? AND d = ?');
    expect(parameters).toEqual([7, 1, 2, 1, 'x']);
  });
});
