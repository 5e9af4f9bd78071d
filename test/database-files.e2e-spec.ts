import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/app-config';
import { createTestApp } from './utils/test-app';

const mode = (path: string) => statSync(path).mode & 0o777;

/** The SQLite file holds password hashes and full ID numbers: only the service's user may read it. */
describe('SQLite files on disk (e2e)', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tec-files-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('creates the data folder 0700 and the database with its -wal and -shm 0600', async () => {
    const folder = join(root, 'data');
    const file = join(folder, 'tec.sqlite');
    const t = await createTestApp({ database: { type: 'sqlite', path: file }, dataDir: folder });
    try {
      await t.http().get('/api/health').expect(200);
      expect(mode(folder)).toBe(0o700);
      expect([file, `${file}-wal`, `${file}-shm`].map(mode)).toEqual([0o600, 0o600, 0o600]);
    } finally {
      await t.close();
    }
  });

  it('narrows files an earlier version left readable by others', async () => {
    const file = join(root, 'tec.sqlite');
    writeFileSync(file, '');
    chmodSync(file, 0o644);
    const t = await createTestApp({ database: { type: 'sqlite', path: file }, dataDir: root });
    try {
      await t.http().get('/api/health').expect(200);
      expect([file, `${file}-wal`, `${file}-shm`].map(mode)).toEqual([0o600, 0o600, 0o600]);
    } finally {
      await t.close();
    }
  });

  it('keeps the generated JWT secret 0600 in a 0700 folder', () => {
    const folder = join(root, 'secrets');
    loadConfig({ NODE_ENV: 'development', DATABASE_URL: 'sqlite::memory:', DATA_DIR: folder });
    expect(mode(folder)).toBe(0o700);
    expect(mode(join(folder, 'jwt-secret'))).toBe(0o600);
  });
});
