/**
 * Self-registration fixtures: a courtyard with a building, a unit and rooms made
 * through the API, registration codes, and family forms with valid GB 11643 numbers.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { CodeDto } from '../../src/server/modules/self-registration/codes/index.js';
import type { Client } from './app.js';
import { idNumber } from './health.js';

export interface Yard {
  courtyardId: string;
  buildingId: string;
  unitId: string;
  /** Rooms 101, 102, 201 … in the unit. */
  rooms: string[];
}

/** What the registry answers when it creates a place: its id. */
type Created = { id: string };

export async function buildYard(c: Client, gridId: string, name: string, rooms = ['101', '102', '201']): Promise<Yard> {
  const yard = await c.post('/api/courtyards', { gridId, name, kind: 'urban_compound' });
  if (yard.statusCode !== 201) throw new Error(`courtyard: ${yard.statusCode} ${yard.body}`);
  const courtyardId = yard.json<Created>().id;
  const buildingId = (await c.post(`/api/courtyards/${courtyardId}/buildings`, { label: '1栋' })).json<Created>().id;
  const unitId = (await c.post(`/api/buildings/${buildingId}/units`, { label: '1单元' })).json<Created>().id;
  const ids: string[] = [];
  for (const room of rooms) {
    const d = await c.post('/api/dwellings', { courtyardId, buildingId, unitId, room });
    if (d.statusCode !== 201) throw new Error(`dwelling: ${d.statusCode} ${d.body}`);
    ids.push(d.json<Created>().id);
  }
  return { courtyardId, buildingId, unitId, rooms: ids };
}

export async function createCode(c: Client, body: Record<string, unknown>) {
  const res = await c.post('/api/reg-codes', {
    purpose: 'resident',
    responsibleName: '李网格',
    responsiblePhone: '13800138000',
    expiresOn: '2020-03-31',
    ...body,
  });
  if (res.statusCode !== 201) throw new Error(`code: ${res.statusCode} ${res.body}`);
  const code = res.json<CodeDto>();
  if (!code.path) throw new Error(`code ${code.id}: no printable path`);
  return { ...code, token: code.path.split('/').pop()! };
}

export const editSecret = () => randomBytes(32).toString('base64url');
const key = () => randomBytes(6).toString('base64url');

export interface MemberInput {
  name: string;
  relationship?: string;
  docType?: string;
  docNumber?: string;
  gender?: 'male' | 'female' | null;
  birthDate?: string | null;
  phone?: string | null;
  localHukou?: boolean;
  health?: { temperature: number; symptoms: string[] } | null;
}

/** A family form; the first member is the head. Trips name members by index. */
export function familyForm(
  dwellingId: string | null,
  members: MemberInput[],
  opts: {
    trips?: { place: string; returnDate: string; members: number[] }[];
    contacts?: { member: number; lastContact: string }[];
    address?: string;
  } = {},
) {
  const keyed = members.map((m, i) => ({
    key: key(),
    name: m.name,
    docType: m.docType ?? 'resident_id',
    docNumber: m.docNumber ?? idNumber(),
    ...(m.gender !== undefined ? { gender: m.gender } : {}),
    ...(m.birthDate !== undefined ? { birthDate: m.birthDate } : {}),
    phone: m.phone === undefined ? (i === 0 ? '13912345678' : null) : m.phone,
    relationship: m.relationship ?? (i === 0 ? 'head' : 'child'),
    hukouPlace: m.localHukou === false ? '湖北省武汉市' : '四川省成都市龙泉驿区',
    localHukou: m.localHukou ?? true,
    ...(m.health !== undefined ? { health: m.health } : {}),
  }));
  return {
    dwellingId,
    address: opts.address ?? null,
    livingType: 'owned',
    members: keyed,
    trips: (opts.trips ?? []).map((t) => ({
      place: t.place,
      returnDate: t.returnDate,
      transport: 'train',
      transportNo: 'G1234',
      members: t.members.map((i) => keyed[i]!.key),
    })),
    contacts: (opts.contacts ?? []).map((x) => ({ member: keyed[x.member]!.key, lastContact: x.lastContact })),
  };
}

export async function submitFamily(
  c: Client,
  token: string,
  form: unknown,
  ids = { id: randomUUID(), editToken: editSecret() },
) {
  const res = await c.post(`/api/public/reg/${token}/submissions`, { ...ids, form });
  return { res, ...ids };
}
