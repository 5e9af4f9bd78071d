import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureChromium } from './chromium';

interface JestGlobalConfig {
  testPathPatterns?: { patterns?: string[] } | string[];
  nonFlagArgs?: string[];
}

const BROWSER_SPECS = resolve(__dirname);

/** The browser specs this run will include: all of them unless paths or patterns name only others. */
function runIncludesBrowserSpecs(config: JestGlobalConfig): boolean {
  const specs = readdirSync(BROWSER_SPECS)
    .filter((name) => name.endsWith('.e2e-spec.ts'))
    .map((name) => resolve(BROWSER_SPECS, name));
  const raw = config.testPathPatterns;
  const patterns = (Array.isArray(raw) ? raw : (raw?.patterns ?? [])).concat(config.nonFlagArgs ?? []);
  if (!patterns.length) return specs.length > 0;
  return specs.some((spec) => patterns.some((pattern) => spec.includes(resolve(pattern)) || safeRegExp(pattern)?.test(spec)));
}

const safeRegExp = (pattern: string): RegExp | null => {
  try {
    return new RegExp(pattern);
  } catch {
    return null;
  }
};

/**
 * Jest's global set-up of the e2e project: makes sure Chromium is there before a browser spec runs,
 * installing it once where the machine allows, else stopping the run with one message saying what to install.
 */
export default function globalSetup(globalConfig: JestGlobalConfig): void {
  if (!runIncludesBrowserSpecs(globalConfig)) return;
  ensureChromium();
}
