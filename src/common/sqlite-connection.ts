import type BetterSqlite3 from 'better-sqlite3';
import { EntityManager } from 'typeorm';
import type { BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver';

/*
 * Below TypeORM on SQLite, for the bulk writes (bulk-statements.ts) and the hot reads (sql.ts `preparedRead`):
 * better-sqlite3's own connection, the one TypeORM's driver holds, so what runs on it joins the manager's
 * transaction.
 */

/** better-sqlite3's connection under `manager`; null on PostgreSQL. */
export function sqliteConnection(manager: EntityManager): BetterSqlite3.Database | null {
  return manager.connection.options.type === 'better-sqlite3'
    ? ((manager.connection.driver as BetterSqlite3Driver).databaseConnection as BetterSqlite3.Database)
    : null;
}

const prepared = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

/** `sql` prepared once per connection and kept (the bulk writes' and preparedRead's statements are few and fixed). */
export function preparedStatement(db: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement {
  let statements = prepared.get(db);
  if (!statements) prepared.set(db, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = db.prepare(sql)));
  return statement;
}
