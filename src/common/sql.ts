import type { Pool } from 'pg';
import { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { preparedStatement, sqliteConnection } from './sqlite-connection';

/** `count` bind markers starting after `offset` others, in the manager's dialect: ?, ? or $3, $4. */
export function bindMarkers(manager: EntityManager, count: number, offset = 0): string {
  const dollar = manager.connection.options.type === 'postgres';
  return Array.from({ length: count }, (_, i) => (dollar ? `$${offset + i + 1}` : '?')).join(', ');
}

/**
 * `column IN (values)` as a query builder condition with the values bound as one parameter (a JSON array on
 * SQLite, an array on PostgreSQL): the SQL is the same whatever their number, and TypeORM handles one parameter
 * instead of one per value (500 ids a chunk, twice, in a cohort's enrolment; 1,000 national IDs a look-up in an
 * import). `column` is written as in a query builder condition.
 */
export function oneOf(
  manager: EntityManager,
  column: string,
  values: readonly (number | string)[],
  name = 'values',
): [string, ObjectLiteral] {
  return manager.connection.options.type === 'postgres'
    ? [`${column} = ANY(:${name})`, { [name]: values }]
    : [`${column} IN (SELECT "value" FROM json_each(:${name}))`, { [name]: JSON.stringify(values) }];
}

/** Row locks until commit where the database has them; SQLite's TransactionRunner already runs one transaction at a time. */
export function forUpdate<T extends ObjectLiteral>(manager: EntityManager, qb: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  return manager.connection.options.type === 'postgres' ? qb.setLock('pessimistic_write') : qb;
}

/**
 * A read of the hot path, outside any transaction, as a statement prepared once: on PostgreSQL a named prepared
 * statement, parsed and planned once per pooled connection (TypeORM sends every query unnamed: 160 µs against
 * 110 µs for a student's schedule); on SQLite better-sqlite3's own statement, without TypeORM's per-query work.
 * Inside a transaction, an ordinary query. `name` belongs to this one SQL text.
 */
export async function preparedRead<T>(manager: EntityManager, name: string, sql: string, parameters: unknown[]): Promise<T[]> {
  if (manager.queryRunner) return manager.query(sql, parameters);
  manager.connection.logger.logQuery(sql, parameters);
  const sqlite = sqliteConnection(manager);
  if (sqlite) return preparedStatement(sqlite, sql).all(...parameters) as T[];
  const pool = (manager.connection.driver as PostgresDriver).master as Pool;
  return (await pool.query({ name, text: sql, values: parameters })).rows as T[];
}
