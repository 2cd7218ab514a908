/**
 * End-to-end check of key-population health management in a real (headless)
 * Chromium against the full platform with demo data:
 *
 *   1. Through the API, the grid worker (demo-grid) registers a family of three in
 *      the demo grid 510112005201001, places all three under home isolation (来自武汉)
 *      and issues a household check-in link for the head.
 *   2. The household head opens the link on a phone (no account): sees the three
 *      members with masked names, is stopped by an impossible temperature, reports
 *      for all three — the child with fever 38.2 ℃ — and sees the result; a second
 *      submission the same day amends the day's check-ins instead of adding more.
 *   3. demo-grid signs in to the console, sees the unread badge and the symptomatic
 *      alert about the child in the inbox, and handles it with a note; the alert is
 *      then handled, in the page and through the API.
 *   4. demo-grid revokes the household link from the head's health page with a reason;
 *      the phone, reloading the link, is told it was revoked.
 *
 * Needs Debian's chromium at /usr/bin/chromium; skipped otherwise.
 */
import type { BrowserContext } from 'playwright-core';
import type { InboxDto } from '../../src/server/modules/health/alerts/index.js';
import type { CheckinLinkDto } from '../../src/server/modules/health/checkins/index.js';
import type { TimelineDto } from '../../src/server/modules/health/measures/index.js';
import { afterAll, describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, STEP_TIMEOUT, useBrowser } from '../support/browser.js';
import { type KeyFamily, placeFamily } from '../support/health-family.js';
import { type HttpClient, signIn } from '../support/http-client.js';

const FAMILY = [
  { name: '甘德全', birth: '1976-05-14', relationship: 'head' as const },
  { name: '甘秀英', birth: '1978-11-02', relationship: 'spouse' as const },
  { name: '甘小满', birth: '2009-03-27', relationship: 'child' as const },
];
/** Head, spouse, child: the child has fever. */
const TEMPERATURES = ['36.5', '36.8', '38.2'];
const NOTE = '已电话联系户主，安排社区医生上门复测，已告知居家等待';
const REVOKE_REASON = '户主手机遗失，链接停用';

