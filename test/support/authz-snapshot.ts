/**
 * What a world's owners see of its records, to hold before and after the foreign
 * personas' requests: names, members, statuses, nothing that reading changes.
 */
import { sql } from 'kysely';
import type { Client, TestApp } from './app.js';
import { ok, type World } from './worlds.js';

const read = <T>(c: Client, url: string) => ok<T>(c.get(url), 200, url);

interface Person {
  name: string | null;
  phone: string | null;
  tags: string[];
}
interface Household {
  current: { dwellingId: string; endDate: string | null } | null;
  members: { id: string; endDate: string | null; person: { id: string } }[];
}
interface Courtyard {
  name: string;
  buildings: { id: string; units: unknown[] }[];
  contacts: unknown[];
}
interface Area {
  name: string;
  retiredAt: string | null;
}
interface Site {
  name: string;
  retiredAt: string | null;
  rooms: { label: string; capacity: number }[];
}
interface Code {
  status: string;
  responsibleName: string;
}
interface Timeline {
  profile: { status: string; categories: string[] };
  measures: { id: string; measure: string; plannedEnd: string | null; actualEnd: string | null }[];
  tests: { id: string; result: string }[];
}

export async function snapshot(w: World) {
  const { grid, community, district, street } = w.by;
  const person = await read<Person>(grid, `/api/persons/${w.persons[0]}`);
  const household = await read<Household>(grid, `/api/households/${w.householdId}`);
  const courtyard = await read<Courtyard>(grid, `/api/courtyards/${w.courtyardId}`);
  const site = await read<Site>(district, `/api/care-sites/${w.siteId}`);
  const code = await read<Code>(grid, `/api/reg-codes/${w.codeId}`);
  const timeline = await read<Timeline>(grid, `/api/health-persons/${w.persons[0]}`);
  const submission = await read<{ status: string; version: number }>(grid, `/api/reg-submissions/${w.submissionId}`);
  const user = await read<{ displayName: string; area: { id: string } }>(street, `/api/users/${w.userId}`);
  const transfers = await read<{ items: { id: string; status: string }[] }>(community, '/api/transfers?limit=100');
  const alerts = await read<{ items: { id: string; state: string }[] }>(grid, '/api/alerts?state=all&limit=200');
  const areas: Record<string, Area> = {};
  for (const level of ['street', 'community', 'grid', 'grid2'] as const) {
    const a = await read<Area>(street, `/api/areas/${w.areas[level]}`);
    areas[level] = { name: a.name, retiredAt: a.retiredAt };
  }
  return {
    person: { name: person.name, phone: person.phone, tags: person.tags },
    household: { current: household.current?.dwellingId, members: household.members.map((m) => [m.id, m.endDate]) },
    courtyard: { name: courtyard.name, buildings: courtyard.buildings, contacts: courtyard.contacts.length },
    site: { name: site.name, retiredAt: site.retiredAt, rooms: site.rooms.map((r) => [r.label, r.capacity]) },
    code: { status: code.status, responsibleName: code.responsibleName },
    health: { profile: timeline.profile, measures: timeline.measures, tests: timeline.tests },
    submission,
    user,
    transfer: transfers.items.find((t) => t.id === w.transferId)?.status,
    alert: alerts.items.find((a) => a.id === w.alertId)?.state,
    areas,
  };
}

/** Audit entries and record versions written inside the world's street. */
export async function writesInside(t: TestApp, w: World): Promise<{ audit: number; versions: number }> {
  const { path } = await t.db
    .selectFrom('areas')
    .select('path')
    .where('id', '=', w.areas.street)
    .executeTakeFirstOrThrow();
  const like = `${path}%`;
  const { rows } = await sql<{ audit: number; versions: number }>`
    SELECT (SELECT count(*)::int FROM audit_log WHERE area_path LIKE ${like}) AS audit,
           (SELECT count(*)::int FROM record_versions WHERE area_path LIKE ${like}) AS versions`.execute(t.db);
  return rows[0]!;
}
