import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { columnArrays, POSTGRES_ROWS_PER_STATEMENT, runForEachRow, storedValueOf, rowsFromJson } from './bulk-statements';
import { sqliteConnection } from './sqlite-connection';

type NullableKeys<E> = { [K in keyof E]-?: null extends E[K] ? K : never }[keyof E];

/**
 * A row as `bulkInsert` takes it: the entity's columns by property name, all but the generated id; a
 * nullable column left out is NULL.
 */
export type InsertRow<E> = Omit<E, 'id' | NullableKeys<E>> & Partial<Pick<E, NullableKeys<E>>>;

/**
 * Many rows inserted with plain SQL, close to the driver (bulk-statements.ts): TypeORM's query builder spends
 * most of a bulk insert on parameter bookkeeping (seconds for 20,000 rows). The columns are the entity's own
 * (all but generated ones) and each value goes through TypeORM's conversion for its column (JSON, booleans), so
 * a row is an object typed by the entity, never a positional array. Returns the `returning` properties of every
 * row, in the order the rows were given: the generated id, and the others as the row gave them; with no
 * `returning`, nothing.
 */
export async function bulkInsert<E extends ObjectLiteral, R extends keyof E & string = never>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  rows: readonly InsertRow<E>[],
  returning: readonly R[] = [],
): Promise<Pick<E, R>[]> {
  if (!rows.length) return [];
  const metadata = manager.connection.getMetadata(entity);
  const columns = metadata.columns.filter((column) => !column.isGenerated);
  // A key that is no column would be dropped without a word; the types let it through in a variable.
  const stray = Object.keys(rows[0]).find((key) => !metadata.findColumnWithPropertyName(key));
  if (stray !== undefined) throw new Error(`bulkInsert: ${metadata.tableName} has no column ${stray}`);
  const head = `INSERT INTO "${metadata.tableName}" (${columns.map((c) => `"${c.databaseName}"`).join(', ')})`;
  let ids: number[] = [];
  const sqlite = sqliteConnection(manager);
  if (sqlite) {
    // Each run answers its row's id.
    const values = columns.map((column) => storedValueOf(manager, column));
    const sql = `${head} VALUES (${'?, '.repeat(columns.length - 1)}?)`;
    ids = runForEachRow(
      manager,
      sqlite,
      sql,
      rows,
      (row) => values.map((value) => value(row)),
      (result) => Number(result.lastInsertRowid),
    );
  } else {
    const sql = `${head} SELECT * FROM ${rowsFromJson(manager, columns)} AS v RETURNING "id"`;
    for (let start = 0; start < rows.length; start += POSTGRES_ROWS_PER_STATEMENT) {
      const slice = rows.slice(start, start + POSTGRES_ROWS_PER_STATEMENT);
      const returned = (await manager.query(sql, columnArrays(manager, columns, slice))) as { id: number }[];
      // The sequence numbers the rows in the order they are read, whatever order RETURNING lists them in.
      ids.push(...returned.map((row) => Number(row.id)).sort((a, b) => a - b));
    }
  }
  if (!returning.length) return [];
  // Every other column answered is a value the row gave.
  return rows.map(
    (row, i) => Object.fromEntries(returning.map((p) => [p, p === 'id' ? ids[i] : ((row as ObjectLiteral)[p] ?? null)])) as Pick<E, R>,
  );
}
