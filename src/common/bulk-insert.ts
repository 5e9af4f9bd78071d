import { EntityManager } from 'typeorm';
import { bindMarkers } from './sql';

/** Bound parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMETERS = 30_000;

/**
 * Multi-row INSERT with plain SQL. TypeORM's query builder spends most of a bulk insert on parameter
 * bookkeeping (seconds for 20,000 rows); this writes the same rows in a few statements. Values go in as
 * the driver binds them: JSON columns must already be strings. Returns the `returning` columns of every row.
 */
export async function bulkInsert(
  manager: EntityManager,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  returning: readonly string[] = [],
): Promise<Record<string, unknown>[]> {
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `;
  const tail = returning.length ? ` RETURNING ${returning.map((c) => `"${c}"`).join(', ')}` : '';
  // SQLite's markers are all `?`, so one row's text serves every row; PostgreSQL's are numbered.
  const positional = manager.connection.options.type !== 'postgres';
  const sameTuple = `(${'?, '.repeat(columns.length - 1)}?)`;
  const out: Record<string, unknown>[] = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    const slice = rows.slice(start, start + perStatement);
    const tuples = positional
      ? Array<string>(slice.length).fill(sameTuple)
      : slice.map((_, i) => `(${bindMarkers(manager, columns.length, i * columns.length)})`);
    const result: unknown = await manager.query(head + tuples.join(', ') + tail, slice.flat());
    if (returning.length && Array.isArray(result)) out.push(...(result as Record<string, unknown>[]));
  }
  return out;
}
