import { DataSource, MigrationInterface } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';

/**
 * A fully migrated in-memory SQLite database for each test, and `run('down' | 'up')` of one migration on it:
 * undo it, write rows as they stood before it, and run it again.
 */
export function migrationHarness(migration: MigrationInterface): { db: () => DataSource; run: (step: 'up' | 'down') => Promise<void> } {
  let dataSource: DataSource;
  beforeEach(async () => {
    dataSource = await new DataSource(dataSourceOptions({ type: 'sqlite', path: ':memory:' })).initialize();
    await dataSource.runMigrations();
  });
  afterEach(() => dataSource.destroy());
  return {
    db: () => dataSource,
    run: async (step) => {
      const queryRunner = dataSource.createQueryRunner();
      try {
        await migration[step](queryRunner);
      } finally {
        await queryRunner.release();
      }
    },
  };
}
