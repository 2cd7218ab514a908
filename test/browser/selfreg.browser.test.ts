/**
 * End-to-end QR family self-registration in a real (headless) Chromium against the
 * full platform with demo data:
 *
 *   1. Through the API, demo-grid creates a registration code for the demo grid.
 *   2. On a phone (390×844, no account) a family of three opens the code's link,
 *      chooses its room, enters the members — one ID number with a wrong check digit
 *      is refused inline and corrected; a passport would be asked gender and birth
 *      date — says the head came back from 武汉, gives his
 *      temperature (only he is asked), and submits. The connection drops after the
 *      server stored it and before the answer arrived; the retry stores nothing new.
 *   3. The family reopens its edit link and changes the spouse's phone: version 2.
 *   4. demo-grid, in the console, finds the family in the review queue, sees the two
 *      versions and the change, accepts it — the three persons enter the registry —
 *      and places the returnee under 居家医学观察 with the rule's end date.
 *
 * Needs Debian's chromium at /usr/bin/chromium; skipped otherwise.
 */
import type { BrowserContext } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDay } from '../../src/domain/clock.js';
import { checkCharacter } from '../../src/domain/id-number.js';
import type { CodeDto } from '../../src/server/modules/self-registration/codes/index.js';
import type { CodeView, DwellingTree } from '../../src/server/modules/self-registration/intake/index.js';
import type { QueueDto, SubmissionDetail } from '../../src/server/modules/self-registration/review/index.js';
import { HAVE_CHROMIUM, STEP_TIMEOUT, useBrowser } from '../support/browser.js';
import { type HttpClient, signIn } from '../support/http-client.js';

const id = (first17: string) => first17 + checkCharacter(first17);
const HEAD = { name: '刘返乡', doc: id('51011219800312003'), phone: '13912340001' };
const SPOUSE = { name: '刘秀兰', doc: id('51011219820715004'), phone: '13912340002', newPhone: '13912340009' };
const CHILD = { name: '刘小宝', doc: id('51011220120101005') };
/** The same number with another (wrong) check character. */
const wrongCheck = (doc: string) => doc.slice(0, 17) + (doc.endsWith('1') ? '2' : '1');

