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
});
