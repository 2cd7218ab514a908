/**
 * Key persons for the health tests: households registered in the demo grid through
 * the API (the test seed has no registry persons), with valid GB 11643 numbers.
 */
import { randomUUID } from 'node:crypto';
import { checkCharacter } from '../../src/domain/id-number.js';
import type { MeasureDto } from '../../src/server/modules/health/measures/index.js';
import type { Client } from './app.js';

let serial = 0;

/** A valid resident ID number born in 1980–1999, unique within the test run. */
export function idNumber(): string {
  serial += 1;
  const seq = String(100 + (serial % 900)).padStart(3, '0');
  const birth = `19${80 + (Math.floor(serial / 900) % 20)}0${1 + (serial % 9)}1${serial % 10}`;
  const first17 = `510112${birth}${seq}`;
  return first17 + checkCharacter(first17);
}

export interface Family {
  householdId: string;
  dwellingId: string;
  /** Person ids, head first. */
  members: string[];
}

/** A household living in a new dwelling of a new courtyard in `gridId`, head first. */
export async function registerFamily(c: Client, gridId: string, names: string[], day = '2020-02-01'): Promise<Family> {
  const yard = await c.post('/api/courtyards', { gridId, name: `${names[0]}家院落`, kind: 'rural_scattered' });
  if (yard.statusCode !== 201) throw new Error(`courtyard: ${yard.statusCode} ${yard.body}`);
  const dwelling = await c.post('/api/dwellings', { courtyardId: yard.json<{ id: string }>().id, room: '1号' });
  if (dwelling.statusCode !== 201) throw new Error(`dwelling: ${dwelling.statusCode} ${dwelling.body}`);
  const relationships = ['head', 'spouse', 'child', 'parent', 'other'];
  const res = await c.post('/api/households', {
    id: randomUUID(),
    dwellingId: dwelling.json<{ id: string }>().id,
    occupancyType: 'owned',
    startDate: day,
    members: names.map((name, i) => ({
      relationship: relationships[Math.min(i, 4)],
      person: {
        name,
        docType: 'resident_id',
        docNumber: idNumber(),
        phone: `1380013${String(8000 + serial).slice(-4)}`,
      },
    })),
  });
  if (res.statusCode !== 201) throw new Error(`household: ${res.statusCode} ${res.body}`);
  const h = res.json<{ id: string; members: { person: { id: string } }[] }>();
  return {
    householdId: h.id,
    dwellingId: dwelling.json<{ id: string }>().id,
    members: h.members.map((m) => m.person.id),
  };
}

/** Places a person under the measure the rules give; returns the measure. */
export async function placePerson(c: Client, personId: string, body: Record<string, unknown>): Promise<MeasureDto> {
  const res = await c.post(`/api/health-persons/${personId}/placements`, { id: randomUUID(), ...body });
  if (res.statusCode !== 201) throw new Error(`placement: ${res.statusCode} ${res.body}`);
  return res.json<{ measure: MeasureDto }>().measure;
}
