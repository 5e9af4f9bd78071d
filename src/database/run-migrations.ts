import { DataSource, Migration } from 'typeorm';
import { withAdvisoryLock } from './advisory-lock';

/** Any fixed number: every instance of this service and `npm run migrate` take the same lock. */
const MIGRATION_LOCK = 1_764_400_010;

/**
 * Applies pending migrations. On PostgreSQL several instances may start at once: a session-level
 * advisory lock lets one migrate while the others wait, then find nothing left to do. SQLite has one
 * process per database file.
 */
export function runMigrations(dataSource: DataSource): Promise<Migration[]> {
  const migrate = () => dataSource.runMigrations({ transaction: 'each' });
  return dataSource.options.type === 'postgres' ? withAdvisoryLock(dataSource, MIGRATION_LOCK, migrate) : migrate();
}
