import { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** `count` bind markers starting after `offset` others, in the manager's dialect: ?, ? or $3, $4. */
export function bindMarkers(manager: EntityManager, count: number, offset = 0): string {
  const dollar = manager.connection.options.type === 'postgres';
  return Array.from({ length: count }, (_, i) => (dollar ? `$${offset + i + 1}` : '?')).join(', ');
}

/** Row locks until commit where the database has them; SQLite's TransactionRunner already runs one transaction at a time. */
export function forUpdate<T extends ObjectLiteral>(manager: EntityManager, qb: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  return manager.connection.options.type === 'postgres' ? qb.setLock('pessimistic_write') : qb;
}
