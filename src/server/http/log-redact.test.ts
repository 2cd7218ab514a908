/**
 * The request log holds no personal data and no bearer tokens (issue 12: URLs with full
 * ID numbers in `q=` and edit-link and check-in tokens in paths were logged).
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.js';
import { createCode } from '../../../test/support/self-registration.js';
import { createLogger } from '../platform.js';
import { redactUrl } from './log-redact.js';

const lines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  },
});
// The production logger (platform.ts) at info level, writing here.
const t = await testApp({ logger: createLogger({ LOG_LEVEL: 'info' }, sink) });

describe('request log lines', () => {
  it('keep paging and filters but not search text, and no public token', () => {
    expect(redactUrl('/api/persons?q=510112198001011234&limit=20')).toBe('/api/persons?q=[redacted]&limit=20');
    expect(redactUrl('/api/persons?phone=13800138000&cursor=abc')).toBe('/api/persons?phone=[redacted]&cursor=abc');
    expect(redactUrl('/api/public/reg/Xy12abc/courtyards/1')).toBe('/api/public/reg/[token]/courtyards/1');
    expect(redactUrl('/api/public/reg-edit/secretEdit')).toBe('/api/public/reg-edit/[token]');
    expect(redactUrl('/api/public/checkin/tok123')).toBe('/api/public/checkin/[token]');
    expect(redactUrl('/m/reg/e/editTok')).toBe('/m/reg/e/[token]');
    expect(redactUrl('/m/reg/codeTok')).toBe('/m/reg/[token]');
    expect(redactUrl('/m/checkin/tok?lang=en')).toBe('/m/checkin/[token]?lang=en');
    expect(redactUrl('/api/areas')).toBe('/api/areas');
  });

  it('a search by ID number and a public page leave neither the number nor the token in the log', async () => {
    const street = await t.as('demo-street');
    const code = await createCode(street, { areaId: await t.areaId('510112005201001') });
    const idNumber = '510112198001011234';
    lines.length = 0;
    expect((await street.get(`/api/persons?q=${idNumber}&limit=20`)).statusCode).toBe(200);
    expect((await t.anonymous.get(`/api/public/reg/${code.token}`)).statusCode).toBe(200);
    expect((await t.anonymous.get(`/api/public/checkin/${'T'.repeat(32)}`)).statusCode).toBe(404);
    const log = lines.join('\n');
    expect(log).toContain('/api/persons?q=[redacted]&limit=20');
    expect(log).toContain('/api/public/reg/[token]');
    expect(log).not.toContain(idNumber);
    expect(log).not.toContain(code.token);
    expect(log).not.toContain('T'.repeat(32));
  });
});
