import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has working defaults in demo mode', () => {
    const c = loadConfig({}, 'demo');
    expect(c).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', DATA_DIR: './data', LOG_LEVEL: 'info', mode: 'demo' });
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', SESSION_SECRET: 'short' }, 'production');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.map((p) => p.split(':')[0]);
      expect(problems.sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'SESSION_SECRET']);
      expect((e as ConfigError).message).toMatch(/^Invalid configuration:\n {2}- /);
    }
  });

  it('requires a database and a session secret in production', () => {
    expect(() => loadConfig({}, 'production')).toThrow(/DATABASE_URL: required[\s\S]*SESSION_SECRET: required/);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', SESSION_SECRET: 'x'.repeat(32) }, 'production').mode).toBe(
      'production',
    );
  });

  it("trusts the proxies' addresses, never every hop nor a hop count", () => {
    expect(loadConfig({}, 'demo').TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'loopback' }, 'demo').TRUST_PROXY).toEqual(['loopback']);
    expect(() => loadConfig({ TRUST_PROXY: '1' }, 'demo')).toThrow(/TRUST_PROXY: must be false .*hops is not accepted/);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.0.1.0/24,::1' }, 'demo').TRUST_PROXY).toEqual([
      '10.0.0.5',
      '10.0.1.0/24',
      '::1',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'true' }, 'demo')).toThrow(/TRUST_PROXY: true would trust every/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.5,evil' }, 'demo')).toThrow(/TRUST_PROXY: must be false/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' }, 'demo')).toThrow(/TRUST_PROXY/);
  });
});
