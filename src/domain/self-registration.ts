/**
 * QR family self-registration (扫码登记, BRIEF §3–5, §8): the form a resident fills in
 * for the whole family, its checks (the same on the phone and on the server), which
 * exposure categories a member's answers put them in, and the difference between two
 * versions of a submission. Pure rules, no I/O; days are Asia/Shanghai days.
 */
import { addDays } from './clock.js';
import { checkTemperature, SYMPTOMS } from './health.js';
import { checkBirthDay, checkDocument, documentCarries, type DocumentType } from './id-number.js';
import { normaliseName, PERSON_NAME } from './names.js';
import { checkPhone } from './phone.js';

export const CODE_PURPOSES = ['resident', 'rental', 'checkpoint', 'enterprise'] as const;
export type CodePurpose = (typeof CODE_PURPOSES)[number];
export const CODE_PURPOSE_LABELS: Record<CodePurpose, string> = {
  resident: '居民登记',
  rental: '租住申报',
  checkpoint: '卡口登记',
  enterprise: '企业登记',
};

export const LIVING_TYPES = ['owned', 'rented', 'lodging', 'temporary'] as const;
export type LivingType = (typeof LIVING_TYPES)[number];
/** The review queue's filters, in the order of the console's tabs: the open ones, then the decided, then all. */
export const QUEUE_FILTERS = [
  'new',
  'conflicts',
  'category',
  'fever',
  'waiting',
  'accepted',
  'rejected',
  'all',
] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];
export const RELATIONSHIPS = ['head', 'spouse', 'child', 'parent', 'other'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];
export const TRANSPORTS = ['train', 'plane', 'coach', 'car', 'other'] as const;
export type Transport = (typeof TRANSPORTS)[number];
export const TRANSPORT_LABELS: Record<Transport, string> = {
  train: '火车',
  plane: '飞机',
  coach: '大巴',
  car: '自驾',
  other: '其他',
};

/** Places a trip can come from; a category's criteria name some of them. "other" takes free text. */
export const PLACES = [
  '武汉',
  '湖北其他地区',
  '广东',
  '河南',
  '浙江',
  '湖南',
  '安徽',
  '江西',
  '北京',
  '重庆',
  '海南',
  '境外',
  '其他地区',
] as const;
export const OTHER_PLACE = '其他地区';

/**
 * What puts a person in a category, as data kept with the category: a trip from one
 * of the places within the last `withinDays` days (for locals, non-locals or anyone),
 * or a contact with a case within `withinDays` days.
 */
export type ExposureCriteria =
  | { kind: 'travel'; places: string[]; withinDays: number; who: 'local' | 'non_local' | 'any' }
  | { kind: 'contact'; withinDays: number };

/** The 2020 list (BRIEF §4), as the migration seeds it. */
export const CRITERIA_2020: Record<string, ExposureCriteria> = {
  from_wuhan: { kind: 'travel', places: ['武汉'], withinDays: 14, who: 'non_local' },
  from_hubei: { kind: 'travel', places: ['湖北其他地区'], withinDays: 14, who: 'non_local' },
  local_visited_hubei: { kind: 'travel', places: ['武汉', '湖北其他地区'], withinDays: 14, who: 'local' },
  from_key_areas: {
    kind: 'travel',
    places: ['武汉', '湖北其他地区', '广东', '河南', '浙江', '湖南', '安徽', '江西', '北京', '重庆', '海南'],
    withinDays: 14,
    who: 'any',
  },
  from_abroad: { kind: 'travel', places: ['境外'], withinDays: 14, who: 'any' },
  close_contact: { kind: 'contact', withinDays: 14 },
};

