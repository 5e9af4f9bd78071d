import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { MIGRATIONS } from '../../src/database/migrations';
import { runMigrations } from '../../src/database/run-migrations';
import { createDatabase, dropDatabase } from './databases';

/** Instances that start together each migrate at boot: the advisory lock lets one migrate at a time. */
describe('migrations started at once on one fresh PostgreSQL database', () => {
  let url: string;
  const dataSources: DataSource[] = [];

  beforeAll(async () => {
    if (!process.env.TEST_DATABASE_URL?.startsWith('postgres')) throw new Error('needs TEST_DATABASE_URL=postgres://...');
    url = await createDatabase(process.env.TEST_DATABASE_URL, 'migrations');
  });

  afterAll(async () => {
    await Promise.all(dataSources.filter((d) => d.isInitialized).map((d) => d.destroy()));
    if (url) await dropDatabase(url);
  });

  it('succeed in every process and record each migration once', async () => {
    for (let i = 0; i < 3; i++) {
      dataSources.push(await new DataSource(dataSourceOptions({ type: 'postgres', url })).initialize());
    }
    const applied = await Promise.all(dataSources.map((dataSource) => runMigrations(dataSource)));

    expect(applied.map((list) => list.length).sort((a, b) => b - a)).toEqual([MIGRATIONS.length, 0, 0]);
    const rows: { name: string }[] = await dataSources[0].query('SELECT "name" FROM "migrations"');
    expect(rows.map((row) => row.name).sort()).toEqual(MIGRATIONS.map((migration) => migration.name).sort());
  });
});
