import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { BankFileLayout, GENERIC_LAYOUT, parseLayouts } from '../payment-batches/rules/bank-file';

export type DatabaseConfig = { type: 'sqlite'; path: string } | { type: 'postgres'; url: string };

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  database: DatabaseConfig;
  /** Folder for the SQLite file and the generated JWT secret. */
  dataDir: string;
  jwtSecret: string;
  jwtExpiresInSeconds: number;
  adminUsername?: string;
  adminPassword?: string;
  /**
   * How many proxies in front are trusted (0: none). request.ip is then the address the outermost trusted
   * proxy saw, never an X-Forwarded-For entry the client wrote itself.
   */
  trustProxy: number;
  /** Where the agreement templates are read from, so staff can change wording without touching code. */
  agreementTemplatesDir: string;
  /** The address people reach the service at; printed in agreements' verification links. */
  publicBaseUrl: string;
  /** PostgreSQL: a job still unfinished this long after it started is taken to be lost and run again. */
  jobExpireSeconds: number;
  /** False in one-off commands (the CLI): they neither take up queued jobs nor resume interrupted ones. */
  runJobs: boolean;
  /** IANA zone whose calendar gives business dates ("today", effective dates, due-ness). */
  businessTimeZone: string;
  /** AES-256 key (32 bytes) that bank account numbers are encrypted with at rest. */
  bankAccountKey: Buffer;
  /** The generic bank-file layout and those configured in BANK_FILE_LAYOUTS (a JSON file). */
  bankFileLayouts: BankFileLayout[];
}

/** Thrown for a bad environment value; main.ts prints its message as one line and exits 1. */
export class ConfigError extends Error {}

export type Env = Record<string, string | undefined>;

const DEFAULT_DATABASE_URL = 'sqlite:./data/tec.sqlite';
export const DEFAULT_BUSINESS_TIME_ZONE = 'Asia/Shanghai';
const MIN_SECRET_LENGTH = 32;
export const MIN_PASSWORD_LENGTH = 10;

export function loadConfig(env: Env): AppConfig {
  const nodeEnv = parseNodeEnv(env.NODE_ENV);
  const database = parseDatabaseUrl(env.DATABASE_URL || DEFAULT_DATABASE_URL);
  const dataDir = resolve(env.DATA_DIR || (database.type === 'sqlite' && database.path !== ':memory:' ? dirname(database.path) : './data'));
  const { adminUsername, adminPassword } = parseAdmin(env);
  const port = parseInteger('PORT', env.PORT, 3000, 1, 65535);
  return {
    nodeEnv,
    port,
    database,
    dataDir,
    jwtSecret: resolveJwtSecret(env.JWT_SECRET, nodeEnv, dataDir),
    jwtExpiresInSeconds: parseInteger('JWT_EXPIRES_IN_SECONDS', env.JWT_EXPIRES_IN_SECONDS, 8 * 3600, 60, 30 * 24 * 3600),
    adminUsername,
    adminPassword,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    agreementTemplatesDir: resolve(env.AGREEMENT_TEMPLATES_DIR || 'templates/agreements'),
    publicBaseUrl: parseBaseUrl(env.PUBLIC_BASE_URL, port),
    jobExpireSeconds: parseInteger('JOB_EXPIRE_SECONDS', env.JOB_EXPIRE_SECONDS, 3600, 2, 23 * 3600),
    runJobs: true,
    businessTimeZone: parseTimeZone(env.BUSINESS_TIME_ZONE),
    bankAccountKey: resolveBankAccountKey(env.BANK_ACCOUNT_KEY, nodeEnv, dataDir),
    bankFileLayouts: [GENERIC_LAYOUT, ...loadBankFileLayouts(env.BANK_FILE_LAYOUTS)],
  };
}

/** Intl knows the IANA zones; the canonical spelling it gives back is what health reports. */
function parseTimeZone(value: string | undefined): string {
  const zone = value || DEFAULT_BUSINESS_TIME_ZONE;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    throw new ConfigError(`BUSINESS_TIME_ZONE must be an IANA time zone such as Asia/Shanghai or UTC (got "${zone}")`);
  }
}

function parseBaseUrl(value: string | undefined, port: number): string {
  if (!value) return `http://localhost:${port}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`PUBLIC_BASE_URL must be an http:// or https:// address (got "${value}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ConfigError(`PUBLIC_BASE_URL must be an http:// or https:// address (got "${value}")`);
  return value.replace(/\/+$/, '');
}