export interface FormMember {
  /** Client-generated, stable across versions: how trips, contacts and reviews name the member. */
  key: string;
  name: string;
  docType: DocumentType;
  docNumber: string;
  phone?: string | null | undefined;
  relationship: Relationship;
  /** 户籍地, as written. */
  hukouPlace?: string | null | undefined;
  /** 是否本地户籍 (Chengdu). */
  localHukou: boolean;
  /** Asked only when the document does not carry it (documentCarries); ignored otherwise. */
  gender?: 'male' | 'female' | null | undefined;
  /** Asked only when the document does not carry it (documentCarries); ignored otherwise. */
  birthDate?: string | null | undefined;
  /** Only for members whose answers put them in a category (or everyone, in an "ask everyone" campaign). */
  health?: { temperature: number; symptoms: string[] } | null | undefined;
}

export interface Trip {
  place: string;
  /** When `place` is 其他地区. */
  otherPlace?: string | null | undefined;
  /** The day they arrived back. */
  returnDate: string;
  transport: Transport;
  /** 车次/航班/车牌. */
  transportNo?: string | null | undefined;
  /** Member keys of those who made the trip. */
  members: string[];
}

export interface FamilyForm {
  /** A listed dwelling, or a free-text address the grid worker resolves. */
  dwellingId?: string | null | undefined;
  courtyardId?: string | null | undefined;
  address?: string | null | undefined;
  livingType: LivingType;
  members: FormMember[];
  trips: Trip[];
  /** Members who had contact with a confirmed or suspected case, and when last. */
  contacts: { member: string; lastContact: string }[];
}

export interface CategoryWithCriteria {
  key: string;
  label: string;
  criteria: ExposureCriteria | null;
}

export interface MemberExposure {
  key: string;
  categories: string[];
  /** The last contact with a case, for close contacts (their period counts from it). */
  lastContact: string | null;
}

/** Which of the categories in force each member's answers put them in, on `day`. */
export function exposures(
  form: Pick<FamilyForm, 'members' | 'trips' | 'contacts'>,
  categories: CategoryWithCriteria[],
  day: string,
): MemberExposure[] {
  const windows = categories.map((c) => (c.criteria ? addDays(day, -c.criteria.withinDays) : ''));
  return form.members.map((m) => {
    const keys: string[] = [];
    let lastContact: string | null = null;
    for (const [i, c] of categories.entries()) {
      const k = c.criteria;
      if (!k) continue;
      const since = windows[i]!;
      if (k.kind === 'travel') {
        if (k.who === 'local' && !m.localHukou) continue;
        if (k.who === 'non_local' && m.localHukou) continue;
        if (
          form.trips.some(
            (t) =>
              t.members.includes(m.key) && k.places.includes(t.place) && t.returnDate > since && t.returnDate <= day,
          )
        )
          keys.push(c.key);
      } else {
        const contact = form.contacts
          .filter((x) => x.member === m.key && x.lastContact > since && x.lastContact <= day)
          .map((x) => x.lastContact)
          .sort()
          .pop();
        if (contact) {
          keys.push(c.key);
          lastContact = contact;
        }
      }
    }
    return { key: m.key, categories: keys, lastContact };
  });
}

/** Whether a member is asked for temperature and symptoms (minimum necessary, BRIEF §8). */
export function asksHealth(exposure: MemberExposure | undefined, askEveryone: boolean): boolean {
  return askEveryone || (exposure?.categories.length ?? 0) > 0;
}

export interface FormProblem {
  field: string;
  reason: string;
}

