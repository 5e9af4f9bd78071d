import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-unavailable';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });
const failedQuery = (driverError: Error) => new QueryFailedError('UPDATE "heartbeat" SET "beatAt" = $1', [], driverError);

describe('isDatabaseUnavailable', () => {
  it.each([
    ['SQLite read-only', failedQuery(withCode('SQLITE_READONLY', 'attempt to write a readonly database'))],
    ['SQLite moved file', withCode('SQLITE_READONLY_DBMOVED')],
    ['SQLite busy', withCode('SQLITE_BUSY')],
    ['SQLite disk I/O', withCode('SQLITE_IOERR_WRITE')],
    ['SQLite disk full', withCode('SQLITE_FULL')],
    ['PostgreSQL read-only transaction', failedQuery(withCode('25006', 'cannot execute UPDATE in a read-only transaction'))],
    ['PostgreSQL terminated by the administrator', failedQuery(withCode('57P01'))],
    ['PostgreSQL starting up', withCode('57P03')],
    ['PostgreSQL connection failure', withCode('08006')],
    ['PostgreSQL too many connections', withCode('53300')],
    ['connection refused', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['connection lost', new Error('Connection terminated unexpectedly')],
    ['pool timeout', new Error('timeout exceeded when trying to connect')],
  ])('is true for %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', failedQuery(withCode('23505'))],
    ['a SQLite constraint', withCode('SQLITE_CONSTRAINT_UNIQUE')],
    ['a syntax error', failedQuery(withCode('42601'))],
    ['a SQLite error', withCode('SQLITE_ERROR', 'no such column')],
    ['an error without code', new Error('boom')],
    ['a string', 'SQLITE_BUSY'],
    ['null', null],
  ])('is false for %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
