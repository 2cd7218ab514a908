/**
 * Browser tests: Debian's Chromium driven by playwright-core against the full
 * platform with demo data. Suites are skipped, with a message saying so, when
 * /usr/bin/chromium is not installed.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startDemoServer } from './demo-server.js';

export const CHROMIUM = '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
export const STEP_TIMEOUT = 15_000;
const RESULTS_DIR = path.resolve('test-results');

if (!HAVE_CHROMIUM) {
  console.warn(
    `browser tests skipped: ${CHROMIUM} not found; install Debian's chromium (apt-get install -y chromium fonts-noto-cjk)`,
  );
}

export interface BrowserSession {
  /** The demo server's base URL and the demo accounts' password. */
  url: string;
  password: string;
  page: Page;
  /**
   * Runs one step; on failure saves a screenshot to test-results/ and rethrows with
   * what the watched browser contexts saw go wrong (failed responses, page errors).
   */
  step: (name: string, body: () => Promise<void>) => Promise<void>;
  /** Records another context's failed responses and errors for step failures (the console's own is watched already). */
  watch(context: BrowserContext): void;
}

const TRAIL_LENGTH = 20;

/** The last failed responses, console errors and uncaught page errors seen in the watched contexts. */
function trailOf(): { watch: (context: BrowserContext) => void; text: () => string } {
  const lines: string[] = [];
  const push = (line: string) => {
    lines.push(`${new Date().toISOString().slice(11, 23)} ${line.slice(0, 400)}`);
    if (lines.length > TRAIL_LENGTH) lines.shift();
  };
  return {
    watch(context) {
      context.on('response', (r) => {
        if (r.status() < 400) return;
        const what = `${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`;
        r.text().then(
          (body) => push(`${what} ${body.replace(/\s+/g, ' ')}`),
          () => push(what),
        );
      });
      context.on('requestfailed', (r) =>
        push(`failed ${r.method()} ${new URL(r.url()).pathname}: ${r.failure()?.errorText ?? ''}`),
      );
      context.on('console', (m) => {
        // Failed loads are already recorded, with their answers, as responses and failed requests.
        if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) push(`console: ${m.text()}`);
      });
      context.on('weberror', (e) => push(`page error: ${e.error().message}`));
    },
    text: () =>
      lines.length ? `\nwhat the browser saw go wrong (last ${lines.length}):\n  ${lines.join('\n  ')}` : '',
  };
}

/**
 * Starts the demo server and a browser page before the suite's tests and closes
 * both after; call it inside a `describe.skipIf(!HAVE_CHROMIUM)` block.
 */
export function useBrowser(prefix: string): BrowserSession {
  let server: Awaited<ReturnType<typeof startDemoServer>> | null = null;
  let browser: Browser | null = null;
  let context: BrowserContext | null = null;
  const session = {} as BrowserSession;
  const trail = trailOf();
  session.watch = trail.watch;

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
    // Reduced motion: the console then opens dialogs without their zoom, so a click is
    // never sent to a button still growing into place (CI lost one that way).
    context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1440, height: 900 },
      reducedMotion: 'reduce',
    });
    trail.watch(context);
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    page.setDefaultNavigationTimeout(STEP_TIMEOUT);
    session.url = server.url;
    session.password = server.password;
    session.page = page;
  }, 120_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.close();
  }, 60_000);

  session.step = async (name, body) => {
    try {
      await body();
    } catch (err) {
      await mkdir(RESULTS_DIR, { recursive: true });
      const file = path.join(RESULTS_DIR, `${prefix}-${name.replace(/[^a-z0-9-]+/gi, '-')}.png`);
      await session.page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      throw new Error(
        `step "${name}" failed (screenshot: ${file}): ${err instanceof Error ? err.message : String(err)}${trail.text()}`,
        { cause: err },
      );
    }
  };
  return session;
}
