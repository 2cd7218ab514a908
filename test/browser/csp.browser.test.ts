/**
 * The Content-Security-Policy in a real (headless) Chromium against the full platform
 * with demo data: the console (signed in, the command center with its chart), the
 * residents' registration page and the check-in page on a phone, and Swagger UI at
 * /api/docs all render under the policy the server sends, and the browser reports no
 * violation; an inline script a page did not come with is refused (and reported).
 *
 * Needs Debian's chromium at /usr/bin/chromium; skipped otherwise.
 */
import type { BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDay } from '../../src/domain/clock.js';
import type { CodeDto } from '../../src/server/modules/self-registration/codes/index.js';
import { HAVE_CHROMIUM, STEP_TIMEOUT, useBrowser } from '../support/browser.js';
import { signIn } from '../support/http-client.js';

/** Every violation a page of the context reports, as an event and as Chromium's console message. */
async function recordViolations(context: BrowserContext, into: string[]): Promise<void> {
  context.on('console', (m) => {
    if (m.text().includes('Content Security Policy')) into.push(`console: ${m.text()}`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.warn(`Content Security Policy violation event: ${e.effectiveDirective} ${e.blockedURI}`),
    );
  });
}

function policyOf(response: Response | null): string {
  return response?.headers()['content-security-policy'] ?? '';
}

describe.skipIf(!HAVE_CHROMIUM)('Content-Security-Policy in Chromium', () => {
  const session = useBrowser('csp');
  const step = (name: string, body: () => Promise<void>) => session.step(name, body);
  let phone: BrowserContext | null = null;
  afterAll(async () => {
    await phone?.close().catch(() => undefined);
  });

  it('the console, the phone pages and Swagger UI render with no violation', async () => {
    const { page, url } = session;
    const violations: string[] = [];
    await recordViolations(page.context(), violations);
    let token = '';

    await step('console-signs-in-and-shows-the-command-center', async () => {
      const res = await page.goto(`${url}/login`);
      expect(policyOf(res)).toContain("script-src 'self'");
      await page.getByTestId('login-username').fill('demo-street');
      await page.getByTestId('login-password').fill(session.password);
      await page.getByTestId('login-submit').click();
      await page.waitForURL((u) => new URL(u).pathname === '/');
      await expect
        .poll(() => page.getByTestId('home-area-name').textContent(), { timeout: STEP_TIMEOUT })
        .toBe('柏合街道');
      await page.locator('canvas').first().waitFor({ state: 'visible' });
    });

    await step('swagger-ui', async () => {
      const res = await page.goto(`${url}/api/docs`);
      expect(policyOf(res)).toContain("script-src 'self'");
      await page
        .locator('.swagger-ui .info .title', { hasText: 'Shuangsheng (双胜) API' })
        .waitFor({ state: 'visible' });
      await page.locator('.swagger-ui .opblock').first().waitFor({ state: 'visible' });
    });

    await step('phone-pages', async () => {
      const grid = await signIn(url, 'demo-grid', session.password);
      const me = await grid.expect<{ scope: { id: string } }>(200, 'GET', '/api/me');
      const code = await grid.expect<CodeDto>(201, 'POST', '/api/reg-codes', {
        areaId: me.scope.id,
        responsibleName: '李网格',
        responsiblePhone: '13800138000',
        expiresOn: addDays(shanghaiDay(new Date()), 30),
      });
      token = code.path!.split('/').pop()!;
      phone = await page
        .context()
        .browser()!
        .newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      session.watch(phone);
      await recordViolations(phone, violations);
      const m: Page = await phone.newPage();
      m.setDefaultTimeout(STEP_TIMEOUT);
      const reg = await m.goto(`${url}/m/reg/${token}`);
      expect(policyOf(reg)).toContain("script-src 'self'");
      await m.getByTestId('reg-step-dwelling').waitFor({ state: 'visible' });
      // A link that is not (or no longer) valid: the check-in page still renders, and says so.
      const checkin = await m.goto(`${url}/m/checkin/${'x'.repeat(32)}`);
      expect(policyOf(checkin)).toContain("script-src 'self'");
      await m.getByTestId('checkin-page').waitFor({ state: 'visible' });
      await m.getByTestId('checkin-invalid').waitFor({ state: 'visible' });
    });

    await step('no-violation-reported', () => {
      expect(violations).toEqual([]);
      return Promise.resolve();
    });

    await step('an-inline-script-is-refused-and-reported', async () => {
      const ran = await page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'window.__injected = true;';
        document.body.append(script);
        return (window as unknown as { __injected?: boolean }).__injected === true;
      });
      expect(ran).toBe(false);
      await expect.poll(() => violations.length, { timeout: STEP_TIMEOUT }).toBeGreaterThan(0);
      expect(violations.join('\n')).toContain('script-src');
    });
  }, 180_000);
});
