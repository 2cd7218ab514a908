/**
 * End-to-end check of the ledger import (台账导入) in a real (headless) Chromium
 * against the full platform with demo data: a grid worker uploads a small CSV
 * ledger (a title row above the header, UTF-8 with BOM), accepts the column
 * guesses (a duplicate choice is flagged first), watches the job to the end,
 * sees what was imported, refused and flagged, downloads the error report, and
 * finds an imported resident on the persons page.
 *
 * test/fixtures/ledger-small.csv: four rows for 测试花园 9栋 1单元. Rows 1–2 are one
 * household with valid GB 11643 numbers (check characters computed with
 * checkCharacter, never invented); row 3 has a wrong check character (…0045, the
 * right one is 4) and is refused; row 4 is valid but its phone has 10 digits, so
 * it is imported without the phone and flagged.
 *
 * Then a district staff member exports the persons list: masked by default with a
 * watermark (who, when); unmasked only with a stated reason.
 *
 * Needs Debian's chromium at /usr/bin/chromium; skipped otherwise.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, STEP_TIMEOUT, useBrowser } from '../support/browser.js';

const FIXTURE = path.resolve('test/fixtures/ledger-small.csv');
const JOB_TIMEOUT = 60_000;

describe.skipIf(!HAVE_CHROMIUM)('ledger import in Chromium', () => {
  const session = useBrowser('import');
  const step = (name: string, body: () => Promise<void>) => session.step(name, body);

  /** Opens an antd Select by its test id and picks the option with this text. */
  async function pick(testId: string, option: string): Promise<void> {
    const { page } = session;
    await page.getByTestId(testId).click();
    const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
    const item = dropdown.locator('.ant-select-item-option').filter({ hasText: option }).first();
    await item.waitFor({ state: 'visible' });
    await item.click();
    await dropdown.waitFor({ state: 'hidden' });
  }

  const value = (testId: string) => session.page.getByTestId(testId).getAttribute('data-value');

  it('imports a ledger as a grid worker, reports refused rows and finds the imported resident', async () => {
    const { page } = session;
    const url = session.url;
    let jobId = '';

    await step('login', async () => {
      await page.goto(`${url}/login`);
      await page.getByTestId('login-username').fill('demo-grid');
      await page.getByTestId('login-password').fill(session.password);
      await page.getByTestId('login-submit').click();
      await page.waitForURL((u) => new URL(u).pathname === '/');
      await expect
        .poll(() => page.getByTestId('menu-imports').textContent(), { timeout: STEP_TIMEOUT })
        .toBe('台账导入');
    });

    await step('open-imports', async () => {
      await page.getByTestId('menu-imports').click();
      await page.waitForURL(/\/imports$/);
      await page.getByTestId('import-upload-step').waitFor({ state: 'visible' });
      // The rules are explained beside the wizard.
      const rules = await page.getByTestId('import-rules').innerText();
      expect(rules).toContain('文本');
      expect(rules).toContain('重复导入');
      // A grid worker's own grid is the target already.
      await expect
        .poll(() => page.getByTestId('import-target').innerText(), { timeout: STEP_TIMEOUT })
        .toContain('三盛都会城网格');
      expect(await page.getByTestId('import-next').isDisabled()).toBe(true);
    });

    await step('upload', async () => {
      await page.getByTestId('import-upload-step').locator('input[type=file]').setInputFiles(FIXTURE);
      const file = page.getByTestId('import-file');
      await file.waitFor({ state: 'visible' });
      const text = await file.innerText();
      expect(text).toContain('ledger-small.csv');
      expect(text).toMatch(/\d+ (B|KB)/);
      // The title row is skipped: the header is row 2.
      expect(text).toContain('第 2 行为表头');
      await page.getByTestId('import-next').click();
    });

    await step('mapping', async () => {
      await page.getByTestId('import-mapping-step').waitFor({ state: 'visible' });
      // Guesses from the headers: 身份证号码 → 证件号码 (required), 序号 → not imported.
      expect(await page.getByTestId('import-map-8').innerText()).toContain('证件号码 *');
      expect(await page.getByTestId('import-map-7').innerText()).toContain('姓名 *');
      expect(await page.getByTestId('import-map-0').innerText()).toContain('不导入');
      await page.getByTestId('import-mapping-ok').waitFor({ state: 'visible' });
      // Choosing 姓名 for a second column is flagged and blocks the import…
      await pick('import-map-0', '姓名 *');
      await page.getByTestId('import-mapping-duplicates').waitFor({ state: 'visible' });
      await page.getByTestId('import-map-0-duplicate').waitFor({ state: 'visible' });
      expect(await page.getByTestId('import-start').isDisabled()).toBe(true);
      // …until it is undone.
      await pick('import-map-0', '不导入');
      await page.getByTestId('import-mapping-duplicates').waitFor({ state: 'detached' });
      expect(await page.getByTestId('import-start').isDisabled()).toBe(false);
      await page.getByTestId('import-start').click();
      await page.waitForURL(/\/imports\?job=[0-9a-f-]{36}$/);
      jobId = new URL(page.url()).searchParams.get('job') ?? '';
    });

    await step('progress', async () => {
      await page.getByTestId('import-progress').waitFor({ state: 'visible' });
      const outcome = page.getByTestId('import-progress-step');
      await expect
        .poll(() => outcome.getAttribute('data-status'), { timeout: JOB_TIMEOUT, interval: 500 })
        .toBe('succeeded');
      // The bar ends full (antd's progressbar role carries the value).
      expect(await page.getByTestId('import-progress').getAttribute('aria-valuenow')).toBe('100');
      await page.getByTestId('import-outcome').waitFor({ state: 'visible' });
    });

    await step('counts', async () => {
      expect(await value('import-rows')).toBe('4');
      expect(await value('import-imported')).toBe('3');
      expect(await value('import-rejected')).toBe('1');
      expect(await value('import-warned')).toBe('1');
    });

    await step('error-report', async () => {
      const csv = page.getByTestId('import-error-report-csv');
      await csv.waitFor({ state: 'visible' });
      expect(await csv.getAttribute('href')).toBe(`/api/imports/${jobId}/errors?format=csv`);
      expect(await page.getByTestId('import-error-report-xlsx').getAttribute('href')).toBe(
        `/api/imports/${jobId}/errors?format=xlsx`,
      );
      // The link downloads the report under the server's (Chinese) file name.
      const [file] = await Promise.all([page.waitForEvent('download', { timeout: STEP_TIMEOUT }), csv.click()]);
      expect(file.suggestedFilename()).toMatch(/^导入错误报告-.+\.csv$/);
      // The job is listed among the recent imports.
      await page
        .getByTestId('import-recent')
        .getByText('导入 3 · 未导入 1 · 需核对 1')
        .first()
        .waitFor({ state: 'visible' });
    });

    await step('find-imported-person', async () => {
      await page.getByTestId('import-open-persons').click();
      await page.waitForURL(/\/persons$/);
      await page.getByTestId('person-search').locator('input').fill('蔺晴岚');
      await page.getByTestId('person-search').locator('input').press('Enter');
      const hit = page.getByTestId('person-results').getByTestId('person-result-name').filter({ hasText: '蔺晴岚' });
      await hit.waitFor({ state: 'visible' });
      // The refused row (wrong check character) was not imported.
      await page.getByTestId('person-search').locator('input').fill('郜小禾');
      await page.getByTestId('person-search').locator('input').press('Enter');
      await page.getByTestId('person-results').getByText('没有找到匹配的人员').waitFor({ state: 'visible' });
    });
  }, 240_000);

  it('exports persons masked by default, and unmasked only with a reason', async () => {
    const { page } = session;
    const url = session.url;

    await step('login-district', async () => {
      await page.context().clearCookies();
      await page.goto(`${url}/login`);
      await page.getByTestId('login-username').fill('demo-district');
      await page.getByTestId('login-password').fill(session.password);
      await page.getByTestId('login-submit').click();
      await page.waitForURL((u) => new URL(u).pathname === '/');
      await page.getByTestId('menu-persons').waitFor({ state: 'visible' });
      // District staff do not register persons: no import menu.
      expect(await page.getByTestId('menu-imports').count()).toBe(0);
    });

    await step('masked-export', async () => {
      await page.getByTestId('menu-persons').click();
      await page.waitForURL(/\/persons/);
      await page.getByTestId('person-export').click();
      expect(await page.getByTestId('person-export-scope').innerText()).toContain('龙泉驿区');
      const [file] = await Promise.all([
        page.waitForEvent('download', { timeout: 60_000 }),
        page.getByTestId('person-export-csv').click(),
      ]);
      expect(file.suggestedFilename()).toMatch(/^实有人口-龙泉驿区-\d{4}-\d{2}-\d{2}\.csv$/);
      const text = await readFile(await file.path(), 'utf8');
      const [watermark, header] = text.replace(/^\uFEFF/, '').split(/\r?\n/);
      expect(watermark).toContain('脱敏导出');
      expect(watermark).toContain('demo-district');
      expect(header).toContain('证件号码');
    });

    await step('unmasked-export-needs-a-reason', async () => {
      await page.getByTestId('person-export').click();
      await page.getByTestId('person-export-unmasked').click();
      await page.getByTestId('person-export-unmasked-warning').waitFor({ state: 'visible' });
      expect(await page.getByTestId('person-export-unmasked-warning').innerText()).toContain('敏感个人信息');
      // A reason of under 4 characters is refused before anything is requested.
      const reason = page.getByTestId('person-export-unmasked-reason');
      await reason.fill('核对');
      await expect.poll(() => reason.inputValue(), { timeout: STEP_TIMEOUT }).toBe('核对');
      await page.getByTestId('person-export-unmasked-submit').click();
      await page
        .locator('.ant-modal .ant-form-item-explain-error')
        .filter({ hasText: '请填写导出理由（4–200 字）' })
        .waitFor({ state: 'visible' });
      await reason.fill('核对本区隔离人员名单');
      const [file] = await Promise.all([
        page.waitForEvent('download', { timeout: 60_000 }),
        page.getByTestId('person-export-unmasked-submit').click(),
      ]);
      expect(file.suggestedFilename()).toMatch(/-未脱敏\.xlsx$/);
    });
  }, 180_000);
});
