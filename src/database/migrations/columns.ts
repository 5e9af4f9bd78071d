import { TableColumnOptions } from 'typeorm';

// Column shapes shared by the migrations. Types are chosen to mean the same on SQLite and PostgreSQL:
// instants and dates are ISO strings (sortable, no driver time-zone conversion), JSON is text.
export const idColumn = (): TableColumnOptions => ({
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
});

export const intColumn = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable });

export const textColumn = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});

export const instantColumn = (name: string, nullable = false): TableColumnOptions => textColumn(name, 24, nullable);
export const dateColumn = (name: string, nullable = false): TableColumnOptions => textColumn(name, 10, nullable);
export const jsonColumn = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
export const boolColumn = (name: string, defaultValue?: boolean): TableColumnOptions => ({
  name,
  type: 'boolean',
  isNullable: false,
  ...(defaultValue === undefined ? {} : { default: defaultValue }),
});
