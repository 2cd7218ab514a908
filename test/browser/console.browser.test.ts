/**
 * End-to-end check of the web console in a real (headless) Chromium against the
 * full platform with demo data: sign-in, scope, menu permissions, the area tree,
 * the language switch and its persistence, sign-out.
 *
 * Needs Debian's chromium at /usr/bin/chromium; skipped otherwise.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer } from '../support/demo-server.js';

const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const STEP_TIMEOUT = 15_000;
const RESULTS_DIR = path.resolve('test-results');

if (!HAVE_CHROMIUM) {
  console.warn(`browser tests skipped: ${CHROMIUM} not found; install Debian's chromium (apt-get install -y chromium fonts-noto-cjk)`);
}

describe.skipIf(!HAVE_CHROMIUM)('web console in Chromium', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>> | null = null;
  let browser: Browser | null = null;
  let context: BrowserContext | null = null;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(path.resolve('dist/web/index.html'))) {
      throw new Error('dist/web/index.html is missing: build the console first (npx vite build)');
    }
    server = await startDemoServer();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    page.setDefaultNavigationTimeout(STEP_TIMEOUT);
  }, 120_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.close();
  }, 60_000);

  /** Runs one step; on failure saves a screenshot to test-results/ and rethrows. */
  async function step(name: string, body: () => Promise<void>): Promise<void> {
    try {
      await body();
    } catch (err) {
      await mkdir(RESULTS_DIR, { recursive: true });
      const file = path.join(RESULTS_DIR, `console-${name.replace(/[^a-z0-9-]+/gi, '-')}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      throw new Error(`step "${name}" failed (screenshot: ${file}): ${err instanceof Error ? err.message : String(err)}`, {
        cause: err,
      });
    }
  }

  it('signs in as a street worker, browses areas, switches language and signs out', async () => {
    const url = server!.url;

    await step('redirect-to-login', async () => {
      await page.goto(`${url}/`);
      await page.waitForURL(/\/login$/);
      await page.getByTestId('login-submit').waitFor({ state: 'visible' });
    });

    await step('login', async () => {
      await page.getByTestId('login-username').fill('demo-street');
      await page.getByTestId('login-password').fill(server!.password);
      await page.getByTestId('login-submit').click();
      await page.waitForURL((u) => new URL(u).pathname === '/');
    });

    await step('home-shows-scope', async () => {
      await expect.poll(() => page.getByTestId('scope-name').textContent(), { timeout: STEP_TIMEOUT }).toBe('柏合街道');
      await expect
        .poll(() => page.getByTestId('home-area-name').textContent(), { timeout: STEP_TIMEOUT })
        .toBe('柏合街道');
    });

    await step('menu-permissions', async () => {
      await page.getByTestId('menu-areas').waitFor({ state: 'visible' });
      expect(await page.getByTestId('menu-areas').textContent()).toBe('区域管理');
      // street_staff has no audit.read: no 审计日志 entry.
      expect(await page.getByTestId('menu-audit').count()).toBe(0);
      expect(await page.getByRole('menu').getByText('审计日志').count()).toBe(0);
    });

    await step('area-tree', async () => {
      await page.getByTestId('menu-areas').click();
      await page.waitForURL(/\/areas/);
      const tree = page.getByTestId('area-tree');
      await tree.getByText('柏合街道', { exact: true }).waitFor({ state: 'visible' });
      const community = tree.getByText('东华村', { exact: true });
      if (!(await community.isVisible())) {
        // Expand the root if it is collapsed.
        await tree.locator('.ant-tree-treenode').first().locator('.ant-tree-switcher').click();
      }
      await community.waitFor({ state: 'visible' });
      await community.click();
      await expect
        .poll(() => page.getByTestId('area-detail-name').textContent(), { timeout: STEP_TIMEOUT })
        .toBe('东华村');
    });

    await step('switch-to-english', async () => {
      await page.getByTestId('lang-switch').getByText('English', { exact: true }).click();
      await expect.poll(() => page.getByTestId('menu-areas').textContent(), { timeout: STEP_TIMEOUT }).toBe('Areas');
      expect(await page.evaluate(() => localStorage.getItem('ss.lang'))).toBe('en-US');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en-US');
    });

    await step('english-persists-after-reload', async () => {
      await page.reload();
      await expect.poll(() => page.getByTestId('menu-areas').textContent(), { timeout: STEP_TIMEOUT }).toBe('Areas');
      await expect.poll(() => page.getByTestId('menu-home').textContent(), { timeout: STEP_TIMEOUT }).toBe('Command Center');
      await page.getByTestId('area-tree').getByText('柏合街道', { exact: true }).waitFor({ state: 'visible' });
    });

    await step('logout', async () => {
      await page.getByTestId('user-menu').click();
      await page.getByTestId('logout').click();
      await page.waitForURL(/\/login$/);
      await page.getByTestId('login-submit').waitFor({ state: 'visible' });
      expect((await page.getByTestId('login-submit').textContent())?.replace(/\s+/g, '')).toBe('Signin');
      // The session is really gone: a protected page sends us back to sign-in.
      await page.goto(`${url}/areas`);
      await page.waitForURL(/\/login$/);
    });
  }, 180_000);
});
