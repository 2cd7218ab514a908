/**
 * Demo registry for the demo district: courtyards, buildings, units and dwellings
 * in every grid, households of ~2.6 persons, ~20% of them renting, persons with
 * valid identity numbers. Deterministic (seeded), inserted in batches; the
 * database triggers keep the counters. Every row carries its grid's district (the
 * distribution key on Citus).
 */
import { randomUUID } from 'node:crypto';
import { type InsertObject, sql } from 'kysely';
import { areaKind } from '../../domain/areas.js';
import type { Database } from '../db/connection.js';
import type { DB } from '../db/types.js';
import type { OccupancyType, Relationship } from '../db/types-registry.js';
import {
  between,
  birthDate,
  ELSEWHERE,
  givenName,
  HOME,
  idNumber,
  mobile,
  pick,
  type Rand,
  seeded,
  surname,
} from './people.js';

const COMPOUNDS = [
  '三盛都会城',
  '龙泉花园',
  '东方丽景',
  '阳光城',
  '桃源居',
  '驿都花园',
  '书房新城',
  '锦绣家园',
  '翠微苑',
  '龙城国际',
  '幸福里',
  '百合苑',
  '同安小区',
  '十陵景苑',
  '大面新居',
  '洪河人家',
];

export interface Grid {
  id: string;
  name: string;
  districtId: string;
  communityCode: string;
  communityName: string;
}

export type DemoTable =
  | 'courtyards'
  | 'buildings'
  | 'units'
  | 'courtyard_contacts'
  | 'dwellings'
  | 'households'
  | 'persons'
  | 'household_members'
  | 'occupancies';
/** Tables in the order their rows must be written (parents first). */
export const DEMO_TABLES: DemoTable[] = [
  'courtyards',
  'buildings',
  'units',
  'courtyard_contacts',
  'dwellings',
  'households',
  'persons',
  'household_members',
  'occupancies',
];

/** Where generated rows go: arrays for small demos, CSV files for COPY at district scale. */
export interface Sink {
  add(table: DemoTable, row: Record<string, unknown>): void | Promise<void>;
}

export interface Generated {
  courtyards: number;
  dwellings: number;
  households: number;
  persons: number;
}

export async function demoGrids(db: Database): Promise<Grid[]> {
  return (
    await db
      .selectFrom('areas as g')
      .innerJoin('areas as c', 'c.id', 'g.parent_id')
      .select(['g.id', 'g.name', 'g.district_id', 'c.code as communityCode', 'c.name as communityName'])
      .where('g.level', '=', 'grid')
      .where('g.retired_at', 'is', null)
      .orderBy('g.code')
      .execute()
  ).map((g) => ({
    id: g.id,
    name: g.name,
    districtId: g.district_id,
    communityCode: g.communityCode,
    communityName: g.communityName,
  }));
}

