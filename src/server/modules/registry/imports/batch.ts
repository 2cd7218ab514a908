/**
 * The registry writes of an import batch. Its rows plan the dwellings, households,
 * occupancies, persons and members they add (ids made here), with their versions;
 * `flush` writes each table's planned rows in one statement, parents first.
 *
 * A batch flushes once, at its end: the counter triggers are statement-level, so they
 * then run once a batch instead of once a row, and the batch is a handful of
 * statements instead of several a row (on Citus each statement, and each counter
 * upsert of a trigger, is a round trip to a worker). When the database refuses the
 * batch, the job writes it again flushing after every row, each under its own
 * savepoint, so the refused row is named and the others are kept.
 *
 * Until they are flushed, later rows find what earlier rows planned here: places by
 * the memo, households living in a dwelling and their heads by `plannedAt`/`plannedHead`.
 */
import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type {
  DwellingsTable,
  HouseholdMembersTable,
  HouseholdsTable,
  OccupanciesTable,
  OccupancyType,
  PersonsTable,
} from '../../../db/types-registry.js';
import type { ActorContext } from '../../../kernel/context.js';
import { recordVersions, type VersionEntry } from '../../../kernel/versions.js';

/** Rows per INSERT: far under PostgreSQL's 65,535 parameters for every table here. */
const ROWS_PER_INSERT = 500;

/** Where a row's records sit: its grid, and the grid's path and district (the records' own). */
export interface Place {
  gridId: string;
  at: { area_path: string; district_id: string };
  today: string;
}

type New<T> = Insertable<T> & { id: string };

export class BatchWrites {
  /** Places found or made in this batch: key → id. */
  readonly memo = new Map<string, string>();
  private dwellings: New<DwellingsTable>[] = [];
  private households: New<HouseholdsTable>[] = [];
  private occupancies: New<OccupanciesTable>[] = [];
  private persons: New<PersonsTable>[] = [];
  private members: New<HouseholdMembersTable>[] = [];
  private versions: VersionEntry[] = [];
  /** Planned, not yet written: dwellings, households by dwelling, heads' names by household. */
  private readonly newDwellings = new Set<string>();
  private readonly newHouseholds = new Set<string>();
  private readonly living = new Map<string, string[]>();
  private readonly heads = new Map<string, string>();

  /** Keeps the version of a write already made (a courtyard, a building). */
  version(v: VersionEntry): void {
    this.versions.push(v);
  }

  /** Whether the dwelling is planned and not yet written (nobody can live there yet but planned households). */
  isNewDwelling(id: string): boolean {
    return this.newDwellings.has(id);
  }

  /** Households planned in the dwelling, with their planned heads' names. */
  plannedAt(dwelling: string): { household_id: string; head: string | null }[] {
    return (this.living.get(dwelling) ?? []).map((h) => ({ household_id: h, head: this.heads.get(h) ?? null }));
  }

  /** The planned head's name of a household (planned or written), if a row of this batch made one. */
  plannedHead(household: string): string | undefined {
    return this.heads.get(household);
  }

  /** Whether the household is planned and not yet written (its members are all planned here too). */
  isNewHousehold(id: string): boolean {
    return this.newHouseholds.has(id);
  }

  dwelling(place: Place, v: Omit<Insertable<DwellingsTable>, 'district_id' | 'grid_id'>): string {
    const id = randomUUID();
    const values = { grid_id: place.gridId, ...v };
    this.dwellings.push({ id, district_id: place.at.district_id, ...values });
    this.newDwellings.add(id);
    this.versions.push({ type: 'dwelling', id, place: place.at, before: null, after: values, channel: 'import' });
    return id;
  }

  /** A household living in the dwelling from today, and its occupancy (as households' insertHousehold writes them). */
  household(place: Place, dwelling: { id: string; courtyard_id: string }, type: OccupancyType): string {
    const id = randomUUID();
    this.households.push({ id, district_id: place.at.district_id, grid_id: place.gridId });
    this.versions.push({
      type: 'household',
      id,
      place: place.at,
      before: null,
      after: { grid_id: place.gridId },
      channel: 'import',
    });
    const occupancy = {
      household_id: id,
      dwelling_id: dwelling.id,
      grid_id: place.gridId,
      courtyard_id: dwelling.courtyard_id,
      type,
      start_date: place.today,
    };
    const o = randomUUID();
    this.occupancies.push({ id: o, district_id: place.at.district_id, ...occupancy });
    this.versions.push({
      type: 'occupancy',
      id: o,
      place: place.at,
      before: null,
      after: occupancy,
      channel: 'import',
    });
    this.newHouseholds.add(id);
    this.living.set(dwelling.id, [...(this.living.get(dwelling.id) ?? []), id]);
    return id;
  }

  person(place: Place, values: Omit<Insertable<PersonsTable>, 'district_id' | 'grid_id'>, note: string | null): string {
    const id = randomUUID();
    const after = { grid_id: place.gridId, ...values };
    this.persons.push({ id, district_id: place.at.district_id, ...after });
    this.versions.push({
      type: 'person',
      id,
      place: place.at,
      before: null,
      after: note ? { ...after, note } : after,
      channel: 'import',
    });
    return id;
  }

  /** A member from today; `name` is the person's as stored (a head's name finds the household again). */
  member(place: Place, m: Pick<HouseholdMembersTable, 'household_id' | 'person_id' | 'relationship'>, name: string) {
    const id = randomUUID();
    this.members.push({ id, district_id: place.at.district_id, ...m, start_date: place.today });
    if (m.relationship === 'head') this.heads.set(m.household_id, name);
    this.versions.push({ type: 'member', id, place: place.at, before: null, after: { ...m }, channel: 'import' });
  }

  /** Writes what is planned, parents first, and forgets it (the memo keeps the ids: they are written now). */
  async flush(c: ActorContext): Promise<void> {
    for (const part of chunks(this.dwellings)) await c.db.insertInto('dwellings').values(part).execute();
    for (const part of chunks(this.households)) await c.db.insertInto('households').values(part).execute();
    for (const part of chunks(this.occupancies)) await c.db.insertInto('occupancies').values(part).execute();
    for (const part of chunks(this.persons)) await c.db.insertInto('persons').values(part).execute();
    for (const part of chunks(this.members)) await c.db.insertInto('household_members').values(part).execute();
    for (const part of chunks(this.versions)) await recordVersions(c, part);
    this.forget();
  }

  /** Forgets what is planned and the memo: after a row's writes were rolled back. */
  discard(): void {
    this.memo.clear();
    this.forget();
  }

  private forget(): void {
    this.dwellings = [];
    this.households = [];
    this.occupancies = [];
    this.persons = [];
    this.members = [];
    this.versions = [];
    this.newDwellings.clear();
    this.newHouseholds.clear();
    this.living.clear();
    this.heads.clear();
  }
}

function* chunks<T>(rows: T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) yield rows.slice(i, i + ROWS_PER_INSERT);
}
