/**
 * End-to-end check of the web console in a real (headless) Chromium against the
 * full platform with demo data: sign-in, scope, menu permissions, the area tree,
 * the language switch and its persistence, sign-out.
 *
 * Needs Debian's chromium at /usr/bin/chromium; skipped otherwise.
 */
import { describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, STEP_TIMEOUT, useBrowser } from '../support/browser.js';

describe.skipIf(!HAVE_CHROMIUM)('web console in Chromium', () => {
  const session = useBrowser('console');
  const step = (name: string, body: () => Promise<void>) => session.step(name, body);

  it('signs in as a street worker, browses areas, switches language and signs out', async () => {
    const { page } = session;
    const url = session.url;

    await step('redirect-to-login', async () => {
      await page.goto(`${url}/`);
      await page.waitForURL(/\/login$/);
      await page.getByTestId('login-submit').waitFor({ state: 'visible' });
    });

    await step('login', async () => {
      await page.getByTestId('login-username').fill('demo-street');
      await page.getByTestId('login-password').fill(session.password);
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
      await expect
        .poll(() => page.getByTestId('menu-home').textContent(), { timeout: STEP_TIMEOUT })
        .toBe('Command Center');
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
