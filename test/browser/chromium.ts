import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { Browser, chromium } from 'playwright-core';

/** Headless, with nothing phoning home. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** Where Debian, Ubuntu and Google put it; CHROMIUM_PATH first. */
const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
const FIXED = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/opt/google/chrome/chrome',
];

/** The packages the browser specs need: the browser and a font with Chinese characters for the screenshots. */
export const CHROMIUM_PACKAGES = ['chromium', 'fonts-wqy-microhei'];

export const MISSING_CHROMIUM = [
  'The browser specs (test/browser) need Chromium and none was found.',
  `Install it (Debian/Ubuntu: \`sudo apt-get install -y ${CHROMIUM_PACKAGES.join(' ')}\`)`,
  'or point CHROMIUM_PATH at a Chromium or Chrome executable.',
].join(' ');

const executable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The first Chromium found: CHROMIUM_PATH, the usual places, then each name on PATH; null when none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.CHROMIUM_PATH) return executable(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  const onPath = (env.PATH ?? '').split(delimiter).filter(Boolean);
  const candidates = [...FIXED, ...NAMES.flatMap((name) => onPath.map((dir) => join(dir, name)))];
  return candidates.find(executable) ?? null;
}

/** Root with apt-get: the set-up may install the packages itself. */
const mayInstall = (): boolean => process.getuid?.() === 0 && findOnPath('apt-get') !== null;
const findOnPath = (name: string): string | null =>
  (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, name))
    .find(executable) ?? null;

/**
 * Chromium's path, installing it once with apt-get when it is missing and this process may; otherwise an
 * error saying what to install. CHROMIUM_PATH naming a missing file is an error, never an install.
 */
export function ensureChromium(log: (line: string) => void = console.log): string {
  const found = findChromium();
  if (found) return found;
  if (process.env.CHROMIUM_PATH) throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable. ${MISSING_CHROMIUM}`);
  if (!mayInstall()) throw new Error(MISSING_CHROMIUM);
  log(`Chromium not found: installing ${CHROMIUM_PACKAGES.join(' ')} with apt-get (once)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...CHROMIUM_PACKAGES], { stdio: 'inherit', env });
  } catch (error) {
    throw new Error(`apt-get could not install ${CHROMIUM_PACKAGES.join(' ')} (${(error as Error).message}). ${MISSING_CHROMIUM}`);
  }
  const installed = findChromium();
  if (!installed)
    throw new Error(`apt-get installed ${CHROMIUM_PACKAGES.join(' ')} but no Chromium executable was found. ${MISSING_CHROMIUM}`);
  return installed;
}

/** The one launcher of the browser specs: a fresh, temporary profile per launch, removed on close. */
export function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(MISSING_CHROMIUM);
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}
