/**
 * Masking of personal data on the server (GB/T 35273 §7.2; BRIEF §8). A policy
 * table says, per field and role, whether a value is shown in full, masked or
 * hidden; a role that may reveal a field does so with a stated, audited reason.
 */
import type { Role } from './permissions.js';

/** 5101**********1234: first four and last four characters kept. */
export function maskIdNumber(n: string): string {
  if (n.length <= 8) return `${n.slice(0, 1)}${'*'.repeat(Math.max(n.length - 2, 1))}${n.slice(-1)}`;
  return `${n.slice(0, 4)}${'*'.repeat(n.length - 8)}${n.slice(-4)}`;
}

/** 138****5678 for mobiles; 028-****1234 for landlines. */
export function maskPhone(n: string): string {
  const landline = n.match(/^(0\d{2,3})-(\d+)$/);
  if (landline) return `${landline[1]}-${'*'.repeat(landline[2]!.length - 4)}${landline[2]!.slice(-4)}`;
  if (n.length < 7) return '*'.repeat(n.length);
  return `${n.slice(0, 3)}${'*'.repeat(n.length - 7)}${n.slice(-4)}`;
}

/** 张*明; 张* for two characters; 欧**锋 for longer; 买*·**力 keeps the separators of transliterated names. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return chars.map((c, i) => (i === 0 || i === chars.length - 1 || c === '·' || c === '•' ? c : '*')).join('');
}

export interface StructuredAddress {
  courtyard: string;
  building?: string | null;
  unit?: string | null;
  room?: string | null;
}

/** Down to the building: 三盛都会城 3栋 ** (unit and room withheld). */
export function maskAddress(a: StructuredAddress): string {
  return [a.courtyard, a.building, a.unit || a.room ? '**' : null].filter(Boolean).join(' ');
}

export const PERSONAL_FIELDS = ['name', 'idNumber', 'phone', 'address', 'birthDate'] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];
export type Visibility = 'full' | 'masked' | 'hidden';

/**
 * What each role sees by default. `address` masked means "to building level": only a
 * grid worker sees full addresses, and only in their own grid (their scope).
 */
export const MASKING_POLICY: Record<Role, Record<PersonalField, Visibility>> = {
  grid_worker: { name: 'full', idNumber: 'masked', phone: 'full', address: 'full', birthDate: 'full' },
  community_staff: { name: 'full', idNumber: 'masked', phone: 'masked', address: 'masked', birthDate: 'full' },
  street_staff: { name: 'masked', idNumber: 'masked', phone: 'masked', address: 'masked', birthDate: 'masked' },
  district_staff: { name: 'masked', idNumber: 'masked', phone: 'masked', address: 'masked', birthDate: 'masked' },
  district_commander: { name: 'masked', idNumber: 'masked', phone: 'masked', address: 'masked', birthDate: 'masked' },
  system_admin: { name: 'masked', idNumber: 'masked', phone: 'masked', address: 'masked', birthDate: 'masked' },
  medical_officer: { name: 'full', idNumber: 'masked', phone: 'full', address: 'masked', birthDate: 'full' },
  checkpoint_officer: { name: 'masked', idNumber: 'masked', phone: 'hidden', address: 'hidden', birthDate: 'hidden' },
  service_commissioner: { name: 'hidden', idNumber: 'hidden', phone: 'hidden', address: 'hidden', birthDate: 'hidden' },
  enterprise: { name: 'hidden', idNumber: 'hidden', phone: 'hidden', address: 'hidden', birthDate: 'hidden' },
};

/** Roles that may reveal a masked field of a record in their scope, with a reason. */
export const MAY_REVEAL: Record<Role, readonly PersonalField[]> = {
  grid_worker: ['idNumber'],
  community_staff: ['idNumber', 'phone', 'address'],
  street_staff: ['name', 'idNumber', 'phone', 'address', 'birthDate'],
  district_staff: ['name', 'idNumber', 'phone', 'address', 'birthDate'],
  district_commander: ['name', 'phone'],
  system_admin: [],
  medical_officer: ['idNumber', 'address'],
  checkpoint_officer: [],
  service_commissioner: [],
  enterprise: [],
};

export function visibility(role: Role, field: PersonalField): Visibility {
  return MASKING_POLICY[role][field];
}

/** Masks a birth date to its year: 1949-**-**. */
export function maskBirthDate(iso: string): string {
  return `${iso.slice(0, 4)}-**-**`;
}

/**
 * A full address is shown only inside one's own grid: a role whose policy shows
 * addresses in full sees them so for records of the grid that is its scope (a grid
 * worker's own grid), and to building level anywhere else.
 */
export function addressVisibility(role: Role, ownGrid: boolean): Visibility {
  const v = visibility(role, 'address');
  return v === 'full' && !ownGrid ? 'masked' : v;
}

/** A record lies in the actor's own grid when its grid is the actor's scope area itself. */
export function isOwnGrid(actorAreaPath: string, recordGridPath: string): boolean {
  return actorAreaPath === recordGridPath;
}

/** An address written as text (not in the registry): its first six characters, then **. */
export function maskWrittenAddress(text: string): string {
  return `${[...text].slice(0, 6).join('')}**`;
}

/** The masks of the personal fields that are single values. */
export const MASKS: Record<Exclude<PersonalField, 'address'>, (v: string) => string> = {
  name: maskName,
  idNumber: maskIdNumber,
  phone: maskPhone,
  birthDate: maskBirthDate,
};
