/**
 * Phone numbers, stored as text (BRIEF §3): mainland mobiles `^1[3-9]\d{9}$`
 * (16x and 19x included) with an optional +86 / 0086 / 86 prefix, and landlines
 * with their area code (028-8485 1234). Spaces, dashes, dots, brackets and
 * full-width digits are tidied away before checking.
 */
import { toHalfWidth } from './text.js';

export type PhoneCheck =
  | { ok: true; number: string; kind: 'mobile' | 'landline' }
  | { ok: false; number: string; problem: 'empty' | 'format' };

export function checkPhone(raw: string): PhoneCheck {
  let n = toHalfWidth(raw).replace(/[\s\-.()（）]/g, '');
  if (n === '') return { ok: false, number: n, problem: 'empty' };
  const international = n.match(/^(?:\+86|0086|86)(1\d{10})$/);
  if (international) n = international[1]!;
  if (/^1[3-9]\d{9}$/.test(n)) return { ok: true, number: n, kind: 'mobile' };
  // Area codes 010 and 020–029 have three digits, all others four (0311, 0832 …).
  const landline = n.match(/^(0[12]\d|0[3-9]\d{2})([2-9]\d{6,7})$/);
  if (landline) return { ok: true, number: `${landline[1]}-${landline[2]}`, kind: 'landline' };
  return { ok: false, number: n, problem: 'format' };
}
