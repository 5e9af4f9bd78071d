/**
 * True when a database error means the database cannot serve the request now, rather than that the
 * request is wrong: the connection is refused or lost, the database is read-only, busy, out of space
 * or failing to read its disk. Such errors answer 503 DATABASE_UNAVAILABLE, so clients retry later.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return [error, (error as { driverError?: unknown } | null)?.driverError].some(isUnavailable);
}

// SQLite result codes, extended ones included (SQLITE_BUSY_TIMEOUT, SQLITE_READONLY_DBMOVED, SQLITE_IOERR_WRITE...).
const SQLITE = /^SQLITE_(BUSY|LOCKED|READONLY|IOERR|CANTOPEN|FULL|NOTADB|CORRUPT)/;
// PostgreSQL SQLSTATE: 08 connection exception, 53 insufficient resources, 57P01-57P03 shutting down or
// not accepting connections, 58 system (I/O) error, 25006 read-only transaction.
const POSTGRES = /^(08...|53...|57P0[123]|58...|25006)$/;
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);
// node-postgres reports a lost or never-made connection with these messages and no code.
const LOST_CONNECTION = /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)/;

function isUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (SQLITE.test(code) || POSTGRES.test(code) || NETWORK.has(code))) return true;
  return typeof message === 'string' && LOST_CONNECTION.test(message);
}
