/**
 * CI's audit of the production dependencies: runs
 * `npm audit --omit=dev --audit-level=high --json` and judges its answer.
 *
 *   high or critical advisories   → listed, exit 1 (a failed check)
 *   the registry cannot be reached,
 *   or its audit endpoint errs    → said plainly, exit 0 (nothing was audited)
 *   no high or critical advisory  → said so, exit 0
 *   npm audit failed otherwise    → said, exit 1 (a missing lockfile, output not JSON)
 *
 * `npx tsx scripts/audit.ts [--outcome FILE]`: FILE gets the result as a test report
 * (`numPassedTests`, `numFailedTests`, `numPendingTests`) for .ci/run's totals.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const AUDIT_ARGS = ['audit', '--omit=dev', '--audit-level=high', '--json'] as const;
const TIMEOUT_MS = 120_000;
const FAILING = new Set(['high', 'critical']);
const SEVERITIES = ['critical', 'high', 'moderate', 'low', 'info'] as const;
/** Error codes of a connection that failed or a registry that did not answer. */
const NETWORK_CODES =
  /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|ENETDOWN|EPIPE|ESOCKETTIMEDOUT|ERR_SOCKET_TIMEOUT|CERT_\w+|UNABLE_TO_\w+|SELF_SIGNED_CERT\w*|E[45]\d\d)\b/;

export type Verdict =
  | { kind: 'clean'; failed: false; text: string }
  | { kind: 'unaudited'; failed: false; text: string }
  | { kind: 'advisories'; failed: true; text: string }
  | { kind: 'broken'; failed: true; text: string };

interface Advisory {
  title?: string;
  url?: string;
  severity?: string;
  range?: string;
}
interface Vulnerability {
  name?: string;
  severity?: string;
  isDirect?: boolean;
  via?: (string | Advisory)[];
  range?: string;
  nodes?: string[];
  fixAvailable?: boolean | { name?: string; version?: string; isSemVerMajor?: boolean };
}
interface AuditJson {
  vulnerabilities?: Record<string, Vulnerability>;
  metadata?: { vulnerabilities?: Partial<Record<string, number>>; dependencies?: { prod?: number } };
  message?: string;
  code?: string;
  statusCode?: number;
  error?: { code?: string; summary?: string; detail?: string };
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
const unaudited = (reason: string): Verdict => ({
  kind: 'unaudited',
  failed: false,
  text: `npm audit could not reach the registry: ${oneLine(reason)}; dependencies were NOT audited`,
});
const broken = (reason: string): Verdict => ({
  kind: 'broken',
  failed: true,
  text: `npm audit failed: ${oneLine(reason)}; dependencies were NOT audited`,
});

function describe(name: string, v: Vulnerability): string {
  const advisories = (v.via ?? []).filter((x): x is Advisory => typeof x === 'object' && x !== null);
  const through = (v.via ?? []).filter((x): x is string => typeof x === 'string');
  const fix = v.fixAvailable;
  const fixText =
    fix === true
      ? 'fix: npm audit fix'
      : fix && typeof fix === 'object'
        ? `fix: ${fix.name}@${fix.version}${fix.isSemVerMajor ? ' (a major version)' : ''}`
        : 'no fix yet';
  const lines = [
    `  ${v.severity ?? '?'}: ${name} ${v.range ?? ''} (${v.isDirect ? 'direct' : 'transitive'}; ${fixText})`,
  ];
  for (const a of advisories)
    lines.push(`    ${a.severity ?? '?'}: ${a.title ?? '(no title)'} ${a.url ?? ''}`.trimEnd());
  if (through.length) lines.push(`    through ${through.join(', ')}`);
  return lines.join('\n');
}

function counts(report: AuditJson): string {
  const m = report.metadata?.vulnerabilities ?? {};
  const parts = SEVERITIES.filter((s) => (m[s] ?? 0) > 0).map((s) => `${m[s]} ${s}`);
  const prod = report.metadata?.dependencies?.prod;
  return `${prod === undefined ? '' : `${prod} production dependencies; `}${parts.length ? parts.join(', ') : 'no advisories'}`;
}

/** Judges what `npm audit --json` wrote (and whether it finished). */
export function judgeAudit(run: { stdout: string; timedOut?: boolean; spawnError?: string }): Verdict {
  if (run.timedOut) return unaudited(`no answer within ${TIMEOUT_MS / 1000} s`);
  if (run.spawnError) return broken(`npm could not be started (${run.spawnError})`);
  let report: AuditJson;
  try {
    report = JSON.parse(run.stdout) as AuditJson;
  } catch {
    return broken(`its output is not JSON: ${oneLine(run.stdout).slice(0, 200) || '(nothing)'}`);
  }
  if (report === null || typeof report !== 'object') return broken('its output is not a report');
  if (report.vulnerabilities && typeof report.vulnerabilities === 'object') {
    const bad = Object.entries(report.vulnerabilities).filter(([, v]) => FAILING.has(v.severity ?? ''));
    if (!bad.length)
      return {
        kind: 'clean',
        failed: false,
        text: `npm audit: no high or critical advisory in the production dependencies (${counts(report)})`,
      };
    const list = bad.map(([name, v]) => describe(name, v)).join('\n');
    return {
      kind: 'advisories',
      failed: true,
      text: `npm audit: ${bad.length} production ${bad.length === 1 ? 'dependency has' : 'dependencies have'} high or critical advisories (${counts(report)}):\n${list}`,
    };
  }
  const code = report.error?.code ?? report.code ?? '';
  const reason =
    [report.message, report.error?.summary, report.error?.detail].filter((s) => s && s.trim()).join(' — ') ||
    code ||
    'no reason given';
  // An HTTP answer that is an error (the audit endpoint refused or failed), or no connection at all.
  if (
    typeof report.statusCode === 'number' ||
    NETWORK_CODES.test(`${code} ${reason}`) ||
    /request to .* failed/.test(reason)
  )
    return unaudited(code && !reason.includes(code) ? `${code}: ${reason}` : reason);
  return broken(code && !reason.includes(code) ? `${code}: ${reason}` : reason);
}

function main(): number {
  const run = spawnSync('npm', [...AUDIT_ARGS], { encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: 64 << 20 });
  const error = run.error;
  const timedOut = (error as { code?: unknown } | undefined)?.code === 'ETIMEDOUT';
  const verdict = judgeAudit({
    stdout: run.stdout ?? '',
    timedOut,
    ...(error && !timedOut ? { spawnError: error.message } : {}),
  });
  console.log(verdict.text);
  const at = process.argv.indexOf('--outcome');
  const file = at > 0 ? process.argv[at + 1] : undefined;
  if (file) {
    const one = (k: Verdict['kind'][]) => (k.includes(verdict.kind) ? 1 : 0);
    const outcome = {
      numPassedTests: one(['clean']),
      numFailedTests: one(['advisories', 'broken']),
      numPendingTests: one(['unaudited']),
      testResults: [],
    };
    writeFileSync(file, JSON.stringify(outcome));
  }
  return verdict.failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main();
