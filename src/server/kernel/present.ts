/**
 * Personal data as a viewer may see it: the one presenter every response that carries
 * a person, a household member or a submitted family goes through. The rules are the
 * domain's (`src/domain/masking.ts`: field × role → full / masked / hidden, and full
 * addresses only in one's own grid); this applies them to values, addresses and records.
 *
 * One meaning of hidden: `null`. A viewer is a signed-in actor (`presenter(c)`) or
 * nobody in particular (`MASKED`: everything masked — exports by default, public pages;
 * `UNMASKED` for an export its role may make unmasked, with a reason, audited).
 */
import {
  addressVisibility,
  isOwnGrid,
  MASKS,
  maskAddress,
  maskWrittenAddress,
  type PersonalField,
  type StructuredAddress,
  type Visibility,
  visibility,
} from '../../domain/masking.js';
import type { Role } from '../../domain/permissions.js';
import type { ActorContext } from './context.js';

export type ValueField = Exclude<PersonalField, 'address'>;
const VALUE_FIELDS: readonly ValueField[] = ['name', 'idNumber', 'phone', 'birthDate'];

/** Keys that carry personal values, in records (columns) and forms (camelCase). */
const KEY_FIELD: Record<string, ValueField> = {
  name: 'name',
  doc_number: 'idNumber',
  docNumber: 'idNumber',
  phone: 'phone',
  birth_date: 'birthDate',
  birthDate: 'birthDate',
};

export interface PresentedAddress {
  /** The address as the viewer may see it; null when hidden. */
  text: string | null;
  masked: boolean;
}

export interface Presenter {
  /** The value fields this viewer does not see in full (a response's `masked` list). */
  readonly masked: readonly ValueField[];
  /** One value: in full, masked, or null when hidden; null and undefined stay null. */
  value(field: ValueField, v: string | null | undefined): string | null;
  /** A registry address, in full only inside the viewer's own grid (`gridPath`: the record's grid). */
  address(parts: StructuredAddress, gridPath: string): PresentedAddress;
  /** An address a family wrote as text (not yet in the registry). */
  writtenAddress(text: string | null, gridPath: string): string | null;
  /**
   * A record or form, any depth: every string under a personal key (`name`, `doc_number`
   * / `docNumber`, `phone`, `birth_date` / `birthDate`) presented. `key` names the value
   * itself when it is not an object (a changed field at `members.0.phone`).
   */
  deep(v: unknown, key?: string): unknown;
}

type Viewer = { role: Role; areaPath: string } | 'masked' | 'full';

function make(viewer: Viewer): Presenter {
  const seen = (f: PersonalField): Visibility => (typeof viewer === 'string' ? viewer : visibility(viewer.role, f));
  const value = (field: ValueField, v: string | null | undefined): string | null => {
    if (v === null || v === undefined) return null;
    const how = seen(field);
    return how === 'full' ? v : how === 'masked' ? MASKS[field](v) : null;
  };
  const addressSeen = (gridPath: string): Visibility =>
    typeof viewer === 'string' ? viewer : addressVisibility(viewer.role, isOwnGrid(viewer.areaPath, gridPath));
  const deep = (v: unknown, key?: string): unknown => {
    if (v && typeof v === 'object')
      return Array.isArray(v)
        ? v.map((x) => deep(x, key))
        : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deep(x, k)]));
    const field = key === undefined ? undefined : KEY_FIELD[key.slice(key.lastIndexOf('.') + 1)];
    return field && typeof v === 'string' ? value(field, v) : v;
  };
  return {
    masked: VALUE_FIELDS.filter((f) => seen(f) !== 'full'),
    value,
    address(parts, gridPath) {
      const how = addressSeen(gridPath);
      if (how === 'hidden') return { text: null, masked: true };
      if (how === 'masked') return { text: maskAddress(parts), masked: true };
      return {
        text: [parts.courtyard, parts.building, parts.unit, parts.room].filter(Boolean).join(' '),
        masked: false,
      };
    },
    writtenAddress(text, gridPath) {
      if (text === null) return null;
      const how = addressSeen(gridPath);
      return how === 'full' ? text : how === 'masked' ? maskWrittenAddress(text) : null;
    },
    deep,
  };
}

const byActor = new WeakMap<object, Presenter>();

/** The signed-in actor's presenter: their role's policy, their grid for addresses. */
export function presenter(c: ActorContext): Presenter {
  let p = byActor.get(c.actor);
  if (!p) {
    p = make({ role: c.actor.role, areaPath: c.actor.areaPath });
    byActor.set(c.actor, p);
  }
  return p;
}

/** Everything masked, whoever asks: exports unless unmasked with a reason, public pages. */
export const MASKED: Presenter = make('masked');

/** Everything in full: only for an unmasked export its role permits, with a reason, audited. */
export const UNMASKED: Presenter = make('full');
