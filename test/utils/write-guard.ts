import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, Logger, QueryRunner } from 'typeorm';
import { isInsideTransactionRunner, markTransactionRunnerWork } from '../../src/common/transaction-runner';

const WRITE = /^\s*(INSERT|UPDATE|DELETE|REPLACE|TRUNCATE)\b/i;
const fixtureScope = new AsyncLocalStorage<true>();

/**
 * Records every write the application makes on `dataSource` outside `TransactionRunner.run`: on SQLite
 * such a write joins whatever transaction another request has open and is rolled back with it. A test's
 * own fixtures, written through `fixtureHandle`, are let through.
 */
export function guardWrites(dataSource: DataSource): { outside: string[] } {
  markTransactionRunnerWork();
  const outside: string[] = [];
  const inner = dataSource.logger;
  const guard: Logger = Object.assign(Object.create(inner) as Logger, {
    logQuery(query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
      if (WRITE.test(query) && !isInsideTransactionRunner() && fixtureScope.getStore() !== true) {
        outside.push(`${query.slice(0, 200)}\n${new Error().stack ?? ''}`);
      }
      inner.logQuery(query, parameters, queryRunner);
    },
  });
  Object.assign(dataSource, { logger: guard });
  return { outside };
}

/**
 * `target` as a test holds it: every call made through it, and through the repositories, managers and query
 * builders it hands out, runs as a fixture. (A call stack cannot tell: TypeORM's promise chains drop the test's frames.)
 */
export function fixtureHandle<T extends object>(target: T): T {
  return new Proxy(target, {
    get(object, key) {
      const value: unknown = Reflect.get(object, key, object);
      const descriptor = Object.getOwnPropertyDescriptor(object, key);
      // A proxy must hand out a frozen property exactly as it is.
      if (descriptor && !descriptor.configurable && !descriptor.writable) return value;
      if (typeof value === 'function') {
        return (...args: unknown[]) => fixtureScope.run(true, () => handleOf(Reflect.apply(value, object, args)));
      }
      return handleOf(value);
    },
  });
}

const handleOf = (value: unknown): unknown =>
  value !== null && typeof value === 'object' && !(value instanceof Promise) ? fixtureHandle(value) : value;
