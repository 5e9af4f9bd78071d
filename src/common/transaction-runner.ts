import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/**
 * The one way services open a transaction.
 *
 * TypeORM's better-sqlite3 driver runs everything on a single connection and query runner, so two
 * transactions open at once would nest as savepoints of each other: one request's rollback could undo
 * another's committed-looking writes. On SQLite transactions therefore run one at a time, in arrival
 * order. PostgreSQL gives each transaction its own pooled connection and needs no queue.
 */
@Injectable()
export class TransactionRunner {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly serialize: boolean;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.serialize = dataSource.options.type === 'better-sqlite3';
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serialize) return this.dataSource.transaction(work);
    const result = this.tail.then(() => this.dataSource.transaction(work));
    this.tail = result.catch(() => undefined);
    return result;
  }
}
