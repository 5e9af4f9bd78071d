import type BetterSqlite3 from 'better-sqlite3';
import { EntityManager } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { preparedStatement } from './sqlite-connection';

/**
 * What bulkInsert and updateEach share below TypeORM, where many rows are written in one go.
 *
 * SQLite: one prepared statement run once per row, straight on better-sqlite3's connection (the one TypeORM's
 * driver holds, so the rows join the manager's transaction). A multi-row VALUES list costs about twice as much
 * there: each chunk is a statement of tens of thousands of markers to compile and bind.
 *
 * PostgreSQL: one JSON array parameter per column, read back as rows (`rowsFromJson`). A multi-row VALUES list
 * of 1,000 student rows (23,000 parameters) took 110–150 ms to plan and bind; the same rows as 23 arrays, 20–35 ms.
 */

/**
 * Runs `sql` (no RETURNING: it made each row four times slower) once for each row, with the parameters
 * `parameters` gives it, in the manager's transaction (or, outside one, in a transaction of its own, so the rows
 * are written all or none). Answers what `answer` keeps of each run's `{ changes, lastInsertRowid }`. Each row's
 * parameters are made just before its run and dropped after it, so they die young instead of being promoted by
 * the garbage collector with thousands of others.
 */
export function runForEachRow<T, R>(
  manager: EntityManager,
  db: BetterSqlite3.Database,
  sql: string,
  rows: readonly T[],
  parameters: (row: T) => unknown[],
  answer: (result: BetterSqlite3.RunResult) => R,
): R[] {
  // TypeORM's logger sees the statement once (it is how the e2e write guard watches writes), not each row.
  manager.connection.logger.logQuery(sql, undefined, manager.queryRunner);
  const statement = preparedStatement(db, sql);
  const all = () => rows.map((row) => answer(statement.run(parameters(row))));
  return db.inTransaction ? all() : db.transaction(all)();
}

/** Column types whose values both drivers store as given when the column has no transformer. */
const STORED_AS_GIVEN: readonly unknown[] = ['integer', 'varchar', 'text'];

/**
 * How a row's value of `column` is stored, decided once per column: as TypeORM stores it (JSON as text,
 * booleans as the driver takes them), a missing value NULL. Integers and text go as given: TypeORM's
 * conversion returns them unchanged, at a call per cell (180,000 schedule lines have 3.6 million cells).
 */
export function storedValueOf(manager: EntityManager, column: ColumnMetadata): (row: object) => unknown {
  const property = column.propertyName;
  if (!column.transformer && STORED_AS_GIVEN.includes(column.type)) return (row) => (row as Record<string, unknown>)[property] ?? null;
  const driver = manager.connection.driver;
  return (row) => driver.preparePersistentValue((row as Record<string, unknown>)[property] ?? null, column);
}

/** Rows per PostgreSQL statement. */
export const POSTGRES_ROWS_PER_STATEMENT = 5_000;

/** A JSON column without a transformer: its values travel as JSON elements, not as JSON text quoted inside JSON. */
const travelsAsJson = (column: ColumnMetadata): boolean => column.type === 'simple-json' && !column.transformer;

/**
 * The rows as a PostgreSQL table expression, each column named as in the table and typed as it is: its values
 * sent as one JSON array parameter ($1, $2, … in column order), read back by `json_array_elements_text`
 * and zipped into rows by `ROWS FROM`. pg would send a native array as an array literal that it escapes
 * character by character in JavaScript: for the audit's JSON text that took longer than the INSERT. A JSON
 * column's array holds the values themselves, stored as the text PostgreSQL keeps of each (`json` keeps its
 * input as written, so the same text JSON.stringify gives); a JSON null is a NULL, as TypeORM stores it.
 */
export function rowsFromJson(manager: EntityManager, columns: readonly ColumnMetadata[]): string {
  const driver = manager.connection.driver;
  const typed = columns.map((column, i) =>
    travelsAsJson(column)
      ? `CASE WHEN json_typeof(x.c${i}) = 'null' THEN NULL ELSE x.c${i}::text END AS "${column.databaseName}"`
      : `x.c${i}::${driver.normalizeType(column)} AS "${column.databaseName}"`,
  );
  const arrays = columns.map((column, i) => `json_array_elements${travelsAsJson(column) ? '' : '_text'}($${i + 1}::json)`);
  return `(SELECT ${typed.join(', ')} FROM ROWS FROM (${arrays.join(', ')}) AS x(${columns.map((_, i) => `c${i}`).join(', ')}))`;
}

/** The rows' stored values column by column, a JSON array each: the parameters of `rowsFromJson`. */
export function columnArrays(manager: EntityManager, columns: readonly ColumnMetadata[], rows: readonly object[]): string[] {
  return columns.map((column) => {
    const valueOf = travelsAsJson(column)
      ? (row: object) => (row as Record<string, unknown>)[column.propertyName] ?? null
      : storedValueOf(manager, column);
    return JSON.stringify(rows.map(valueOf));
  });
}
