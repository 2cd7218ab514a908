/**
 * Where each table lives on a Citus cluster (docs/SCALING.md): the one catalogue every
 * table must appear in — `layout.test.ts` fails for a table missing here, or listed here
 * and missing in the database. On plain PostgreSQL (the embedded default, a single
 * server) the catalogue changes nothing.
 *
 *  - distributed: sharded by `district_id`, all co-located, so a district's request
 *    touches one shard group. Every primary, unique and foreign key among them leads
 *    with `district_id`.
 *  - reference: small, read by every district's queries, copied to every node.
 *  - local: kept on the coordinator only (the job queue's `FOR UPDATE SKIP LOCKED`
 *    claim, bookkeeping written before a district is known).
 */
export type Placement =
  { kind: 'distributed'; why: string } | { kind: 'reference'; why: string } | { kind: 'local'; why: string };

const distributed = (why: string): Placement => ({ kind: 'distributed', why });
const reference = (why: string): Placement => ({ kind: 'reference', why });
const local = (why: string): Placement => ({ kind: 'local', why });

export const DISTRIBUTION_COLUMN = 'district_id';

export const LAYOUT: Record<string, Placement> = {
  // Platform
  areas: reference('the area tree: a few thousand rows per district, joined by every scoped query'),
  users: reference('accounts: read at every sign-in, before a district is known'),
  sessions: local('read by token on every request before the actor (and district) is known'),
  public_tokens: local('a public token → its district, read before the district is known (one indexed lookup)'),
  sign_in_failures: local('counted per claimed username and address, before any district is known'),
  jobs: local("the queue's claim (FOR UPDATE SKIP LOCKED) needs one table on one node"),
  audit_log: distributed('the largest platform table: one row per write'),
  area_counters: distributed('leaf counters the dashboards read, written with every registry write'),
  schema_migrations: local("the migrator's record of applied migrations, run on the coordinator"),
  schema_migrations_lock: local("the migrator's lock, on the coordinator"),

  // Registry
  courtyards: distributed('一院一档: every place record'),
  courtyard_contacts: distributed("a courtyard's contacts"),
  buildings: distributed('buildings of courtyards'),
  units: distributed('units of buildings'),
  dwellings: distributed('every dwelling (room) of the district'),
  courtyard_counters: distributed('per-courtyard counters the courtyard file (一院一档) reads'),
  households: distributed('every household'),
  household_members: distributed('membership history'),
  occupancies: distributed('which household lives where, with history'),
  persons: distributed('the population: 1.35 M rows in one district'),
  person_transfers: distributed('transfers between grids of one district'),
  record_versions: distributed('every version of every registry record'),
  uploads: local('the import bookkeeping: files on the coordinator, read by the job that imports them'),
  import_errors: local("an import job's error report, beside its job"),
  import_seen: local("an import job's progress (rows already applied), beside its job"),

  // Health
  health_categories: reference("each district's exposure categories: a few dozen rows"),
  health_rules: reference("each district's rule versions: a few dozen rows"),
  health_datasets: reference("each district's retention of its health datasets: three rows"),
  health_profiles: distributed('one row per key person'),
  health_events: distributed("key persons' timelines"),
  health_person_categories: distributed("key persons' categories with their days"),
  health_measures: distributed('measures (home isolation, central isolation, hospital …)'),
  health_checkins: distributed('daily check-ins: the largest health table'),
  health_checkin_links: distributed('check-in links; a public token resolves to its district'),
  health_day_counters: distributed('per-day leaf counters of the health figures'),
  isolation_sites: distributed("a district's isolation sites and designated hospitals"),
  isolation_rooms: distributed('rooms of isolation sites'),
  nucleic_tests: distributed('nucleic-acid test results'),
  alerts: distributed('alerts raised by check-ins, tests and deadlines'),
  alert_recipients: distributed("alerts' recipients and their handling"),
  daily_reports: distributed("communities' daily zero reports"),

  // Self-registration
  reg_codes: distributed('registration codes; a public token resolves to its district'),
  reg_submissions: distributed("families' submissions"),
  reg_versions: distributed("every version of a family's submission"),
  reg_day_counters: distributed('per-day leaf counters of the registration figures'),
};

/** Tables of one kind, in catalogue order. */
export function tablesOf(kind: Placement['kind']): string[] {
  return Object.entries(LAYOUT)
    .filter(([, p]) => p.kind === kind)
    .map(([name]) => name);
}
