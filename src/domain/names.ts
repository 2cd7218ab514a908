/**
 * Names of persons and places, however they are written (the console, the phone form,
 * a ledger import): one normaliser, shared by the server's schemas, the imports and the
 * phone page's inline checks.
 *
 * Normalised: Unicode NFC (a decomposed 'é' and the composed one are one name), every
 * run of whitespace (the ideographic space U+3000, no-break spaces, tabs, line breaks)
 * made one space, none at the ends. So '阿不都·热合曼' (U+00B7) and 'John Smith' pass as
 * written, and '张三' with ideographic spaces around it is '张三'.
 *
 * Refused, never silently removed (what a name looked like to the person typing it is
 * what is kept, or they are told why not):
 *  - format characters (general category Cf): zero-width spaces and joiners U+200B–U+200D,
 *    the direction marks and bidi overrides U+200E–U+200F, U+202A–U+202E, U+2066–U+2069,
 *    the byte-order mark U+FEFF, the soft hyphen U+00AD … — and the Hangul fillers, letters
 *    that draw nothing (used for "blank" names): `invisible_character`;
 *  - control characters (Cc) other than whitespace, C1 included: `control_character`;
 *  - noncharacters (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF) and lone surrogates: `invalid_character`;
 *  - a name with no letter or digit left (empty, only spaces, only marks or dots): `name_empty`;
 *  - outside its length in characters (code points, as PostgreSQL's length() counts):
 *    `too_short`, `too_long`.
 * Allowed: private-use characters (U+E000–U+F8FF and the private planes). Rare characters
 * of real names (生僻字) not yet in Unicode are written with them by the household
 * registration system and by GB 18030-2000 files; they are visible, so refusing them would
 * refuse real people. Unassigned code points are allowed too: a character newer than the
 * engine's Unicode tables (a new CJK extension) is not refused for being new.
 */

export type NameReason =
  'name_empty' | 'invisible_character' | 'control_character' | 'invalid_character' | 'too_short' | 'too_long';

/** A length in characters (code points). */
export interface NameBounds {
  min: number;
  max: number;
}

/** Persons: residents, household members, contacts, account holders, the code's responsible person. */
export const PERSON_NAME: NameBounds = { min: 1, max: 50 };
/** Courtyards (小区/院落) and areas. */
export const PLACE_NAME: NameBounds = { min: 1, max: 100 };
/** Building, unit, room and isolation-room labels ("3栋", "2单元", "1-101"). */
export const PLACE_LABEL: NameBounds = { min: 1, max: 30 };

export type Normalised = { ok: true; value: string } | { ok: false; reason: NameReason };

const INVALID = /[\p{Cs}\p{Noncharacter_Code_Point}]/u;
const WHITESPACE = /\p{White_Space}+/gu;
const CONTROL = /\p{Cc}/u;
/** Format characters, and the Hangul fillers (letters that draw nothing). */
const INVISIBLE = /[\p{Cf}\u115F\u1160\u3164\uFFA0]/u;
const VISIBLE = /[\p{L}\p{N}]/u;
const HIDDEN = /[\p{Cs}\p{Noncharacter_Code_Point}\p{Cc}\p{Cf}\u115F\u1160\u3164\uFFA0]/gu;

/** The name as it is kept, or why it cannot be. */
export function normaliseName(raw: string, bounds: NameBounds): Normalised {
  if (INVALID.test(raw)) return { ok: false, reason: 'invalid_character' };
  const spaced = raw.normalize('NFC').replace(WHITESPACE, ' ');
  if (CONTROL.test(spaced)) return { ok: false, reason: 'control_character' };
  if (INVISIBLE.test(spaced)) return { ok: false, reason: 'invisible_character' };
  const value = spaced.replace(/^ | $/g, '');
  if (!VISIBLE.test(value)) return { ok: false, reason: 'name_empty' };
  const length = [...value].length;
  if (length < bounds.min) return { ok: false, reason: 'too_short' };
  if (length > bounds.max) return { ok: false, reason: 'too_long' };
  return { ok: true, value };
}

/** Whether a stored name is one the normaliser would keep exactly as it is. */
export function isNormalName(s: string, bounds: NameBounds): boolean {
  const n = normaliseName(s, bounds);
  return n.ok && n.value === s;
}

/** The text with every refused character shown as <U+200B> (for a report that quotes a refused value). */
export function revealHidden(s: string): string {
  return s.replace(HIDDEN, (c) => `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`);
}
