/**
 * How one search box reads what was typed: a mobile's last 4 digits, a mobile number,
 * a document number, or else a name fragment. The server searches by it; the console
 * says how its results matched (and exports a name search by name) by the same rule.
 */
import { checkDocument } from './id-number.js';
import { checkPhone } from './phone.js';
import { compact } from './text.js';

export type SearchMatch =
  | { by: 'name'; text: string }
  | { by: 'document'; number: string }
  | { by: 'phone'; number: string }
  | { by: 'phone_tail'; tail: string };

/** `today` (YYYY-MM-DD, Asia/Shanghai) checks a resident ID's birth date; it does not change `by`. */
export function classifySearch(raw: string, today: string): SearchMatch {
  const s = compact(raw).toUpperCase();
  if (/^\d{4}$/.test(s)) return { by: 'phone_tail', tail: s };
  const phone = checkPhone(s);
  if (phone.ok && phone.kind === 'mobile' && /^\+?\d+$/.test(s)) return { by: 'phone', number: phone.number };
  if (/^[0-9A-Z-]{6,30}$/.test(s) && /\d/.test(s)) {
    const doc = checkDocument('resident_id', s, today);
    return { by: 'document', number: doc.ok ? doc.number : s };
  }
  return { by: 'name', text: raw.trim() };
}
