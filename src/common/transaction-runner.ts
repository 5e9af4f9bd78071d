import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager } from 'typeorm';

let insideRunner: AsyncLocalStorage<true> | null = null;

/**
 * Marks the work of every later `TransactionRunner.run`, so the e2e write guard can tell a write outside it.
 * Tests only: an AsyncLocalStorage in use puts a hook on every promise the process makes.
 */
export function markTransactionRunnerWork(): void {
  insideRunner ??= new AsyncLocalStorage<true>();
}

/** True while the caller runs inside `TransactionRunner.run` (once `markTransactionRunnerWork` was called). */
export const isInsideTransactionRunner = (): boolean => insideRunner?.getStore() === true;

/**
 * The one way services open a transaction, and the one way anything writes.
 *
 * TypeORM's better-sqlite3 driver runs everything on a single connection and query runner, so two
 * transactions open at once would nest as savepoints of each other: one request's rollback could undo
 * another's committed-looking writes. On SQLite transactions therefore run one at a time, in arrival
 * order. A write made outside this runner would join whichever transaction happens to be open and be
 * rolled back with it, so every write goes through here. PostgreSQL gives each transaction its own
 * pooled connection and needs no queue.
 */
@Injectable()
export class TransactionRunner {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly serialize: boolean;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.serialize = dataSource.options.type === 'better-sqlite3';
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const transaction = () =>
      insideRunner ? insideRunner.run(true, () => this.dataSource.transaction(work)) : this.dataSource.transaction(work);
    if (!this.serialize) return transaction();
    const result = this.tail.then(transaction);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
