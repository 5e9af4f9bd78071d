import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../config/app-config';
import { processEnv } from '../config/env';
import { dataSourceOptions } from './data-source-options';
import { runMigrations } from './run-migrations';

/** `npm run migrate`: applies pending migrations and exits. */
async function migrate(): Promise<void> {
  const config = loadConfig(processEnv());
  const dataSource = await new DataSource(dataSourceOptions(config.database)).initialize();
  try {
    const applied = await runMigrations(dataSource);
    console.log(applied.length ? `Applied ${applied.map((m) => m.name).join(', ')}` : 'Database is up to date');
  } finally {
    await dataSource.destroy();
  }
}

migrate().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
  process.exit(1);
});