function parseNodeEnv(value: string | undefined): AppConfig['nodeEnv'] {
  const nodeEnv = value || 'development';
  if (nodeEnv !== 'development' && nodeEnv !== 'production' && nodeEnv !== 'test') {
    throw new ConfigError(`NODE_ENV must be development, production or test (got "${nodeEnv}")`);
  }
  return nodeEnv;
}

export function parseDatabaseUrl(url: string): DatabaseConfig {
  if (/^postgres(ql)?:\/\//.test(url)) {
    try {
      new URL(url);
    } catch {
      throw new ConfigError('DATABASE_URL is not a valid postgres:// URL');
    }
    return { type: 'postgres', url };
  }
  const sqlite = /^(?:sqlite|file):(.+)$/.exec(url);
  if (sqlite) {
    const path = sqlite[1];
    return { type: 'sqlite', path: path === ':memory:' ? path : resolve(path) };
  }
  throw new ConfigError('DATABASE_URL must start with postgres://, postgresql://, sqlite: or file:');
}

function parseInteger(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${value}")`);
  }
  return n;
}

/** `true` is one proxy (a load balancer); a number is that many proxies in a chain. */
function parseTrustProxy(value: string | undefined): number {
  if (value === undefined || value === '' || value === 'false') return 0;
  if (value === 'true') return 1;
  if (!/^\d{1,2}$/.test(value) || Number(value) > 10) {
    throw new ConfigError(`TRUST_PROXY must be true, false or a number of proxies from 0 to 10 (got "${value}")`);
  }
  return Number(value);
}

function parseAdmin(env: Env): { adminUsername?: string; adminPassword?: string } {
  const adminUsername = env.ADMIN_USERNAME || undefined;
  const adminPassword = env.ADMIN_PASSWORD || undefined;
  if (adminPassword && !adminUsername) throw new ConfigError('ADMIN_USERNAME must be set when ADMIN_PASSWORD is');
  if (adminUsername && !adminPassword) throw new ConfigError('ADMIN_PASSWORD must be set when ADMIN_USERNAME is');
  if (adminPassword && adminPassword.length < MIN_PASSWORD_LENGTH) {
    throw new ConfigError(`ADMIN_PASSWORD must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  return { adminUsername, adminPassword };
}

/** Outside production a secret is generated once and kept beside the data, so restarts keep sessions. */
function resolveJwtSecret(value: string | undefined, nodeEnv: AppConfig['nodeEnv'], dataDir: string): string {
  if (value) {
    if (value.length < MIN_SECRET_LENGTH) throw new ConfigError(`JWT_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
    return value;
  }
  if (nodeEnv === 'production') throw new ConfigError('JWT_SECRET is required when NODE_ENV=production');
  return generatedOnce(join(dataDir, 'jwt-secret'), () => randomBytes(48).toString('base64url'));
}

/**
 * 32 bytes, written as 64 hex digits or base64. Required in production: a key generated there would
 * differ between instances and be lost with the machine, and with it every account number. Outside
 * production one is generated once beside the data, like the JWT secret.
 */
function resolveBankAccountKey(value: string | undefined, nodeEnv: AppConfig['nodeEnv'], dataDir: string): Buffer {
  if (value) return parseBankAccountKey('BANK_ACCOUNT_KEY', value);
  if (nodeEnv === 'production') throw new ConfigError(`BANK_ACCOUNT_KEY is required when NODE_ENV=production: ${BANK_ACCOUNT_KEY_FORMAT}`);
  const file = join(dataDir, 'bank-account-key');
  return parseBankAccountKey(
    file,
    generatedOnce(file, () => randomBytes(32).toString('base64')),
  );
}

const BANK_ACCOUNT_KEY_FORMAT = '32 bytes written as 64 hex digits or in base64 (e.g. the output of `openssl rand -base64 32`)';

/** The message names where the key came from, never the key. */
function parseBankAccountKey(source: string, value: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== 32 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) throw new ConfigError(`${source} must hold ${BANK_ACCOUNT_KEY_FORMAT}`);
  return key;
}

/** Each bank's own columns for the bulk-transfer file, read once so a mistake stops start-up naming it. */
function loadBankFileLayouts(file: string | undefined): BankFileLayout[] {
  if (!file) return [];
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(resolve(file), 'utf8'));
  } catch (error) {
    throw new ConfigError(`BANK_FILE_LAYOUTS: cannot read ${file} as JSON (${(error as Error).message})`);
  }
  try {
    return parseLayouts(json, `BANK_FILE_LAYOUTS ${file}`);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}

/** A secret kept in a file of the data folder: read when there, else made and written (owner only). */
function generatedOnce(file: string, make: () => string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = make();
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
