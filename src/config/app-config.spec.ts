import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  const dataDir = () => mkdtempSync(join(tmpdir(), 'tec-config-'));
  const secret = 'x'.repeat(32);

  it('defaults to the SQLite file under ./data on port 3000', () => {
    const config = loadConfig({ JWT_SECRET: secret });
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ type: 'sqlite', path: join(process.cwd(), 'data', 'tec.sqlite') });
    expect(config.nodeEnv).toBe('development');
  });

  it('prints agreements with links to PUBLIC_BASE_URL, or to localhost on PORT', () => {
    expect(loadConfig({ JWT_SECRET: secret, PORT: '8080' }).publicBaseUrl).toBe('http://localhost:8080');
    expect(loadConfig({ JWT_SECRET: secret, PUBLIC_BASE_URL: 'https://tec.example.cn/' }).publicBaseUrl).toBe('https://tec.example.cn');
    expect(loadConfig({ JWT_SECRET: secret, AGREEMENT_TEMPLATES_DIR: '/srv/templates' }).agreementTemplatesDir).toBe('/srv/templates');
  });

  it('trusts no proxy by default, one for TRUST_PROXY=true, and a number of proxies given as one', () => {
    expect(loadConfig({ JWT_SECRET: secret }).trustProxy).toBe(0);
    expect(loadConfig({ JWT_SECRET: secret, TRUST_PROXY: 'false' }).trustProxy).toBe(0);
    expect(loadConfig({ JWT_SECRET: secret, TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    expect(loadConfig({ JWT_SECRET: secret, TRUST_PROXY: '2' }).trustProxy).toBe(2);
  });

  it('dates business in Asia/Shanghai unless BUSINESS_TIME_ZONE names another IANA zone', () => {
    expect(loadConfig({ JWT_SECRET: secret }).businessTimeZone).toBe('Asia/Shanghai');
    expect(loadConfig({ JWT_SECRET: secret, BUSINESS_TIME_ZONE: 'UTC' }).businessTimeZone).toBe('UTC');
    expect(loadConfig({ JWT_SECRET: secret, BUSINESS_TIME_ZONE: 'asia/urumqi' }).businessTimeZone).toBe('Asia/Urumqi');
  });

  it('selects PostgreSQL for a postgres:// URL', () => {
    const url = 'postgres://app@db.internal:5432/tec';
    expect(loadConfig({ JWT_SECRET: secret, DATABASE_URL: url }).database).toEqual({ type: 'postgres', url });
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
    expect(() => loadConfig({ JWT_SECRET: secret, ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ JWT_SECRET: secret, ...env })).toThrow(message);
  });

  it('requires JWT_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir() })).toThrow('JWT_SECRET is required when NODE_ENV=production');
  });

  it('generates a secret once outside production and keeps it in the data folder', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir }).jwtSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dir, 'jwt-secret'), 'utf8')).toBe(first);
    expect(loadConfig({ DATA_DIR: dir }).jwtSecret).toBe(first);
  });
});