/** Generates a district's registry, grid by grid, into a sink (deterministic for a seed). */
export async function generateRegistry(
  grids: Grid[],
  sink: Sink,
  opts: { persons?: number; seed?: number } = {},
): Promise<Generated> {
  const r = seeded(opts.seed ?? 20200124);
  const targetPersons = opts.persons ?? 3000;
  const counts: Generated = { courtyards: 0, dwellings: 0, households: 0, persons: 0 };
  if (grids.length === 0) return counts;
  const taken = new Set<string>();
  const add = async (table: DemoTable, row: Record<string, unknown>) => {
    if (table === 'courtyards') counts.courtyards++;
    if (table === 'dwellings') counts.dwellings++;
    if (table === 'households') counts.households++;
    if (table === 'persons') counts.persons++;
    await sink.add(table, row);
  };
  const householdsPerGrid = Math.max(1, Math.round(targetPersons / 2.6 / grids.length));
  let compound = 0;

  const seenCommunities = new Set<string>();
  for (const g of grids) {
    // Every row carries its grid's district.
    const put = (table: DemoTable, row: Record<string, unknown>) => add(table, { district_id: g.districtId, ...row });
    const firstOfCommunity = !seenCommunities.has(g.communityCode);
    seenCommunities.add(g.communityCode);
    const village = areaKind('community', g.communityCode) === 'village';
    const dwellings: { id: string; courtyardId: string }[] = [];
    const wanted = Math.ceil(householdsPerGrid * 1.12); // about one dwelling in ten stands empty
    // 三盛都会城 (the article's 30-storey compound in 东华村) keeps its name; each village
    // has a 农民集中居住区 in its first grid and scattered courtyards in the others.
    const kind =
      g.name === '三盛都会城网格' || !village
        ? 'urban_compound'
        : firstOfCommunity
          ? 'resettlement'
          : 'rural_scattered';
    if (kind === 'rural_scattered') {
      const courtyardId = randomUUID();
      const place = g.name.startsWith('第')
        ? `${g.communityName}${g.name.replace('网格', '')}`
        : g.name.replace('网格', '');
      await put('courtyards', { id: courtyardId, grid_id: g.id, name: `${place}散居院落`, kind, gate_status: 'open' });
      for (let i = 1; i <= wanted; i++) {
        const id = randomUUID();
        await put('dwellings', {
          id,
          grid_id: g.id,
          courtyard_id: courtyardId,
          room: `${i}号`,
          floor: 1,
          area_m2: between(r, 80, 220),
        });
        dwellings.push({ id, courtyardId });
      }
    } else {
      const courtyardId = randomUUID();
      const generic = () => {
        const n = compound++;
        const base = COMPOUNDS[(n % (COMPOUNDS.length - 1)) + 1]!;
        return n >= COMPOUNDS.length - 1 ? `${base}${Math.floor(n / (COMPOUNDS.length - 1)) + 1}期` : base;
      };
      const name =
        g.name === '三盛都会城网格'
          ? '三盛都会城'
          : kind === 'resettlement'
            ? `${g.communityName.replace('村', '')}新居`
            : generic();
      const floors = g.name === '三盛都会城网格' ? 32 : kind === 'resettlement' ? 6 : 8;
      await put('courtyards', {
        id: courtyardId,
        grid_id: g.id,
        name,
        kind,
        gate_status: 'closed',
        gate_since: '2020-01-28',
      });
      await put('courtyard_contacts', {
        courtyard_id: courtyardId,
        role: 'grid_worker',
        name: surname(r) + givenName(r, 'female'),
        phone: mobile(r),
      });
      for (let b = 1; dwellings.length < wanted; b++) {
        const buildingId = randomUUID();
        await put('buildings', { id: buildingId, courtyard_id: courtyardId, label: `${b}栋`, floors });
        await put('courtyard_contacts', {
          courtyard_id: courtyardId,
          role: 'building_head',
          name: surname(r) + givenName(r, 'male'),
          phone: mobile(r),
          building_id: buildingId,
        });
        for (let u = 1; u <= 2 && dwellings.length < wanted; u++) {
          const unitId = randomUUID();
          await put('units', { id: unitId, building_id: buildingId, label: `${u}单元` });
          for (let f = 1; f <= floors && dwellings.length < wanted; f++) {
            for (let n = 1; n <= 2 && dwellings.length < wanted; n++) {
              const id = randomUUID();
              await put('dwellings', {
                id,
                grid_id: g.id,
                courtyard_id: courtyardId,
                building_id: buildingId,
                unit_id: unitId,
                room: `${f}0${n}`,
                floor: f,
                area_m2: between(r, 60, 140),
              });
              dwellings.push({ id, courtyardId });
            }
          }
        }
      }
    }
    for (let h = 0; h < householdsPerGrid && h < dwellings.length; h++) {
      for (const [table, row] of household(r, g, dwellings[h]!, taken)) await put(table, row);
    }
  }
  return counts;
}

