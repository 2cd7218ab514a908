/**
 * The API contract is the whole API: every operation the server documents is declared
 * in a module's route map (src/server/api.ts), and every declared route is served.
 */
import { describe, expect, it } from 'vitest';
import { api } from '../src/server/api.js';
import { testApp } from './support/app.js';

const t = await testApp({ seed: false });

interface OpenApiDoc {
  paths: Record<string, Record<string, unknown>>;
}

describe('the API contract', () => {
  it('declares every documented operation, and every declared route is served', async () => {
    const doc = (await t.anonymous.get('/api/openapi.json')).json<OpenApiDoc>();
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/(.)\/$/, '$1').replace(/\{(\w+)\}/g, ':$1')}`),
      )
      .sort();
    expect(documented).toEqual(Object.keys(api).sort());
  });

  it('keeps each route to one method and a whole /api path', () => {
    for (const key of Object.keys(api)) expect(key).toMatch(/^(GET|POST|PUT|PATCH|DELETE) \/api\/[\w\-/:.]+[\w.]$/);
  });
});
