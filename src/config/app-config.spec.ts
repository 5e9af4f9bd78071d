import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  const dataDir = () => mkdtempSync(join(tmpdir(), 'tec-config-'));
  const secret = 'x'.repeat(32);
  const keyHex = 'ab'.repeat(32);
  // A key given, so no spec writes a generated one into ./data.
  const base = { JWT_SECRET: secret, BANK_ACCOUNT_KEY: keyHex };

  it('defaults to the SQLite file under ./data on port 3000', () => {
    const config = loadConfig(base);
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ type: 'sqlite', path: join(process.cwd(), 'data', 'tec.sqlite') });
    expect(config.nodeEnv).toBe('development');
  });

  it('prints agreements with links to PUBLIC_BASE_URL, or to localhost on PORT', () => {
    expect(loadConfig({ ...base, PORT: '8080' }).publicBaseUrl).toBe('http://localhost:8080');
    expect(loadConfig({ ...base, PUBLIC_BASE_URL: 'https://tec.example.cn/' }).publicBaseUrl).toBe('https://tec.example.cn');
    expect(loadConfig({ ...base, AGREEMENT_TEMPLATES_DIR: '/srv/templates' }).agreementTemplatesDir).toBe('/srv/templates');
  });

  it('trusts no proxy by default, one for TRUST_PROXY=true, and a number of proxies given as one', () => {
    expect(loadConfig(base).trustProxy).toBe(0);
    expect(loadConfig({ ...base, TRUST_PROXY: 'false' }).trustProxy).toBe(0);
    expect(loadConfig({ ...base, TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    expect(loadConfig({ ...base, TRUST_PROXY: '2' }).trustProxy).toBe(2);
  });

  it('dates business in Asia/Shanghai unless BUSINESS_TIME_ZONE names another IANA zone', () => {
    expect(loadConfig(base).businessTimeZone).toBe('Asia/Shanghai');
    expect(loadConfig({ ...base, BUSINESS_TIME_ZONE: 'UTC' }).businessTimeZone).toBe('UTC');
    expect(loadConfig({ ...base, BUSINESS_TIME_ZONE: 'asia/urumqi' }).businessTimeZone).toBe('Asia/Urumqi');
  });

  it('selects PostgreSQL for a postgres:// URL', () => {
    const url = 'postgres://app@db.internal:5432/tec';
    expect(loadConfig({ ...base, DATABASE_URL: url }).database).toEqual({ type: 'postgres', url });
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT must be a whole number/],
    [{ PORT: '70000' }, /^PORT must be a whole number/],
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL must start with/],
    [{ NODE_ENV: 'staging' }, /^NODE_ENV must be/],
    [{ JWT_SECRET: 'short' }, /^JWT_SECRET must be at least 32 characters/],
    [{ ADMIN_USERNAME: 'root' }, /^ADMIN_PASSWORD must be set/],
    [{ ADMIN_PASSWORD: 'long-enough-pw' }, /^ADMIN_USERNAME must be set/],
    [{ ADMIN_USERNAME: 'root', ADMIN_PASSWORD: 'short' }, /^ADMIN_PASSWORD must be at least 10/],
    [{ TRUST_PROXY: 'maybe' }, /^TRUST_PROXY must be true, false or a number of proxies/],
    [{ TRUST_PROXY: '11' }, /^TRUST_PROXY must be true, false or a number of proxies/],
    [{ PUBLIC_BASE_URL: 'tec.example.cn' }, /^PUBLIC_BASE_URL must be an http/],
    [{ PUBLIC_BASE_URL: 'ftp://tec.example.cn' }, /^PUBLIC_BASE_URL must be an http/],
    [{ BUSINESS_TIME_ZONE: 'Asia/Beijing' }, /^BUSINESS_TIME_ZONE must be an IANA time zone such as Asia\/Shanghai .*"Asia\/Beijing"/],
  ])('refuses %j with a line naming the variable', (env, message) => {
    expect(() => loadConfig({ ...base, ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, ...env })).toThrow(message);
  });

  it('requires JWT_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir() })).toThrow('JWT_SECRET is required when NODE_ENV=production');
  });

  it('generates a secret once outside production and keeps it in the data folder', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir, BANK_ACCOUNT_KEY: keyHex }).jwtSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dir, 'jwt-secret'), 'utf8')).toBe(first);
    expect(loadConfig({ DATA_DIR: dir, BANK_ACCOUNT_KEY: keyHex }).jwtSecret).toBe(first);
  });

  describe('BANK_ACCOUNT_KEY', () => {
    const key = (env: Record<string, string>) => loadConfig({ JWT_SECRET: secret, DATA_DIR: dataDir(), ...env }).bankAccountKey;

    it('reads 32 bytes written as 64 hex digits or in base64', () => {
      const bytes = randomBytes(32);
      expect(key({ BANK_ACCOUNT_KEY: bytes.toString('hex') })).toEqual(bytes);
      expect(key({ BANK_ACCOUNT_KEY: bytes.toString('hex').toUpperCase() })).toEqual(bytes);
      expect(key({ BANK_ACCOUNT_KEY: bytes.toString('base64') })).toEqual(bytes);
      expect(key({ BANK_ACCOUNT_KEY: bytes.toString('base64url') })).toEqual(bytes);
    });

    it.each([
      ['of 16 bytes', randomBytes(16).toString('base64')],
      ['of 48 bytes', randomBytes(48).toString('hex')],
      ['of 63 hex digits', 'a'.repeat(63)],
      ['with characters outside base64', `${randomBytes(32).toString('base64').slice(0, 40)}!!!!`],
      ['that is a passphrase', 'correct horse battery staple'],
    ])('refuses a key %s, naming the variable but not the value', (_, value) => {
      const load = () => key({ BANK_ACCOUNT_KEY: value });
      expect(load).toThrow(ConfigError);
      expect(load).toThrow(/^BANK_ACCOUNT_KEY must hold 32 bytes written as 64 hex digits or in base64/);
      expect(() => load()).not.toThrow(value);
    });

    it('is required in production, with a line saying how to make one', () => {
      expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret, DATA_DIR: dataDir() })).toThrow(
        /^BANK_ACCOUNT_KEY is required when NODE_ENV=production: .*openssl rand -base64 32/,
      );
    });

    it('is never generated in production, even where a generated one is on disk', () => {
      const dir = dataDir();
      loadConfig({ JWT_SECRET: secret, DATA_DIR: dir });
      expect(existsSync(join(dir, 'bank-account-key'))).toBe(true);
      expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret, DATA_DIR: dir })).toThrow(ConfigError);
    });

    it('is generated once outside production, kept owner-only in the data folder and read back on the next start', () => {
      const dir = dataDir();
      const first = loadConfig({ JWT_SECRET: secret, DATA_DIR: dir }).bankAccountKey;
      const file = join(dir, 'bank-account-key');
      expect(first).toHaveLength(32);
      expect(Buffer.from(readFileSync(file, 'utf8'), 'base64')).toEqual(first);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(loadConfig({ JWT_SECRET: secret, DATA_DIR: dir }).bankAccountKey).toEqual(first);
      expect(loadConfig({ JWT_SECRET: secret, DATA_DIR: dataDir() }).bankAccountKey).not.toEqual(first);
    });

    it('refuses a spoilt key file, naming the file', () => {
      const dir = dataDir();
      writeFileSync(join(dir, 'bank-account-key'), 'not a key');
      expect(() => loadConfig({ JWT_SECRET: secret, DATA_DIR: dir })).toThrow(`${join(dir, 'bank-account-key')} must hold 32 bytes`);
    });

    it('prefers the variable to a generated file', () => {
      const dir = dataDir();
      loadConfig({ JWT_SECRET: secret, DATA_DIR: dir });
      expect(loadConfig({ JWT_SECRET: secret, DATA_DIR: dir, BANK_ACCOUNT_KEY: keyHex }).bankAccountKey).toEqual(
        Buffer.from(keyHex, 'hex'),
      );
    });
  });
});
