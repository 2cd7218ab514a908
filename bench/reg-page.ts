/**
 * The residents' registration page on a phone with a weak signal: /m/reg/<token>
 * opened in Debian's Chromium (playwright-core, never a downloaded browser) at
 * 390×844, a fresh context each run (cold cache), with the network throttled through
 * CDP (Network.emulateNetworkConditions) and the CPU slowed 4× (Emulation.
 * setCPUThrottlingRate), beside an unthrottled run. Reports the time until the first
 * form step ([data-testid^=reg-step-]) is in the page, first contentful paint, and
 * the bytes transferred (JS and all), plus the gzipped JS size from
 * bench/reg-page-size.ts. BENCH_PAGE_PROXY=1 also runs the throttled profiles through a
 * reverse proxy that fetches the files uncompressed and gzips them (what a build without
 * precompressed .br/.gz files gets behind a gzipping TLS proxy).
 * Needs dist/web/reg.html (npm run build) and /usr/bin/chromium. BENCH_PAGE_RUNS (3) runs each.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGzip } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/web');

/** Why the page cannot be measured here, or null. */
export function regPageMissing(): string | null {
  if (!existsSync(path.join(WEB, 'reg.html'))) return `${path.join(WEB, 'reg.html')} is missing (npm run build)`;
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is not installed`;
  return null;
}

interface Profile {
  label: string;
  /** Through a gzipping proxy. */
  gzip?: boolean;
  /** kbit/s; 0: not throttled. */
  down: number;
  up: number;
  rtt: number;
  cpu: number;
}

const FAST = { down: 1600, up: 750, rtt: 150, cpu: 4 };
const SLOW = { down: 400, up: 400, rtt: 400, cpu: 4 };
const PROXY = process.env.BENCH_PAGE_PROXY === '1';
const PROFILES: Profile[] = [
  { label: 'unthrottled (baseline)', down: 0, up: 0, rtt: 0, cpu: 1 },
  { label: 'Fast 3G (1.6 Mbps/750 kbps, 150 ms RTT, CPU 4×)', ...FAST },
  ...(PROXY ? [{ label: 'Fast 3G, through a gzipping proxy', ...FAST, gzip: true }] : []),
  { label: 'Slow 3G (400/400 kbps, 400 ms RTT, CPU 4×)', ...SLOW },
  ...(PROXY ? [{ label: 'Slow 3G, through a gzipping proxy', ...SLOW, gzip: true }] : []),
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function regPage(base: string, token: string): Promise<void> {
  const runs = Number(process.env.BENCH_PAGE_RUNS ?? 3);
  const size = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(path.dirname(fileURLToPath(import.meta.url)), 'reg-page-size.ts'), WEB],
    { encoding: 'utf8' },
  );
  const total = size.stdout
    .split('\n')
    .find((l) => l.startsWith('total'))
    ?.match(/([\d.]+ KB)\s+([\d.]+ KB)/);
  console.log(
    `JS the page loads (bench/reg-page-size.ts): ${total ? `${total[1]} raw, ${total[2]} gzipped (budget 150 KB gzipped)` : `not measured: ${size.stderr.trim()}`}`,
  );
  const proxy = await gzipProxy(base);

  const browser = await chromium.launch({
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
  try {
    for (const p of PROFILES) {
      const url = p.gzip ? proxy.url : base;
      const form: number[] = [];
      const fcp: number[] = [];
      let last = { js: 0, all: 0, requests: 0, jsFiles: 0, encoding: '' };
      for (let r = 0; r < runs; r++) {
        const context = await browser.newContext({
          locale: 'zh-CN',
          viewport: { width: 390, height: 844 },
          deviceScaleFactor: 3,
          isMobile: true,
          hasTouch: true,
        });
        try {
          const page = await context.newPage();
          // When the first form step enters the page, by the page's own clock (from navigation start).
          // As text: a function would be serialised with the helpers tsx adds (__name), undefined in the page.
          await page.addInitScript(
            `new MutationObserver(() => { if (window.__formAt === undefined && document.querySelector('[data-testid^="reg-step-"]')) window.__formAt = performance.now(); }).observe(document, { subtree: true, childList: true });`,
          );
          const cdp = await context.newCDPSession(page);
          await cdp.send('Network.enable');
          await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
          if (p.down > 0)
            await cdp.send('Network.emulateNetworkConditions', {
              offline: false,
              latency: p.rtt,
              downloadThroughput: (p.down * 1000) / 8,
              uploadThroughput: (p.up * 1000) / 8,
            });
          await cdp.send('Emulation.setCPUThrottlingRate', { rate: p.cpu });
          const kinds = new Map<string, { type: string; encoding: string }>();
          const bytes = { js: 0, all: 0, requests: 0, jsFiles: 0, encoding: '' };
          cdp.on('Network.responseReceived', (e) =>
            kinds.set(e.requestId, {
              type: e.type,
              encoding: String(
                e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? 'none',
              ),
            }),
          );
          cdp.on('Network.loadingFinished', (e) => {
            const k = kinds.get(e.requestId);
            bytes.all += e.encodedDataLength;
            bytes.requests++;
            if (k?.type === 'Script') {
              bytes.js += e.encodedDataLength;
              bytes.jsFiles++;
              bytes.encoding = k.encoding;
            }
          });
          await page.goto(`${url}/m/reg/${token}`, { waitUntil: 'commit', timeout: 120_000 });
          await page.waitForSelector('[data-testid^="reg-step-"]', { state: 'visible', timeout: 120_000 });
          const t = await page.evaluate(() => ({
            form: (window as unknown as { __formAt?: number }).__formAt ?? Number.NaN,
            fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
          }));
          form.push(t.form);
          fcp.push(t.fcp);
          await page.waitForLoadState('networkidle').catch(() => undefined);
          last = bytes;
        } finally {
          await context.close();
        }
      }
      console.log(
        `${p.label.padEnd(50)} first form step p50 ${median(form).toFixed(0)} ms (runs: ${form.map((x) => x.toFixed(0)).join(', ')}), first contentful paint p50 ${median(fcp).toFixed(0)} ms; ` +
          `transferred ${(last.all / 1024).toFixed(1)} KB in ${last.requests} requests, of which JS ${(last.js / 1024).toFixed(1)} KB in ${last.jsFiles} files (content-encoding ${last.encoding || 'none'})`,
      );
    }
  } finally {
    await browser.close();
    proxy.server.close();
  }
}

/** A reverse proxy that gzips text, JS, JSON and HTML, as nginx with `gzip on` would. */
async function gzipProxy(base: string) {
  const target = new URL(base);
  const server = http.createServer((req, res) => {
    // Asks the platform for the files as they are (identity) and compresses them itself.
    const { 'accept-encoding': accepts, ...headers0 } = req.headers;
    const up = http.request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: headers0 },
      (r) => {
        const type = String(r.headers['content-type'] ?? '');
        const gzip =
          /gzip/.test(String(accepts ?? '')) &&
          !r.headers['content-encoding'] &&
          /text|javascript|json|html|css|svg/.test(type);
        const headers = { ...r.headers };
        if (gzip) {
          delete headers['content-length'];
          headers['content-encoding'] = 'gzip';
          res.writeHead(r.statusCode ?? 502, headers);
          r.pipe(createGzip({ level: 6 })).pipe(res);
        } else {
          res.writeHead(r.statusCode ?? 502, headers);
          r.pipe(res);
        }
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
