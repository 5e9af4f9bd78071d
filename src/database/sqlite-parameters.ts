import { DataSource, ObjectLiteral } from 'typeorm';
import { DateUtils } from 'typeorm/util/DateUtils';

/**
 * TypeORM's SQLite drivers write number parameters into the SQL text (`WHERE "id" = 42`), so every id makes a
 * new statement for better-sqlite3 to prepare, and the driver's statement cache (100, first in first out) keeps
 * evicting the statements every request shares. Here numbers are bound like every other value; the rest is
 * TypeORM's own `escapeQueryWithParameters` (AbstractSqliteDriver), unchanged.
 */
export function bindNumberParameters(dataSource: DataSource): void {
  if (dataSource.options.type !== 'better-sqlite3') return;
  const driver = dataSource.driver;
  driver.escapeQueryWithParameters = (sql: string, parameters: ObjectLiteral): [string, unknown[]] => {
    const bound: unknown[] = [];
    if (!parameters || !Object.keys(parameters).length) return [sql, bound];
    const marker = (value: unknown): string => {
      bound.push(value);
      return '?';
    };
    const text = sql.replace(/:(\.\.\.)?([A-Za-z0-9_.]+)/g, (full: string, isArray: string | undefined, key: string) => {
      if (!Object.prototype.hasOwnProperty.call(parameters, key)) return full;
      const value: unknown = parameters[key];
      if (isArray) return (value as unknown[]).map(marker).join(', ');
      if (typeof value === 'function') return String((value as () => unknown)());
      // SQLite has no boolean type: 1 or 0, as TypeORM writes them.
      if (typeof value === 'boolean') return marker(+value);
      if (value instanceof Date) return marker(DateUtils.mixedDateToUtcDatetimeString(value));
      return marker(value);
    });
    return [text, bound];
  };
}
