import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { buildPageWorld, PageWorld, PASSWORD } from '../utils/page-world';
import { createTestApp, TestApp } from '../utils/test-app';
import { launchChromium } from './chromium';

export const SCREENSHOTS = resolve('test-output/screenshots');
export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 860 };

/** The app listening on a free port with the pages' test data, and a Chromium to drive it. */
export interface BrowserWorld {
  t: TestApp;
  world: PageWorld;
  base: string;
  browser: Browser;
}

export async function startBrowserWorld(): Promise<BrowserWorld> {
  const t = await createTestApp();
  const world = await buildPageWorld(t);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
  mkdirSync(SCREENSHOTS, { recursive: true });
  return { t, world, base, browser: await launchChromium() };
}

export async function stopBrowserWorld(w: BrowserWorld | undefined): Promise<void> {
  await w?.browser.close();
  await w?.t.close();
}

/** A fresh browser with JavaScript off, signed in as `username` (staff by default), at `viewport`. */
export async function signedInPage(
  w: BrowserWorld,
  viewport: { width: number; height: number },
  username = w.world.users.staff,
  landing = '/staff',
): Promise<Page> {
  const context = await w.browser.newContext({ viewport, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${w.base}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(`${w.base}${landing}`);
  return page;
}

export const screenshot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