/** The default demo: rows kept in memory and written with batched INSERTs in one transaction. */
export async function seedRegistry(db: Database, opts: { persons?: number; seed?: number } = {}): Promise<Generated> {
  const rows = new Map<DemoTable, Record<string, unknown>[]>(DEMO_TABLES.map((t) => [t, []]));
  const counts = await generateRegistry(
    await demoGrids(db),
    { add: (table, row) => void rows.get(table)!.push(row) },
    opts,
  );

  await db.transaction().execute(async (tx) => {
    // Fresh statistics as tables grow inside this one transaction, so the counter
    // triggers' lookups keep using their indexes at demo sizes of 100k+ rows.
    for (const table of DEMO_TABLES) {
      const values = rows.get(table)!;
      for (let i = 0; i < values.length; i += 500) {
        await tx
          .insertInto(table)
          .values(values.slice(i, i + 500) as InsertObject<DB, DemoTable>[])
          .execute();
        if ((i / 500) % 40 === 39) await sql`ANALYZE ${sql.table(table)}`.execute(tx);
      }
      await sql`ANALYZE ${sql.table(table)}`.execute(tx);
    }
  });
  return counts;
}
function household(
  r: Rand,
  g: Grid,
  dwelling: { id: string; courtyardId: string },
  taken: Set<string>,
): [DemoTable, Record<string, unknown>][] {
  const out: [DemoTable, Record<string, unknown>][] = [];
  const householdId = randomUUID();
  const roll = r();
  const type: OccupancyType = roll < 0.2 ? 'rented' : roll < 0.95 ? 'owned' : roll < 0.98 ? 'lodging' : 'temporary';
  const floating = type !== 'owned' && r() < 0.8;
  const address = floating ? pick(r, Object.keys(ELSEWHERE)) : HOME;
  const sizeRoll = r();
  const size = sizeRoll < 0.18 ? 1 : sizeRoll < 0.43 ? 2 : sizeRoll < 0.75 ? 3 : sizeRoll < 0.92 ? 4 : 5;
  const family = surname(r);
  const headYear = size === 1 && r() < 0.4 ? between(r, 1935, 1950) : between(r, 1950, 1995);
  const headGender = r() < 0.6 ? 'male' : 'female';
  const people: { relationship: Relationship; year: number; gender: 'male' | 'female'; surname: string }[] = [
    { relationship: 'head', year: headYear, gender: headGender, surname: family },
  ];
  if (size >= 2)
    people.push({
      relationship: 'spouse',
      year: Math.min(2000, headYear + between(r, -4, 4)),
      gender: headGender === 'male' ? 'female' : 'male',
      surname: surname(r),
    });
  for (let i = people.length; i < size; i++) {
    const child = headYear + 24 <= 2018 && (i < 4 || r() < 0.5);
    const year = child ? Math.min(2019, headYear + between(r, 24, 34)) : Math.max(1925, headYear - between(r, 22, 32));
    people.push({
      relationship: child ? 'child' : 'parent',
      year,
      gender: r() < 0.5 ? 'male' : 'female',
      surname: child ? family : surname(r),
    });
  }
  const start =
    type === 'owned'
      ? `${between(r, 2000, 2019)}-0${between(r, 1, 9)}-1${between(r, 0, 9)}`
      : `${pick(r, [2018, 2019, 2019])}-${String(between(r, 1, 12)).padStart(2, '0')}-0${between(r, 1, 9)}`;
  out.push(['households', { id: householdId, grid_id: g.id }]);
  out.push([
    'occupancies',
    {
      household_id: householdId,
      dwelling_id: dwelling.id,
      grid_id: g.id,
      courtyard_id: dwelling.courtyardId,
      type,
      start_date: start,
    },
  ]);
  for (const p of people) {
    const personId = randomUUID();
    const birth = birthDate(r, p.year);
    const tags: string[] = [];
    if (size === 1 && p.year <= 1950) tags.push('独居老人');
    if (r() < 0.02) tags.push('残疾人');
    if (p.relationship !== 'child' && r() < 0.08) tags.push('党员');
    out.push([
      'persons',
      {
        id: personId,
        grid_id: g.id,
        name: p.surname + givenName(r, p.gender),
        doc_type: 'resident_id',
        doc_number: idNumber(r, address, birth, p.gender, taken),
        gender: p.gender,
        birth_date: birth,
        phone: p.year <= 2006 ? mobile(r) : null,
        population_type: floating ? 'floating' : 'registered',
        hukou_place: floating ? ELSEWHERE[address] : '四川省成都市龙泉驿区',
        work_unit: null,
        tags,
      },
    ]);
    out.push([
      'household_members',
      {
        household_id: householdId,
        person_id: personId,
        relationship: p.relationship,
        start_date: start,
      },
    ]);
  }
  return out;
}
