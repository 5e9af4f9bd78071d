import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { bindMarkers } from './sql';

/** Bound parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMETERS = 30_000;

type NullableKeys<E> = { [K in keyof E]-?: null extends E[K] ? K : never }[keyof E];

/**
 * A row as `bulkInsert` takes it: the entity's columns by property name, all but the generated id; a
 * nullable column left out is NULL.
 */
export type InsertRow<E> = Omit<E, 'id' | NullableKeys<E>> & Partial<Pick<E, NullableKeys<E>>>;

/**
 * Multi-row INSERT with plain SQL. TypeORM's query builder spends most of a bulk insert on parameter
 * bookkeeping (seconds for 20,000 rows); this writes the same rows in a few statements. The columns are
 * the entity's own (all but generated ones) and each value goes through TypeORM's conversion for its column
 * (JSON, booleans), so a row is an object typed by the entity, never a positional array. Returns the
 * `returning` columns of every row, in the order the rows were given.
 */
export async function bulkInsert<E extends ObjectLiteral, R extends keyof E & string = never>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  rows: readonly InsertRow<E>[],
  returning: readonly R[] = [],
): Promise<Pick<E, R>[]> {
  if (!rows.length) return [];
  const metadata = manager.connection.getMetadata(entity);
  const driver = manager.connection.driver;
  const columns = metadata.columns.filter((column) => !column.isGenerated);
  // A key that is no column would be dropped without a word; the types let it through in a variable.
  const stray = Object.keys(rows[0]).find((key) => !metadata.findColumnWithPropertyName(key));
  if (stray !== undefined) throw new Error(`bulkInsert: ${metadata.tableName} has no column ${stray}`);
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const head = `INSERT INTO "${metadata.tableName}" (${columns.map((c) => `"${c.databaseName}"`).join(', ')}) VALUES `;
  const tail = returning.length
    ? ` RETURNING ${returning.map((p) => `"${metadata.findColumnWithPropertyName(p)!.databaseName}"`).join(', ')}`
    : '';
  // SQLite's markers are all `?`, so one row's text serves every row; PostgreSQL's are numbered.
  const positional = manager.connection.options.type !== 'postgres';
  const sameTuple = `(${'?, '.repeat(columns.length - 1)}?)`;
  const out: Pick<E, R>[] = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    const slice = rows.slice(start, start + perStatement);
    const tuples = positional
      ? Array<string>(slice.length).fill(sameTuple)
      : slice.map((_, i) => `(${bindMarkers(manager, columns.length, i * columns.length)})`);
    const values: unknown[] = [];
    for (const row of slice) {
      for (const column of columns) values.push(driver.preparePersistentValue((row as ObjectLiteral)[column.propertyName] ?? null, column));
    }
    const result: unknown = await manager.query(head + tuples.join(', ') + tail, values);
    if (returning.length && Array.isArray(result)) out.push(...(result as Pick<E, R>[]));
  }
  return out;
}