const NAME = /^[\p{L}\p{M}·•. '-]{2,30}$/u;

/** A member's name as kept (the shared name normaliser), or null when it is refused. */
function memberName(raw: string): string | null {
  const n = normaliseName(raw, PERSON_NAME);
  return n.ok ? n.value : null;
}

/** Why a member's name is refused: the normaliser's reason (an invisible character …), else `name` (2–30 letters). */
function nameProblem(raw: string): string | null {
  const n = normaliseName(raw, PERSON_NAME);
  if (!n.ok) return n.reason === 'too_long' || n.reason === 'too_short' ? 'name' : n.reason;
  return NAME.test(n.value) ? null : 'name';
}

/**
 * Every check of the form, the phone's and the server's: one head listed first,
 * documents by GB 11643 (and the other types' rules), phones, no document twice,
 * trips within 30 days naming members of the family, temperatures in range for
 * those who are asked. Field paths are relative to the form: `members.1.docNumber`.
 */
export function checkFamilyForm(
  form: FamilyForm,
  input: { day: string; categories: CategoryWithCriteria[]; askEveryone: boolean; dwellingListed: boolean },
): FormProblem[] {
  const problems: FormProblem[] = [];
  const add = (field: string, reason: string) => problems.push({ field, reason });
  if (!form.dwellingId && !(form.address && form.address.trim().length >= 4))
    add(input.dwellingListed ? 'dwellingId' : 'address', 'address_needed');
  if (form.members.length === 0) add('members', 'required');
  const heads = form.members.filter((m) => m.relationship === 'head').length;
  if (form.members.length > 0 && (heads !== 1 || form.members[0]!.relationship !== 'head'))
    add('members.0.relationship', 'one_head');
  const seen = new Map<string, number>();
  const keys = new Set(form.members.map((m) => m.key));
  const exp = exposures(form, input.categories, input.day);
  form.members.forEach((m, i) => {
    const at = `members.${i}.`;
    const nameWhy = nameProblem(m.name);
    if (nameWhy) add(`${at}name`, nameWhy);
    const doc = checkDocument(m.docType, m.docNumber, input.day);
    if (!doc.ok) for (const p of doc.problems) add(`${at}docNumber`, p);
    else {
      const id = `${m.docType}:${doc.number}`;
      if (seen.has(id)) add(`${at}docNumber`, 'duplicate_document');
      seen.set(id, i);
    }
    const carries = documentCarries(m.docType);
    if (!carries.gender && !m.gender) add(`${at}gender`, 'gender_needed');
    if (!carries.birthDate) {
      const birth = m.birthDate?.trim() ?? '';
      const why = birth === '' ? 'birth_date_needed' : checkBirthDay(birth, input.day);
      if (why) add(`${at}birthDate`, why);
    }
    if (m.phone != null && m.phone.trim() !== '' && !checkPhone(m.phone).ok) add(`${at}phone`, 'phone_format');
    if (i === 0 && (m.phone == null || m.phone.trim() === '')) add(`${at}phone`, 'required');
    if (asksHealth(exp[i], input.askEveryone)) {
      if (!m.health) add(`${at}health.temperature`, 'required_health');
      else {
        const t = checkTemperature(m.health.temperature);
        if (t === 'out_of_range' || t === 'not_a_number') add(`${at}health.temperature`, 'temperature_range');
        if (t === 'too_precise') add(`${at}health.temperature`, 'temperature_precision');
        m.health.symptoms.forEach((s, j) => {
          if (!(SYMPTOMS as readonly string[]).includes(s)) add(`${at}health.symptoms.${j}`, 'unknown_symptom');
        });
      }
    }
  });
  const oldest = addDays(input.day, -30);
  form.trips.forEach((t, i) => {
    const at = `trips.${i}.`;
    if (
      !(PLACES as readonly string[]).includes(t.place) ||
      (t.place === OTHER_PLACE && !(t.otherPlace && t.otherPlace.trim()))
    )
      add(`${at}place`, 'unknown_place');
    if (t.returnDate > input.day) add(`${at}returnDate`, 'return_after_today');
    else if (t.returnDate < oldest) add(`${at}returnDate`, 'return_too_old');
    if (t.members.length === 0 || t.members.some((k) => !keys.has(k))) add(`${at}members`, 'unknown_member');
  });
  form.contacts.forEach((c, i) => {
    if (!keys.has(c.member)) add(`contacts.${i}.member`, 'unknown_member');
    if (c.lastContact > input.day) add(`contacts.${i}.lastContact`, 'return_after_today');
    else if (c.lastContact < oldest) add(`contacts.${i}.lastContact`, 'return_too_old');
  });
  return problems;
}

/**
 * The form with what the resident was not asked removed: health answers of members
 * no category applies to (minimum necessary, BRIEF §8), numbers tidied as stored.
 */
export function minimiseForm(
  form: FamilyForm,
  day: string,
  categories: CategoryWithCriteria[],
  askEveryone: boolean,
): FamilyForm {
  const exp = exposures(form, categories, day);
  return {
    ...form,
    members: form.members.map((m, i) => {
      const doc = checkDocument(m.docType, m.docNumber, day);
      const phone = m.phone ? checkPhone(m.phone) : null;
      const carries = documentCarries(m.docType);
      return {
        ...m,
        name: memberName(m.name) ?? m.name.trim(),
        docNumber: doc.ok ? doc.number : m.docNumber,
        phone: phone?.ok ? phone.number : (m.phone ?? null),
        // What the document carries is taken from it, never from an answer that could contradict it.
        gender: carries.gender ? null : (m.gender ?? null),
        birthDate: carries.birthDate ? null : (m.birthDate?.trim() ?? null),
        health: asksHealth(exp[i], askEveryone) ? (m.health ?? null) : null,
      };
    }),
  };
}

export interface Change {
  path: string;
  before: unknown;
  after: unknown;
}

/** What changed between two versions: members are matched by their key, not their position; absent equals null. */
export function diffForms(before: FamilyForm, after: FamilyForm): Change[] {
  const out: Change[] = [];
  const flat = (prefix: string, a: unknown, b: unknown) => {
    // An absent answer and an empty one (null) are the same answer.
    if (JSON.stringify(a ?? null) === JSON.stringify(b ?? null)) return;
    const isObj = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
    if (isObj(a) && isObj(b)) {
      const ka = Object.keys(a as object);
      const kb = Object.keys(b as object);
      for (const k of [...new Set([...ka, ...kb])])
        flat(`${prefix}.${k}`, (a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]);
      return;
    }
    out.push({ path: prefix.replace(/^\./, ''), before: a ?? null, after: b ?? null });
  };
  for (const k of ['dwellingId', 'courtyardId', 'address', 'livingType'] as const)
    flat(k, before[k] ?? null, after[k] ?? null);
  const byKey = new Map(before.members.map((m) => [m.key, m]));
  const afterKeys = new Set(after.members.map((m) => m.key));
  for (const m of after.members) flat(`members[${m.key}]`, byKey.get(m.key) ?? null, m);
  for (const m of before.members) if (!afterKeys.has(m.key)) flat(`members[${m.key}]`, m, null);
  flat('trips', before.trips, after.trips);
  flat('contacts', before.contacts, after.contacts);
  return out;
}

/** A family code: 8 characters without look-alikes (0/O, 1/I/L), read out over the phone. */
export const FAMILY_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const FAMILY_CODE = /^[2-9A-HJKMNP-Z]{8}$/;

/**
 * Whether a client-chosen edit secret looks like what the phone page makes (32 random
 * bytes, 43 base64url characters): at least 32 characters, at least 12 different ones,
 * none making up more than a quarter, and not mostly a run of consecutive characters.
 * A random secret of 32 characters fails this about once in 10¹⁰; `aaaa…`, `abab…` or
 * `ABCDEFGH…` always do. The edit link is the secret: a guessable one opens a family's
 * answers to anyone.
 */
export function isStrongSecret(s: string): boolean {
  if (s.length < 32) return false;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  if (counts.size < 12 || Math.max(...counts.values()) > s.length / 4) return false;
  let consecutive = 0;
  for (let i = 1; i < s.length; i++) if (Math.abs(s.charCodeAt(i) - s.charCodeAt(i - 1)) === 1) consecutive++;
  return consecutive < (s.length - 1) / 2;
}