describe.skipIf(!HAVE_CHROMIUM)('key-population health in Chromium', () => {
  const session = useBrowser('health');
  const step = session.step;
  let phone: BrowserContext | null = null;
  afterAll(async () => {
    await phone?.close().catch(() => undefined);
  });

  it('a household head reports for the family on a phone; the grid worker handles the fever alert', async () => {
    const { page, url } = session;
    let grid: HttpClient;
    let family: KeyFamily;
    let linkPath = '';

    await step('setup-through-the-api', async () => {
      grid = await signIn(url, 'demo-grid', session.password);
      const me = await grid.expect<{ scope: { code: string } }>(200, 'GET', '/api/me');
      expect(me.scope.code).toBe('510112005201001');
      family = await placeFamily(grid, FAMILY, ['from_wuhan']);
      expect(family.measures.map((m) => m.measure)).toEqual(['home_isolation', 'home_isolation', 'home_isolation']);
      const link = await grid.expect<CheckinLinkDto>(
        201,
        'POST',
        `/api/health-persons/${family.members[0]}/checkin-links`,
        { scope: 'household' },
      );
      expect(link.scope).toBe('household');
      expect(link.path).toMatch(/^\/m\/checkin\/[A-Za-z0-9_-]{32}$/);
      linkPath = link.path;
    });

    const browser = page.context().browser()!;
    phone = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    session.watch(phone);
    const m = await phone.newPage();
    m.setDefaultTimeout(STEP_TIMEOUT);
    const card = (personId: string) => m.locator(`[data-person-id="${personId}"]`).first();

    await step('phone-opens-the-link', async () => {
      await m.goto(`${url}${linkPath}`);
      await m.getByTestId('checkin-page').waitFor({ state: 'visible' });
      await m.getByTestId('checkin-person-2').waitFor({ state: 'visible' });
      // No sign-in on the way: the public page itself.
      expect(new URL(m.url()).pathname).toBe(linkPath);
      expect(await m.getByTestId('checkin-intro').innerText()).toContain('3 位在管家庭成员');
      // Everyone under a measure in the household, the head first, names masked.
      const ids = await m
        .locator('[data-testid^="checkin-person-"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-person-id')));
      expect(ids[0]).toBe(family.members[0]);
      expect([...ids].sort()).toEqual([...family.members].sort());
      expect(await card(family.members[0]!).locator('.ss-m-name').innerText()).toBe('甘*全');
      expect(await card(family.members[2]!).locator('.ss-m-name').innerText()).toBe('甘*满');
      expect(await card(family.members[0]!).innerText()).toContain('户主');
      expect(await m.locator('body').innerText()).not.toContain('甘德全');
      // Fits the phone: no sideways scrolling.
      expect(await m.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    });

    await step('an-impossible-temperature-is-refused', async () => {
      for (const [i, personId] of family.members.entries()) {
        await card(personId)
          .locator('[data-testid^="checkin-temp-"] input')
          .fill(i === 2 ? '44.0' : TEMPERATURES[i]!);
      }
      await m.getByTestId('checkin-submit').click();
      const error = card(family.members[2]!).locator('[data-testid^="checkin-temp-error-"]');
      await error.waitFor({ state: 'visible' });
      expect(await error.innerText()).toContain('34.0–42.5');
      // Nothing was sent: still the form.
      expect(await m.getByTestId('checkin-success').count()).toBe(0);
    });

    await step('reports-for-all-three', async () => {
      await card(family.members[2]!).locator('[data-testid^="checkin-temp-"] input').fill(TEMPERATURES[2]!);
      await card(family.members[2]!).locator('[data-testid^="checkin-fever-"]').waitFor({ state: 'visible' });
      await card(family.members[2]!).locator('[data-testid$="-干咳"]').click();
      await m.getByTestId('checkin-submit').click();
      await m.getByTestId('checkin-success').waitFor({ state: 'visible' });
      const saved = m.getByTestId('checkin-saved');
      expect(await saved.count()).toBe(3);
      const states = Object.fromEntries(
        await saved.evaluateAll((els) =>
          els.map((e): [string, string] => [
            e.getAttribute('data-person-id') ?? '',
            `${e.getAttribute('data-state')}:${e.getAttribute('data-amended')}`,
          ]),
        ),
      );
      expect(states).toEqual({
        [family.members[0]!]: 'normal:false',
        [family.members[1]!]: 'normal:false',
        [family.members[2]!]: 'symptomatic:false',
      });
      await m.getByTestId('checkin-symptomatic-notice').waitFor({ state: 'visible' });
      expect(await m.getByTestId('checkin-again-hint').innerText()).toContain('更新今天的记录');
    });

    await step('a-second-submission-amends', async () => {
      await m.getByTestId('checkin-again').click();
      await m.getByTestId('checkin-amend-notice').waitFor({ state: 'visible' });
      // Today's values come back in the form.
      expect(await card(family.members[2]!).locator('[data-testid^="checkin-temp-"] input').inputValue()).toBe('38.2');
      await card(family.members[0]!).locator('[data-testid^="checkin-temp-"] input').fill('36.6');
      await m.getByTestId('checkin-submit').click();
      await m.getByTestId('checkin-success').waitFor({ state: 'visible' });
      const amended = await m
        .getByTestId('checkin-saved')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-amended')));
      expect(amended).toEqual(['true', 'true', 'true']);
      // Still one check-in per person for the day, now in its second version.
      const timeline = await grid.expect<TimelineDto>(200, 'GET', `/api/health-persons/${family.members[0]}`);
      expect(timeline.checkins).toHaveLength(1);
      expect(timeline.checkins[0]).toMatchObject({ temperature: 36.6, revisions: 2, channel: 'self' });
    });

    await step('grid-worker-signs-in', async () => {
      await page.goto(`${url}/login`);
      await page.getByTestId('login-username').fill('demo-grid');
      await page.getByTestId('login-password').fill(session.password);
      await page.getByTestId('login-submit').click();
      await page.waitForURL((u) => new URL(u).pathname === '/');
      // The unread count is on the menu.
      await page.getByTestId('menu-alerts-badge').waitFor({ state: 'visible' });
      await page.getByTestId('menu-alerts').click();
      await page.waitForURL(/\/health\/alerts$/);
    });

    const row = () =>
      page.locator(`[data-testid="alert-row"][data-person-id="${family.members[2]}"][data-kind="symptomatic"]`);

    await step('sees-the-fever-alert', async () => {
      await row().waitFor({ state: 'visible' });
      expect(await row().count()).toBe(1);
      expect(await row().getAttribute('data-state')).toBe('new');
      expect(await row().getByTestId('alert-details').innerText()).toContain('38.2℃');
      expect(await row().getByTestId('alert-details').innerText()).toContain('干咳');
      // No alert for the two without fever.
      for (const personId of family.members.slice(0, 2))
        expect(await page.locator(`[data-testid="alert-row"][data-person-id="${personId}"]`).count()).toBe(0);
    });

    await step('handles-it-with-a-note', async () => {
      await row().getByTestId('alert-handle').click();
      // A note is required.
      await page.getByTestId('alert-handle-ok').click();
      await page
        .locator('.ant-modal .ant-form-item-explain-error')
        .filter({ hasText: '请填写处理情况' })
        .waitFor({ state: 'visible' });
      await page.getByTestId('alert-handle-note').fill(NOTE);
      await page.getByTestId('alert-handle-ok').click();
      await expect.poll(() => row().getAttribute('data-state'), { timeout: STEP_TIMEOUT }).toBe('handled');
      expect(await row().getByTestId('alert-note').innerText()).toContain(NOTE);
    });

    await step('the-alert-is-handled', async () => {
      await page.getByTestId('alerts-filter-handled').click();
      await page.waitForURL(/state=handled/);
      await expect.poll(() => row().getAttribute('data-state'), { timeout: STEP_TIMEOUT }).toBe('handled');
      const handled = await grid.expect<InboxDto>(200, 'GET', '/api/alerts?state=all&limit=200');
      const mine = handled.items.filter((a) => a.person?.id === family.members[2] && a.kind === 'symptomatic');
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ state: 'handled', note: NOTE });
      expect(mine[0]!.details.temperature).toBe(38.2);
    });

    await step('revokes-the-link-with-a-reason', async () => {
      await page.goto(`${url}/health/persons/${family.members[0]}`);
      await page.getByTestId('health-checkin-link').click();
      const link = page.getByTestId('link-row').first();
      await link.waitFor({ state: 'visible' });
      expect(await page.getByTestId('link-row').count()).toBe(1);
      expect(await link.getAttribute('data-state')).toBe('active');
      await link.getByTestId('link-revoke').click();
      // A reason is required.
      await page.getByTestId('link-revoke-modal-ok').click();
      await page
        .locator('.ant-modal .ant-form-item-explain-error')
        .filter({ hasText: '请填写理由' })
        .waitFor({ state: 'visible' });
      await page.getByTestId('link-revoke-modal-reason').fill(REVOKE_REASON);
      await page.getByTestId('link-revoke-modal-ok').click();
      await expect.poll(() => link.getAttribute('data-state'), { timeout: STEP_TIMEOUT }).toBe('revoked');
      expect(await link.getByTestId('link-revoke').count()).toBe(0);
    });

    await step('the-phone-is-told-the-link-was-revoked', async () => {
      await m.reload();
      await m.getByTestId('checkin-invalid').waitFor({ state: 'visible' });
      expect(await m.getByTestId('checkin-invalid').innerText()).toContain('已被工作人员停用');
    });

    await step('reads-the-rules-in-force', async () => {
      await page.goto(`${url}/health/rules`);
      await page.getByText('来自武汉').first().waitFor({ state: 'visible' });
      expect(await page.locator('body').innerText()).toContain('居家隔离观察');
    });
  }, 240_000);
});
