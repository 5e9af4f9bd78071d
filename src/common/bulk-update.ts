import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { columnArrays, POSTGRES_ROWS_PER_STATEMENT, runForEachRow, storedValueOf, rowsFromJson } from './bulk-statements';
import { sqliteConnection } from './sqlite-connection';

/**
 * A condition on the rows updated, with its parameters: columns of the updated table written `t."status"`,
 * values as `?` markers (renumbered for PostgreSQL).
 */
export interface RowCondition {
  sql: string;
  params: readonly unknown[];
}

/**
 * Gives many rows values of their own, close to the driver (bulk-statements.ts), instead of one UPDATE through
 * TypeORM per row (a bank's return file sets 20,000 lines, each with its own reference): on SQLite one prepared
 * UPDATE by id run per row, on PostgreSQL `UPDATE … FROM` the rows sent as JSON arrays. Each row names its id and the same
 * properties; `where` adds conditions on the rows updated, so a row that changed meanwhile is left alone.
 * Answers the ids updated.
 */
export async function updateEach<E extends ObjectLiteral & { id: number }, K extends keyof E & string>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  properties: readonly K[],
  rows: readonly (Pick<E, 'id'> & Pick<E, K>)[],
  where: RowCondition = { sql: '1 = 1', params: [] },
): Promise<number[]> {
  if (!rows.length) return [];
  const metadata = manager.connection.getMetadata(entity);
  const [id, ...columns] = ['id', ...properties].map((p) => {
    const column = metadata.findColumnWithPropertyName(p);
    if (!column) throw new Error(`updateEach: ${metadata.tableName} has no column ${p}`);
    return column;
  });
  const table = `"${metadata.tableName}" AS t`;
  const sqlite = sqliteConnection(manager);
  if (sqlite) {
    // Each row finds its row by id, the rowid (every table's id is an INTEGER PRIMARY KEY).
    const sets = columns.map((c) => `"${c.databaseName}" = ?`).join(', ');
    const sql = `UPDATE ${table} SET ${sets} WHERE t."id" = ? AND (${where.sql})`;
    const values = columns.map((column) => storedValueOf(manager, column));
    const changed = runForEachRow(
      manager,
      sqlite,
      sql,
      rows,
      (row) => [...values.map((value) => value(row)), row.id, ...where.params],
      (result) => result.changes > 0,
    );
    return rows.filter((_, i) => changed[i]).map((row) => row.id);
  }
  const all = [id, ...columns];
  const sets = columns.map((c) => `"${c.databaseName}" = v."${c.databaseName}"`).join(', ');
  let marker = all.length;
  const condition = where.sql.replace(/\?/g, () => `$${++marker}`);
  const sql = `UPDATE ${table} SET ${sets} FROM ${rowsFromJson(manager, all)} AS v WHERE t."id" = v."id" AND (${condition}) RETURNING t."id"`;
  const updated: number[] = [];
  for (let start = 0; start < rows.length; start += POSTGRES_ROWS_PER_STATEMENT) {
    const slice = rows.slice(start, start + POSTGRES_ROWS_PER_STATEMENT);
    // TypeORM answers an UPDATE on PostgreSQL as [rows, rowCount].
    const [returned] = (await manager.query(sql, [...columnArrays(manager, all, slice), ...where.params])) as [{ id: number }[], number];
    for (const row of returned) updated.push(Number(row.id));
  }
  return updated;
}
