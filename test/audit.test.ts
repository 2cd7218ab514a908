/**
 * CI's audit step (scripts/audit.ts) judging what `npm audit --omit=dev --json` wrote:
 * shapes as npm 11 writes them (the error ones taken from this machine, whose registry
 * refuses the audit endpoint), and npm's older error shape.
 */
import { describe, expect, it } from 'vitest';
import { judgeAudit } from '../scripts/audit.js';

const meta = (v: Partial<Record<string, number>>) => ({
  vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0, ...v },
  dependencies: { prod: 412, dev: 0, optional: 9, peer: 0, peerOptional: 0, total: 411 },
});

const CLEAN = { auditReportVersion: 2, vulnerabilities: {}, metadata: meta({}) };

const MODERATE_ONLY = {
  auditReportVersion: 2,
  vulnerabilities: {
    dompurify: {
      name: 'dompurify',
      severity: 'moderate',
      isDirect: false,
      via: [
        {
          source: 1102259,
          name: 'dompurify',
          dependency: 'dompurify',
          title: 'DOMPurify allows Cross-site Scripting (XSS)',
          url: 'https://github.com/advisories/GHSA-vhxf-7vqr-mrjg',
          severity: 'moderate',
          range: '<3.2.4',
        },
      ],
      effects: [],
      range: '<3.2.4',
      nodes: ['node_modules/dompurify'],
      fixAvailable: true,
    },
  },
  metadata: meta({ moderate: 1, total: 1 }),
};

const HIGH = {
  auditReportVersion: 2,
  vulnerabilities: {
    immer: {
      name: 'immer',
      severity: 'critical',
      isDirect: false,
      via: [
        {
          source: 1603,
          name: 'immer',
          dependency: 'immer',
          title: 'Prototype Pollution in immer',
          url: 'https://github.com/advisories/GHSA-33f9-j839-rf8h',
          severity: 'critical',
          range: '<8.0.1',
        },
      ],
      effects: ['react-dev-utils'],
      range: '<8.0.1',
      nodes: ['node_modules/immer'],
      fixAvailable: { name: 'react-scripts', version: '5.0.1', isSemVerMajor: true },
    },
    'react-dev-utils': {
      name: 'react-dev-utils',
      severity: 'high',
      isDirect: true,
      via: ['immer'],
      effects: [],
      range: '>=6.0.6',
      nodes: ['node_modules/react-dev-utils'],
      fixAvailable: false,
    },
    ...MODERATE_ONLY.vulnerabilities,
  },
  metadata: meta({ moderate: 1, high: 1, critical: 1, total: 3 }),
};

/** npm 11, no connection (written by `npm audit --json` against a refused port and an unknown host). */
const REFUSED = {
  message:
    'request to http://127.0.0.1:9/-/npm/v1/security/advisories/bulk failed, reason: connect ECONNREFUSED 127.0.0.1:9',
  error: { summary: '', detail: '' },
};
const NO_HOST = {
  message:
    'request to http://no-such-host.invalid/-/npm/v1/security/advisories/bulk failed, reason: getaddrinfo ENOTFOUND no-such-host.invalid',
  error: { summary: '', detail: '' },
};
/** npm 11, a registry that answers but refuses the audit endpoint (this machine's). */
const ENDPOINT_REFUSED = {
  message: '405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk',
  method: 'POST',
  uri: 'https://registry.example/-/npm/v1/security/advisories/bulk',
  headers: { allow: ['GET,HEAD'] },
  statusCode: 405,
  body: '',
  error: { summary: '', detail: '' },
};
/** npm's older error shape. */
const OLD_NOT_FOUND = {
  error: {
    code: 'ENOTFOUND',
    summary: 'request to https://registry.example/-/npm/v1/security/audits/quick failed, reason: getaddrinfo ENOTFOUND',
    detail: 'This is a problem related to network connectivity.',
  },
};
const NO_LOCKFILE = {
  error: { code: 'ENOLOCK', summary: 'This command requires an existing lockfile.', detail: 'Try creating one first.' },
};

const judge = (report: unknown) => judgeAudit({ stdout: JSON.stringify(report, null, 2) });

describe('the CI audit step', () => {
  it('passes a clean report and says so', () => {
    const v = judge(CLEAN);
    expect(v).toMatchObject({ kind: 'clean', failed: false });
    expect(v.text).toBe(
      'npm audit: no high or critical advisory in the production dependencies (412 production dependencies; no advisories)',
    );
  });

  it('passes moderate and low advisories, counting them', () => {
    const v = judge(MODERATE_ONLY);
    expect(v).toMatchObject({ kind: 'clean', failed: false });
    expect(v.text).toContain('1 moderate');
  });

  it('fails on high and critical advisories and lists each plainly', () => {
    const v = judge(HIGH);
    expect(v).toMatchObject({ kind: 'advisories', failed: true });
    const lines = v.text.split('\n');
    expect(lines[0]).toBe(
      'npm audit: 2 production dependencies have high or critical advisories (412 production dependencies; 1 critical, 1 high, 1 moderate):',
    );
    expect(lines).toContain('  critical: immer <8.0.1 (transitive; fix: react-scripts@5.0.1 (a major version))');
    expect(lines).toContain(
      '    critical: Prototype Pollution in immer https://github.com/advisories/GHSA-33f9-j839-rf8h',
    );
    expect(lines).toContain('  high: react-dev-utils >=6.0.6 (direct; no fix yet)');
    expect(lines).toContain('    through immer');
    // The moderate one is counted, not listed.
    expect(v.text).not.toContain('dompurify');
  });

  it('does not fail when the registry cannot be reached, and says nothing was audited', () => {
    for (const report of [REFUSED, NO_HOST, OLD_NOT_FOUND]) {
      const v = judge(report);
      expect(v).toMatchObject({ kind: 'unaudited', failed: false });
      expect(v.text).toMatch(/^npm audit could not reach the registry: .+; dependencies were NOT audited$/);
    }
    expect(judge(REFUSED).text).toContain('connect ECONNREFUSED 127.0.0.1:9');
    expect(judge(NO_HOST).text).toContain('getaddrinfo ENOTFOUND no-such-host.invalid');
    expect(judge(OLD_NOT_FOUND).text).toContain(
      'getaddrinfo ENOTFOUND — This is a problem related to network connectivity.',
    );
    expect(judgeAudit({ stdout: '', timedOut: true }).text).toBe(
      'npm audit could not reach the registry: no answer within 120 s; dependencies were NOT audited',
    );
  });

  it('does not fail when the audit endpoint answers with an error', () => {
    const v = judge(ENDPOINT_REFUSED);
    expect(v).toMatchObject({ kind: 'unaudited', failed: false });
    expect(v.text).toBe(
      'npm audit could not reach the registry: 405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk; dependencies were NOT audited',
    );
  });

  it('fails when npm audit itself fails: no lockfile, output that is not JSON, npm missing', () => {
    expect(judge(NO_LOCKFILE)).toMatchObject({
      kind: 'broken',
      failed: true,
      text: 'npm audit failed: ENOLOCK: This command requires an existing lockfile. — Try creating one first.; dependencies were NOT audited',
    });
    expect(judgeAudit({ stdout: 'npm ERR! something' })).toMatchObject({ kind: 'broken', failed: true });
    expect(judgeAudit({ stdout: '', spawnError: 'spawnSync npm ENOENT' })).toMatchObject({
      kind: 'broken',
      failed: true,
    });
  });
});