describe.skipIf(!HAVE_CHROMIUM)('QR family self-registration in Chromium', () => {
  const session = useBrowser('selfreg');
  const step = (name: string, body: () => Promise<void>) => session.step(name, body);
  let phone: BrowserContext | null = null;
  afterAll(async () => {
    await phone?.close().catch(() => undefined);
  });

  it('a family registers on a phone, corrects it later, and the grid worker accepts and places the returnee', async () => {
    const { page, url } = session;
    let grid: HttpClient;
    let token = '';
    let place = { courtyard: '', building: '', unit: '', room: '', dwellingId: '' };

    await step('code-through-the-api', async () => {
      grid = await signIn(url, 'demo-grid', session.password);
      const me = await grid.expect<{ scope: { id: string } }>(200, 'GET', '/api/me');
      const today = shanghaiDay(new Date());
      const code = await grid.expect<CodeDto>(201, 'POST', '/api/reg-codes', {
        areaId: me.scope.id,
        responsibleName: '李网格',
        responsiblePhone: '13800138000',
        expiresOn: addDays(today, 30),
      });
      token = code.path!.split('/').pop()!;
      const view = await grid.expect<CodeView>(200, 'GET', `/api/public/reg/${token}`);
      for (const y of view.courtyards) {
        const tree = await grid.expect<DwellingTree>(200, 'GET', `/api/public/reg/${token}/courtyards/${y.id}`);
        const b = tree.buildings.find((x) => x.units.some((u) => u.rooms.length > 1));
        const u = b?.units.find((x) => x.rooms.length > 1);
        if (b && u) {
          place = {
            courtyard: y.name,
            building: b.label,
            unit: u.label,
            room: u.rooms[1]!.room,
            dwellingId: u.rooms[1]!.id,
          };
          break;
        }
      }
      expect(place.dwellingId).not.toBe('');
    });

    phone = await page
      .context()
      .browser()!
      .newContext({
        locale: 'zh-CN',
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        deviceScaleFactor: 2,
      });
    session.watch(phone);
    const m = await phone.newPage();
    m.setDefaultTimeout(STEP_TIMEOUT);
    const tap = (testId: string, text: string) => m.getByTestId(testId).getByText(text, { exact: true }).click();
    const next = () => m.getByTestId('reg-next').click();

    await step('phone-chooses-the-room', async () => {
      await m.goto(`${url}/m/reg/${token}`);
      await m.getByTestId('reg-step-dwelling').waitFor({ state: 'visible' });
      if (await m.getByTestId('reg-courtyard').count()) await tap('reg-courtyard', place.courtyard);
      await tap('reg-building', place.building);
      await tap('reg-unit', place.unit);
      await tap('reg-room', place.room);
      await next();
      await m.getByTestId('reg-step-living').waitFor();
      await tap('reg-livingType', '自有住房');
      await next();
    });

    await step('phone-enters-the-family-with-an-inline-correction', async () => {
      await m.getByTestId('reg-step-members').waitFor();
      await m.fill('#member-0-name', HEAD.name);
      await m.fill('#member-0-docNumber', wrongCheck(HEAD.doc));
      await m.locator('#member-0-phone').focus();
      const error = m.getByTestId('member-0-docNumber-error');
      await error.waitFor();
      expect(await error.innerText()).toContain('校验位不正确');
      await m.fill('#member-0-docNumber', HEAD.doc);
      await m.fill('#member-0-phone', HEAD.phone);
      await m.fill('#member-0-hukouPlace', '四川省成都市龙泉驿区');
      await expect.poll(() => error.count(), { timeout: STEP_TIMEOUT }).toBe(0);
      await m.getByTestId('reg-add-member').click();
      await m.fill('#member-1-name', SPOUSE.name);
      await m.fill('#member-1-docNumber', SPOUSE.doc);
      await m.fill('#member-1-phone', SPOUSE.phone);
      await tap('member-1-relationship', '配偶');
      await m.getByTestId('reg-add-member').click();
      await m.fill('#member-2-name', CHILD.name);
      // A passport does not carry gender and birth date: the card asks them, a resident ID does not.
      await m.selectOption('#member-2-docType', 'passport');
      await m.getByTestId('member-2-gender').waitFor();
      await m.locator('#member-2-birthDate').waitFor();
      await m.selectOption('#member-2-docType', 'resident_id');
      await expect.poll(() => m.locator('#member-2-birthDate').count(), { timeout: STEP_TIMEOUT }).toBe(0);
      await m.fill('#member-2-docNumber', CHILD.doc);
      await tap('member-2-relationship', '子女');
      await next();
    });

    await step('phone-answers-travel-and-health', async () => {
      await m.getByTestId('reg-step-travel').waitFor();
      await tap('reg-travelled', '是');
      await tap('trip-0-place', '武汉');
      await m.fill('#trip-0-returnDate', addDays(shanghaiDay(new Date()), -3));
      await tap('trip-0-transport', '火车');
      await m.fill('#trip-0-transportNo', 'G1234');
      await tap('trip-0-members', HEAD.name);
      await tap('reg-contacted', '否');
      await next();
      await m.getByTestId('reg-step-health').waitFor();
      // Minimum necessary: only the returnee is asked.
      expect(await m.locator('#member-1-temperature').count()).toBe(0);
      await m.fill('#member-0-temperature', '36.6');
      await next();
      await m.getByTestId('reg-step-confirm').waitFor();
    });

    let familyCode = '';
    let editLink = '';
    await step('phone-submits-through-a-dropped-connection', async () => {
      let calls = 0;
      await m.route('**/api/public/reg/*/submissions', async (route) => {
        calls += 1;
        if (calls === 1) {
          // The server stores it; the answer never reaches the phone.
          const stored = await route.fetch();
          expect(stored.status()).toBe(201);
          return route.abort('connectionreset');
        }
        return route.continue();
      });
      await m.getByTestId('reg-submit').click();
      await m.getByTestId('reg-failure').waitFor();
      await m.getByTestId('reg-retry').click();
      await m.getByTestId('reg-done').waitFor();
      expect(calls).toBe(2);
      familyCode = (await m.getByTestId('reg-family-code').innerText()).replace(/\s/g, '');
      editLink = await m.inputValue('#reg-edit-link');
      expect(familyCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
      await m.unroute('**/api/public/reg/*/submissions');
      const queue = await grid.expect<QueueDto>(200, 'GET', '/api/reg-submissions?filter=all&limit=100');
      expect(queue.items.filter((i) => i.headName === HEAD.name)).toHaveLength(1);
    });

    await step('phone-corrects-a-phone-later', async () => {
      await m.goto(editLink);
      await m.getByTestId('reg-status').waitFor();
      await next();
      await next();
      await m.getByTestId('reg-step-members').waitFor();
      await m.fill('#member-1-phone', SPOUSE.newPhone);
      for (let i = 0; i < 3; i++) await next();
      await m.getByTestId('reg-step-confirm').waitFor();
      await m.getByTestId('reg-submit').click();
      await m.getByTestId('reg-saved').waitFor();
      expect(await m.getByTestId('reg-saved').innerText()).toContain('2');
    });

    await step('grid-worker-opens-the-queue', async () => {
      await page.goto(`${url}/login`);
      await page.getByTestId('login-username').fill('demo-grid');
      await page.getByTestId('login-password').fill(session.password);
      await page.getByTestId('login-submit').click();
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      await page.goto(`${url}/self-registration/queue`);
      const row = page.getByTestId('queue-row').filter({ hasText: HEAD.name });
      await row.waitFor();
      await row.click();
      await page.getByTestId('submission-title').waitFor();
    });

    await step('grid-worker-sees-versions-and-accepts', async () => {
      const change = page.getByTestId('version-change').filter({ hasText: SPOUSE.newPhone });
      await change.waitFor();
      expect(await change.innerText()).toContain(SPOUSE.phone);
      await page.getByTestId('submission-accept').click();
      // A click measured on the dialog's first zoom frame can land elsewhere by mouseup: the
      // context asks for reduced motion, and the click waits until no appear frame is left
      // (under load the dialog can still carry rc-motion's prepare class for a frame).
      await expect
        .poll(async () => (await page.locator('.ant-modal').first().getAttribute('class')) ?? '', {
          timeout: STEP_TIMEOUT,
        })
        .not.toContain('zoom-appear');
      const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/accept'), {
        timeout: STEP_TIMEOUT * 4,
      });
      await page.getByTestId('accept-ok').click();
      const accepted = await answer;
      expect(accepted.status(), await accepted.text()).toBe(200);
      await expect
        .poll(() => page.getByTestId('submission-status').innerText(), { timeout: STEP_TIMEOUT })
        .toContain('已接收');
      await page.getByTestId('submission-decision').waitFor();
    });

    await step('persons-are-in-the-registry', async () => {
      const found = await grid.expect<{ items: { id: string; name: string }[] }>(
        200,
        'GET',
        `/api/persons?q=${SPOUSE.newPhone}`,
      );
      expect(found.items.map((p) => p.name)).toEqual([SPOUSE.name]);
      const household = await grid.expect<{
        members: { relationship: string; person: { name: string } }[];
        current: { dwellingId: string };
      }>(200, 'GET', `/api/households/${await householdOf(grid, HEAD.name)}`);
      expect(household.members.map((x) => x.relationship)).toEqual(['head', 'spouse', 'child']);
      expect(household.current.dwellingId).toBe(place.dwellingId);
    });

    await step('grid-worker-places-the-returnee', async () => {
      const row = page.getByTestId('proposal-row').filter({ hasText: HEAD.name });
      await row.getByTestId('proposal-place').click();
      await page.getByTestId('proposal-place-ok').click();
      const placed = row.getByTestId('proposal-placed');
      await placed.waitFor();
      const end = addDays(shanghaiDay(new Date()), 14);
      expect(await placed.innerText()).toContain('居家医学观察');
      expect(await placed.innerText()).toContain(end);
    });
  }, 240_000);
});

/** The household an accepted family entered, found through its head's registry record. */
async function householdOf(grid: HttpClient, name: string): Promise<string> {
  const list = await grid.expect<QueueDto>(200, 'GET', '/api/reg-submissions?filter=accepted&limit=100');
  const s = list.items.find((i) => i.headName === name)!;
  const d = await grid.expect<SubmissionDetail>(200, 'GET', `/api/reg-submissions/${s.id}`);
  return d.householdId!;
}
