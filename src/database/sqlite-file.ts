import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The SQLite file holds password hashes and full ID numbers: only the service's own user may read it.
 * A folder made here is 0700; the file is made 0600 before SQLite opens it, and SQLite gives its -wal
 * and -shm files the database file's mode. Files left wider by earlier versions are narrowed.
 */
export function prepareSqliteFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(file)) chmodSync(file, 0o600);
}
