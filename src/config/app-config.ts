import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

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
  /** Honour X-Forwarded-For when the service runs behind a load balancer. */
  trustProxy: boolean;
  /** Where the agreement templates are read from, so staff can change wording without touching code. */
  agreementTemplatesDir: string;
  /** The address people reach the service at; printed in agreements' verification links. */
  publicBaseUrl: string;
}

/** Thrown for a bad environment value; main.ts prints its message as one line and exits 1. */
export class ConfigError extends Error {}

export type Env = Record<string, string | undefined>;

const DEFAULT_DATABASE_URL = 'sqlite:./data/tec.sqlite';
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
    trustProxy: parseBoolean('TRUST_PROXY', env.TRUST_PROXY, false),
    agreementTemplatesDir: resolve(env.AGREEMENT_TEMPLATES_DIR || 'templates/agreements'),
    publicBaseUrl: parseBaseUrl(env.PUBLIC_BASE_URL, port),
  };
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

function parseBoolean(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new ConfigError(`${name} must be true or false (got "${value}")`);
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
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
