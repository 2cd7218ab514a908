/**
 * The form as the page holds it (answers still being typed: temperatures as text,
 * yes/no questions not yet answered) and its conversion to the API's family form.
 * Checks are the shared domain rules (checkFamilyForm, the server's own) plus the
 * few that only exist on the page (an unanswered question, an empty date).
 */
import { documentCarries, type DocumentType } from '../../domain/id-number.js';
import {
  asksHealth,
  checkFamilyForm,
  exposures,
  type FamilyForm,
  type FormMember,
  type FormProblem,
  type LivingType,
  OTHER_PLACE,
  type Relationship,
  type Transport,
} from '../../domain/self-registration.js';
import type { CodeView } from './api.js';
import { memberKey } from './ids.js';

export interface MemberDraft {
  key: string;
  name: string;
  docType: DocumentType;
  docNumber: string;
  phone: string;
  /** Chosen by the resident (the head is always the first member). */
  relationship: Relationship | null;
  hukouPlace: string;
  localHukou: boolean;
  /** Asked only when the document does not carry it (documentCarries). */
  gender: 'male' | 'female' | null;
  /** YYYY-MM-DD, asked only when the document does not carry it. */
  birthDate: string;
  /** As typed; a number only when sent. */
  temperature: string;
  symptoms: string[];
}

export interface TripDraft {
  place: string;
  otherPlace: string;
  returnDate: string;
  transport: Transport | null;
  transportNo: string;
  members: string[];
}

export interface FormDraft {
  courtyardId: string | null;
  /** Where the dwelling picker stands (not sent). */
  buildingId: string | null;
  unitId: string | null;
  dwellingId: string | null;
  /** "3栋 2单元 301", for the summary (not sent). */
  dwellingLabel: string | null;
  unlisted: boolean;
  address: string;
  livingType: LivingType | null;
  members: MemberDraft[];
  travelled: boolean | null;
  trips: TripDraft[];
  contacted: boolean | null;
  contacts: { member: string; lastContact: string }[];
}

export const STEPS = ['dwelling', 'living', 'members', 'travel', 'health', 'confirm'] as const;
export type StepKey = (typeof STEPS)[number];
export const MAX_MEMBERS = 20;
export const MAX_TRIPS = 10;

export function newMember(relationship: Relationship | null): MemberDraft {
  return {
    key: memberKey(),
    name: '',
    docType: 'resident_id',
    docNumber: '',
    phone: '',
    relationship,
    hukouPlace: '',
    localHukou: true,
    gender: null,
    birthDate: '',
    temperature: '',
    symptoms: [],
  };
}

export function newTrip(): TripDraft {
  return { place: '', otherPlace: '', returnDate: '', transport: null, transportNo: '', members: [] };
}

export function emptyForm(code: CodeView): FormDraft {
  return {
    courtyardId: code.courtyards.length === 1 ? code.courtyards[0]!.id : null,
    buildingId: null,
    unitId: null,
    dwellingId: null,
    dwellingLabel: null,
    unlisted: code.courtyards.length === 0,
    address: '',
    livingType: null,
    members: [newMember('head')],
    travelled: null,
    trips: [],
    contacted: null,
    contacts: [],
  };
}

/** A stored submission, back into the page's shape (editing). */
export function fromFamilyForm(f: FamilyForm): FormDraft {
  return {
    courtyardId: f.courtyardId ?? null,
    buildingId: null,
    unitId: null,
    dwellingId: f.dwellingId ?? null,
    dwellingLabel: null,
    unlisted: !f.dwellingId,
    address: f.address ?? '',
    livingType: f.livingType,
    members: f.members.map((m) => ({
      key: m.key,
      name: m.name,
      docType: m.docType,
      docNumber: m.docNumber,
      phone: m.phone ?? '',
      relationship: m.relationship,
      hukouPlace: m.hukouPlace ?? '',
      localHukou: m.localHukou,
      gender: m.gender ?? null,
      birthDate: m.birthDate ?? '',
      temperature: m.health ? String(m.health.temperature) : '',
      symptoms: m.health?.symptoms ?? [],
    })),
    travelled: f.trips.length > 0,
    trips: f.trips.map((x) => ({
      place: x.place,
      otherPlace: x.otherPlace ?? '',
      returnDate: x.returnDate,
      transport: x.transport,
      transportNo: x.transportNo ?? '',
      members: x.members,
    })),
    contacted: f.contacts.length > 0,
    contacts: f.contacts.map((c) => ({ ...c })),
  };
}

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** The keys of the members asked for temperature and symptoms. */
export function askedKeys(draft: FormDraft, code: CodeView): Set<string> {
  const base = toFamilyForm(draft, code, new Set());
  const exp = exposures(base, code.categories, code.today);
  return new Set(base.members.filter((_, i) => asksHealth(exp[i], code.askEveryone)).map((m) => m.key));
}

