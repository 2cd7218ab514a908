import { describe, expect, it } from 'vitest';
import { type ErrorBody, testApp } from '../../../../../test/support/app.js';

const t = await testApp({ config: { LOGIN_RATE_PER_MINUTE: 3 } });

describe('sign-in rate limit', () => {
  it('answers RATE_LIMITED past the per-minute limit for one address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await t.anonymous.request('POST', '/api/auth/login', {
        username: 'demo-grid',
        password: 'wrong-pass-1',
      });
      codes.push(res.statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 429]);
    const last = await t.anonymous.post('/api/auth/login', { username: 'demo-grid', password: 'wrong-pass-1' });
    expect(last.json<ErrorBody>().error.code).toBe('RATE_LIMITED');
    expect(last.json<ErrorBody>().error.messages['zh-CN']).toBe('请求过于频繁，请稍后再试');
  });
});
