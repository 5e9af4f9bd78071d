import { DataSourceOptions } from 'typeorm';
import { DatabaseConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { prepareSqliteFile } from './sqlite-file';

export function dataSourceOptions(database: DatabaseConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
  };
  if (database.type === 'postgres') {
    return { ...common, type: 'postgres', url: database.url, extra: { max: 20 } };
  }
  if (database.path !== ':memory:') prepareSqliteFile(database.path);
  // The driver turns foreign keys on; WAL lets readers go on while one request writes.
  return { ...common, type: 'better-sqlite3', database: database.path, enableWAL: database.path !== ':memory:', timeout: 10_000 };
}
