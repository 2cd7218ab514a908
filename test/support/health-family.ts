/**
 * A household of key persons set up through the API of a running server (for browser
 * tests): a new rural courtyard and dwelling in the user's grid, a family with valid
 * GB 11643 numbers (computed check characters), everyone placed under the measure the
 * rules give for their categories.
 */
import { randomUUID } from 'node:crypto';
import { checkCharacter } from '../../src/domain/id-number.js';
import type { MeasureDto } from '../../src/server/modules/health/measures/index.js';
import type { HttpClient } from './http-client.js';

/** A valid resident ID number (check character computed, never invented) from a birth date and a sequence. */
export function residentId(birth: string, seq: number): string {
  const first17 = `510112${birth.replaceAll('-', '')}${String(seq % 1000).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

export interface FamilyMember {
  name: string;
  birth: string;
  relationship: 'head' | 'spouse' | 'child' | 'parent' | 'other';
}

export interface KeyFamily {
  gridId: string;
  householdId: string;
  /** Person ids in the order given, head first. */
  members: string[];
  /** The measure each member was placed under, in the same order. */
  measures: Pick<MeasureDto, 'id' | 'measure' | 'plannedEnd'>[];
}

export async function placeFamily(c: HttpClient, members: FamilyMember[], categories: string[]): Promise<KeyFamily> {
  const me = await c.expect<{ scope: { id: string; level: string } }>(200, 'GET', '/api/me');
  if (me.scope.level !== 'grid') throw new Error(`placeFamily needs a grid worker, got scope level ${me.scope.level}`);
  const gridId = me.scope.id;
  const tag = String(Date.now()).slice(-6);
  const yard = await c.expect<{ id: string }>(201, 'POST', '/api/courtyards', {
    gridId,
    name: `${members[0]!.name}家院落${tag}`,
    kind: 'rural_scattered',
  });
  const dwelling = await c.expect<{ id: string }>(201, 'POST', '/api/dwellings', {
    courtyardId: yard.id,
    room: `${tag}号`,
  });
  const seq = Number(tag) % 500;
  const household = await c.expect<{ id: string; members: Array<{ person: { id: string; name: string } }> }>(
    201,
    'POST',
    '/api/households',
    {
      id: randomUUID(),
      dwellingId: dwelling.id,
      occupancyType: 'owned',
      startDate: '2020-01-20',
      members: members.map((m, i) => ({
        relationship: m.relationship,
        person: {
          name: m.name,
          docType: 'resident_id',
          docNumber: residentId(m.birth, seq * 2 + i * 2 + 1),
          phone: `139${tag}${String(10 + i).padStart(2, '0')}`,
        },
      })),
    },
  );
  const ids = members.map((m) => household.members.find((x) => x.person.name === m.name)!.person.id);
  const measures: KeyFamily['measures'] = [];
  for (const personId of ids) {
    const placed = await c.expect<{ measure: MeasureDto }>(201, 'POST', `/api/health-persons/${personId}/placements`, {
      id: randomUUID(),
      categories: categories.map((key) => ({ key })),
    });
    measures.push({ id: placed.measure.id, measure: placed.measure.measure, plannedEnd: placed.measure.plannedEnd });
  }
  return { gridId, householdId: household.id, members: ids, measures };
}
