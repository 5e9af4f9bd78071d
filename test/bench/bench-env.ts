import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { AppConfig, DatabaseConfig, loadConfig } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source-options';

/** A database of the bench's own: a SQLite file in a temporary folder, or a fresh PostgreSQL database. */
export interface BenchDatabase {
  database: DatabaseConfig;
  dispose: () => Promise<void>;
}

export async function freshDatabase(kind: 'sqlite' | 'postgres', postgresUrl?: string): Promise<BenchDatabase> {
  if (kind === 'sqlite') {
    const folder = mkdtempSync(join(tmpdir(), 'tec-bench-'));
    return {
      database: { type: 'sqlite', path: join(folder, 'bench.sqlite') },
      dispose: async () => rmSync(folder, { recursive: true, force: true }),
    };
  }
  const url = new URL(postgresUrl!);
  const name = `tec_bench_${process.pid}_${Date.now()}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  url.pathname = `/${name}`;
  return { database: { type: 'postgres', url: url.toString() }, dispose: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * Writes out what setting a run up left in the database's log (SQLite's WAL, PostgreSQL's dirty buffers) before
 * its clock starts, on either side of a comparison: otherwise the side that commits more often pays for the
 * set-up's writes, and for the databases the runs before it dropped. Superuser (or pg_checkpoint) on PostgreSQL.
 */
export const CHECKPOINT_SQL = { sqlite: 'PRAGMA wal_checkpoint(TRUNCATE)', postgres: 'CHECKPOINT' } as const;

export function benchConfig(database: DatabaseConfig): AppConfig {
  return {
    ...loadConfig({
      NODE_ENV: 'test',
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0000',
      // Given, so no bench writes a generated key into ./data.
      BANK_ACCOUNT_KEY: 'ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100',
      ADMIN_USERNAME: 'admin',
      ADMIN_PASSWORD: 'bench-admin-password',
    }),
    database,
  };
}

export const startApp = (database: DatabaseConfig) => createApp(benchConfig(database), false);

/** The schema alone, for baselines that write with the raw driver. */
export async function migrate(database: DatabaseConfig): Promise<void> {
  const dataSource = await new DataSource(dataSourceOptions(database)).initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();
}
