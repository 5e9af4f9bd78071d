import { EntityManager } from 'typeorm';

/** `count` bind markers starting after `offset` others, in the manager's dialect: ?, ? or $3, $4. */
export function bindMarkers(manager: EntityManager, count: number, offset = 0): string {
  const dollar = manager.connection.options.type === 'postgres';
  return Array.from({ length: count }, (_, i) => (dollar ? `$${offset + i + 1}` : '?')).join(', ');
}