/**
 * The API's family form. Health answers go only with the members who are asked
 * (`asked`; computed when omitted) — the others' are dropped (minimum necessary).
 */
export function toFamilyForm(d: FormDraft, code: CodeView, asked?: Set<string>): FamilyForm {
  const trips = d.travelled
    ? d.trips.map((x) => ({
        place: x.place,
        otherPlace: x.place === OTHER_PLACE ? orNull(x.otherPlace) : null,
        returnDate: x.returnDate,
        transport: x.transport ?? 'other',
        transportNo: orNull(x.transportNo),
        members: x.members,
      }))
    : [];
  const contacts = d.contacted ? d.contacts.map((c) => ({ ...c })) : [];
  const form: FamilyForm = {
    dwellingId: d.unlisted ? null : d.dwellingId,
    courtyardId: d.courtyardId,
    address: d.unlisted ? orNull(d.address) : null,
    livingType: d.livingType ?? 'owned',
    members: [],
    trips,
    contacts,
  };
  const ask = asked ?? askedKeys(d, code);
  form.members = d.members.map((m): FormMember => {
    const t = m.temperature.trim().replace(/[,，。]/g, '.');
    const carries = documentCarries(m.docType);
    return {
      key: m.key,
      name: m.name.trim(),
      docType: m.docType,
      docNumber: m.docNumber.trim(),
      phone: orNull(m.phone),
      relationship: m.relationship ?? 'other',
      hukouPlace: orNull(m.hukouPlace),
      localHukou: m.localHukou,
      ...(carries.gender ? {} : { gender: m.gender ?? null }),
      ...(carries.birthDate ? {} : { birthDate: orNull(m.birthDate ?? '') }),
      health: ask.has(m.key) && t !== '' ? { temperature: Number(t), symptoms: m.symptoms } : null,
    };
  });
  return form;
}

/** Every problem of the form: the page's own checks first, then the shared rules. */
export function problemsOf(d: FormDraft, code: CodeView): FormProblem[] {
  const out: FormProblem[] = [];
  if (!d.livingType) out.push({ field: 'livingType', reason: 'choose' });
  d.members.forEach((m, i) => {
    if (!m.relationship) out.push({ field: `members.${i}.relationship`, reason: 'choose' });
  });
  if (d.travelled === null) out.push({ field: 'travelled', reason: 'choose' });
  if (d.travelled) {
    if (d.trips.length === 0) out.push({ field: 'trips', reason: 'required' });
    d.trips.forEach((x, i) => {
      if (!x.returnDate) out.push({ field: `trips.${i}.returnDate`, reason: 'required' });
      if (!x.transport) out.push({ field: `trips.${i}.transport`, reason: 'choose' });
    });
  }
  if (d.contacted === null) out.push({ field: 'contacted', reason: 'choose' });
  if (d.contacted) {
    if (d.contacts.length === 0) out.push({ field: 'contacts', reason: 'unknown_member' });
    d.contacts.forEach((c, i) => {
      if (!c.lastContact) out.push({ field: `contacts.${i}.lastContact`, reason: 'required' });
    });
  }
  const form = toFamilyForm(d, code);
  return out.concat(
    checkFamilyForm(form, {
      day: code.today,
      categories: code.categories,
      askEveryone: code.askEveryone,
      dwellingListed: !d.unlisted,
    }),
  );
}

/** Which step asks for a field (server paths without their `form.` prefix too). */
export function stepOf(field: string): StepKey {
  if (/^(dwellingId|courtyardId|address)/.test(field)) return 'dwelling';
  if (field.startsWith('livingType')) return 'living';
  if (/^members\.\d+\.health/.test(field)) return 'health';
  if (field.startsWith('members')) return 'members';
  if (/^(trips|contacts|travelled|contacted)/.test(field)) return 'travel';
  return 'confirm';
}

/** The steps this form walks through: health only when someone is asked. */
export function stepsFor(d: FormDraft, code: CodeView): StepKey[] {
  const anyAsked = askedKeys(d, code).size > 0;
  return STEPS.filter((s) => s !== 'health' || anyAsked);
}

/** Removes a member and every mention of them. */
export function withoutMember(d: FormDraft, key: string): FormDraft {
  return {
    ...d,
    members: d.members.filter((m) => m.key !== key),
    trips: d.trips.map((x) => ({ ...x, members: x.members.filter((k) => k !== key) })),
    contacts: d.contacts.filter((c) => c.member !== key),
  };
}

/** The courtyards whose name contains every typed word (the chosen one always stays). */
export function matchingCourtyards<C extends { id: string; name: string }>(
  all: C[],
  search: string,
  chosen: string | null,
): C[] {
  const words = search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return all;
  return all.filter((c) => c.id === chosen || words.every((w) => c.name.toLowerCase().includes(w)));
}

/** "7KQ2 M9PX". */
export function spacedCode(code: string): string {
  return code.length === 8 ? `${code.slice(0, 4)} ${code.slice(4)}` : code;
}
