/** The demo's self-registered families went through the real services: queue, registry and figures agree. */
import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.js';
import type { CodeDto } from '../modules/self-registration/codes/index.js';
import type { FiguresDto, QueueDto } from '../modules/self-registration/review/index.js';
import { seedRegistry } from './registry.js';
import { seedSelfRegistrationDemo } from './self-registration.js';

const t = await testApp();
await seedRegistry(t.db, { persons: 1500 });
t.clock.set('2020-02-20T06:00:00Z');
const seeded = (await seedSelfRegistrationDemo(t.db, { clock: t.clock, config: t.config }))!;

describe('demo self-registration', () => {
  it('has codes, families of the last week, and reviews of the older ones', async () => {
    expect(seeded.codes).toBeGreaterThan(1);
    expect(seeded.submissions).toBe(36);
    expect(seeded.accepted).toBeGreaterThan(15);
    expect(seeded.rejected).toBeGreaterThan(0);
    const grid = await t.as('demo-grid');
    const queue = (await grid.get('/api/reg-submissions?filter=new&limit=100')).json<QueueDto>();
    expect(queue.items.length).toBe(seeded.submissions - seeded.accepted - seeded.rejected);
    expect(queue.items.some((i) => !i.listed)).toBe(true);
    expect((await grid.get('/api/reg-submissions?filter=conflicts')).json<QueueDto>().items.length).toBeGreaterThan(0);
    const accepted = await t.db
      .selectFrom('record_versions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('channel', '=', 'self_registration')
      .where('record_type', '=', 'person')
      .executeTakeFirstOrThrow();
    expect(Number(accepted.n)).toBeGreaterThan(30);
    const f = (await (await t.as('demo-commander')).get('/api/reg-figures')).json<FiguresDto>();
    expect(f.total).toMatchObject({ submissions: 36, reviewed: seeded.accepted + seeded.rejected });
    expect(f.codesActive).toBe(seeded.codes);
    expect(f.trend.slice(-7).every((d) => d.submissions > 0)).toBe(true);
  });

  it("makes codes as the service does: only the tokens' hashes stored, every poster printable and working", async () => {
    const codes = (await (await t.as('demo-district')).get('/api/reg-codes?limit=100')).json<{ items: CodeDto[] }>();
    expect(codes.items.length).toBe(seeded.codes);
    for (const c of codes.items) {
      expect(c.path, c.placeName).toMatch(/^\/m\/reg\/[A-Za-z0-9_-]{32}$/);
      expect((await t.anonymous.get(`/api/public/reg/${c.path!.split('/').pop()!}`)).statusCode).toBe(200);
    }
  });
});
