/**
 * End-to-end check of the registry pages (一标三实) in a real (headless) Chromium
 * against the full platform with demo data: a grid worker registers a household
 * of three new persons on a phone-sized screen, finds one of them by a 2-character
 * name fragment, sees her ID number masked, and the courtyard file (一院一档)
 * prints without the menu.
 *
 * Needs Debian's chromium at /usr/bin/chromium; skipped otherwise.
 */
import { describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, STEP_TIMEOUT, useBrowser } from '../support/browser.js';

/** Valid GB 11643 numbers (real check characters, never random): female head, male spouse, female child. */
const HOUSEHOLD = [
  { name: '贺兰芷', doc: '510112198503074229', derived: '女 · 1985-03-07 出生', relationship: '户主' },
  { name: '贺兰朔', doc: '510112199001011230', derived: '男 · 1990-01-01 出生', relationship: '配偶' },
  { name: '贺兰筠', doc: '51011220000229002X', derived: '女 · 2000-02-29 出生', relationship: '子女' },
];

describe.skipIf(!HAVE_CHROMIUM)('registry pages in Chromium', () => {
  const session = useBrowser('registry');
  const step = (name: string, body: () => Promise<void>) => session.step(name, body);

  /** Opens an antd Select by its test id and picks an option (by index or text); returns the option's text. */
  async function pick(testId: string, option: number | string = 0): Promise<string> {
    const { page } = session;
    await page.getByTestId(testId).click();
    const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
    const options = dropdown.locator('.ant-select-item-option');
    const item = typeof option === 'number' ? options.nth(option) : options.filter({ hasText: option }).first();
    await item.waitFor({ state: 'visible' });
    const text = (await item.textContent()) ?? '';
    await item.click();
    await dropdown.waitFor({ state: 'hidden' });
    return text;
  }

  it('registers a household on a phone, finds a member by name fragment, and prints the courtyard file', async () => {
    const { page } = session;
    const url = session.url;
    const room = `T${String(Date.now()).slice(-5)}`;
    let householdUrl = '';

    await step('login', async () => {
      await page.goto(`${url}/login`);
      await page.getByTestId('login-username').fill('demo-grid');
      await page.getByTestId('login-password').fill(session.password);
      await page.getByTestId('login-submit').click();
      await page.waitForURL((u) => new URL(u).pathname === '/');
      await expect
        .poll(() => page.getByTestId('menu-register').textContent(), { timeout: STEP_TIMEOUT })
        .toBe('入户登记');
      expect(await page.getByTestId('menu-persons').textContent()).toBe('实有人口');
      expect(await page.getByTestId('menu-courtyards').textContent()).toBe('小区院落');
    });

    await step('register-on-a-phone', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${url}/register`);
      await page.getByTestId('register-form').waitFor({ state: 'visible' });
      // The menu is folded away on a phone: the form has the whole width.
      expect(
        await page
          .getByTestId('app-sider')
          .boundingBox()
          .then((b) => b?.width ?? 0),
      ).toBe(0);
      const form = await page.getByTestId('register-form').boundingBox();
      expect(form!.width).toBeGreaterThan(340);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    });

    await step('choose-dwelling', async () => {
      await pick('register-courtyard');
      // Urban compounds go through building and unit; rural courtyards straight to the room.
      await page.waitForTimeout(500);
      if ((await page.getByTestId('register-building').count()) > 0) {
        await pick('register-building');
        // A building without units leaves the unit select disabled ("不分单元").
        const unitClass = (await page.getByTestId('register-unit').getAttribute('class')) ?? '';
        if (!unitClass.includes('ant-select-disabled')) await pick('register-unit');
      }
      // A new room, so the dwelling is certainly free.
      await page.getByTestId('register-new-room').click();
      await page.getByTestId('register-new-room-number').fill(room);
      await page.getByTestId('register-new-room-save').click();
      await page.getByTestId('register-dwelling').getByText(room).waitFor({ state: 'visible' });
      await page.getByTestId('register-occupancy').getByText('租住', { exact: true }).click();
    });

    await step('enter-members', async () => {
      for (const [i, m] of HOUSEHOLD.entries()) {
        if (i > 0) await page.getByTestId('register-add-member').click();
        const card = page.getByTestId(`member-${i}`);
        await card.waitFor({ state: 'visible' });
        // The first member defaults to 户主, then 配偶, then 子女.
        await expect
          .poll(() => page.getByTestId(`member-${i}-relationship`).textContent(), { timeout: STEP_TIMEOUT })
          .toBe(m.relationship);
        await page.getByTestId(`member-${i}-name`).fill(m.name);
        await page.getByTestId(`member-${i}-docNumber`).fill(m.doc);
        // Checked as typed with the shared rules; gender and birth date read from the number.
        await card.getByText(m.derived, { exact: true }).waitFor({ state: 'visible' });
      }
    });

    await step('submit', async () => {
      await page.getByTestId('register-submit').click();
      const success = page.getByTestId('register-success');
      const refused = page.locator(
        '[data-testid$="-issue"], .ant-form-item-explain-error, .ant-message-error, .ant-notification-notice',
      );
      await Promise.race([success.waitFor({ state: 'visible' }), refused.first().waitFor({ state: 'visible' })]);
      if (!(await success.isVisible())) {
        const reasons = await refused.allInnerTexts();
        throw new Error(`registration refused: ${reasons.join(' | ') || 'unknown reason'}`);
      }
      expect(await success.innerText()).toContain('已登记 3 人');
      expect(await success.innerText()).toContain(room);
    });

    await step('household-page', async () => {
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.getByTestId('register-open-household').click();
      await page.waitForURL(/\/households\//);
      householdUrl = page.url();
      await expect
        .poll(() => page.getByTestId('household-title').textContent(), { timeout: STEP_TIMEOUT })
        .toBe('户主：贺兰芷');
      const members = page.getByTestId('household-members');
      for (const m of HOUSEHOLD) await members.getByText(m.name, { exact: true }).waitFor({ state: 'visible' });
    });

    await step('search-by-name-fragment', async () => {
      await page.getByTestId('menu-persons').click();
      await page.waitForURL(/\/persons/);
      await page.getByTestId('person-search').locator('input').fill('兰芷');
      await page.getByTestId('person-search').locator('input').press('Enter');
      const hit = page.getByTestId('person-results').getByTestId('person-result-name').filter({ hasText: '贺兰芷' });
      await hit.waitFor({ state: 'visible' });
      await expect
        .poll(() => page.getByTestId('person-matched-by').textContent(), { timeout: STEP_TIMEOUT })
        .toContain('姓名');
      await hit.click();
      await page.waitForURL(/\/persons\/[0-9a-f-]{36}$/);
    });

    await step('id-number-masked', async () => {
      await expect
        .poll(() => page.getByTestId('person-doc').textContent(), { timeout: STEP_TIMEOUT })
        .toBe('5101**********4229');
      expect(await page.getByTestId('person-name').textContent()).toContain('贺兰芷');
      // A grid worker may reveal the ID number (with a reason): the eye is offered.
      await page.getByTestId('person-doc-reveal').waitFor({ state: 'visible' });
    });

    await step('courtyard-print-view', async () => {
      await page.goto(householdUrl);
      await page.getByTestId('household-courtyard-link').click();
      await page.waitForURL(/\/courtyards\/[0-9a-f-]{36}$/);
      await page.getByTestId('courtyard-name').waitFor({ state: 'visible' });
      await page.getByTestId('household-table').getByText('贺兰芷', { exact: true }).waitFor({ state: 'visible' });
      const print = page.getByTestId('courtyard-print');
      await print.waitFor({ state: 'visible' });
      expect(await page.getByTestId('app-sider').isVisible()).toBe(true);
      expect(await page.getByTestId('print-header').isVisible()).toBe(false);

      await page.emulateMedia({ media: 'print' });
      await expect.poll(() => page.getByTestId('app-sider').isVisible(), { timeout: STEP_TIMEOUT }).toBe(false);
      expect(await page.getByTestId('app-header').isVisible()).toBe(false);
      expect(await print.isVisible()).toBe(false);
      // The printout says what it is, who printed it and when.
      const header = page.getByTestId('print-header');
      expect(await header.isVisible()).toBe(true);
      expect(await header.innerText()).toMatch(
        /一院一档 · .+[\s\S]*打印人：三盛都会城网格员（演示）（demo-grid）[\s\S]*打印时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/,
      );
      await page.emulateMedia({ media: 'screen' });
      await expect.poll(() => page.getByTestId('app-sider').isVisible(), { timeout: STEP_TIMEOUT }).toBe(true);
    });
  }, 240_000);

  it('says so when a document typed in the person form is registered elsewhere in the district', async () => {
    const { page, url } = session;
    // Community staff register a person in the community's second grid, out of demo-grid's scope.
    const signIn = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'demo-community', password: session.password }),
    });
    const cookie = signIn.headers
      .getSetCookie()
      .find((c) => c.startsWith('ss_session='))!
      .split(';')[0]!;
    const headers = {
      cookie,
      'x-csrf-token': ((await signIn.json()) as { csrfToken: string }).csrfToken,
      'content-type': 'application/json',
    };
    const areas = (await (await fetch(`${url}/api/areas?q=510112005201002`, { headers })).json()) as {
      items: { id: string; code: string }[];
    };
    const gridId = areas.items.find((a) => a.code === '510112005201002')!.id;
    const doc = '510112197807150011';
    const created = await fetch(`${url}/api/persons`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ gridId, name: '邻格人', docType: 'resident_id', docNumber: doc }),
    });
    expect([201, 409]).toContain(created.status);

    await step('lookup-login', async () => {
      await page.setViewportSize({ width: 1366, height: 768 });
      // Signed out first: another test of this file may have left a session.
      await page.context().clearCookies();
      await page.goto(`${url}/login`);
      await page.getByTestId('login-username').fill('demo-grid');
      await page.getByTestId('login-password').fill(session.password);
      await page.getByTestId('login-submit').click();
      await page.waitForURL((u) => new URL(u).pathname === '/');
    });

    await step('lookup-hint', async () => {
      await page.goto(`${url}/register`);
      await page.getByTestId('member-0').waitFor({ state: 'visible' });
      await page.getByTestId('member-0-docNumber').fill(doc);
      await page.getByTestId('member-0-name').click();
      const hint = page.getByTestId('member-0-known');
      await hint.waitFor({ state: 'visible' });
      expect(await hint.innerText()).toContain('已在本区其他网格登记');
    });
  });
});
