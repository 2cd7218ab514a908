/**
 * Identity document numbers (BRIEF §3). Pure rules shared by the server and the
 * console.
 *
 * GB 11643-1999 citizen identity number: 6-digit address code, 8-digit birth date,
 * 3-digit sequence (odd = male), check character: Σ(digit × weight) mod 11 mapped to
 * 1 0 X 9 8 7 6 5 4 3 2. The same 18-character form and check serve the residence
 * permits of Hong Kong, Macao and Taiwan residents (address code 810000 / 820000 /
 * 830000) and the 2023 foreign permanent residence ID card (first digit 9, MOD 11-2
 * check). 15-digit numbers issued before 1999 are accepted, upgraded to 18 digits and
 * flagged. Unknown address codes only warn.
 */
import { compact } from './text.js';

export const DOCUMENT_TYPES = [
  'resident_id',
  'hmt_residence_permit',
  'foreign_permanent_id',
  'passport',
  'other',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const DOCUMENT_TYPE_LABELS: Record<DocumentType, string> = {
  resident_id: '居民身份证',
  hmt_residence_permit: '港澳台居民居住证',
  foreign_permanent_id: '外国人永久居留身份证',
  passport: '护照',
  other: '其他证件',
};

export type IdProblem =
  | 'empty'
  | 'format'
  | 'checksum'
  | 'birth_date_invalid'
  | 'birth_date_future'
  | 'birth_date_too_old'
  | 'hmt_number_as_resident_id'
  | 'foreign_number_as_resident_id'
  | 'not_hmt_number'
  | 'not_foreign_number';

export type IdWarning = 'legacy_15_digit' | 'unknown_region';

export type IdCheck =
  | {
      ok: true;
      /** The number as stored: half-width, no spaces, upper-case X, 18 digits for the GB 11643 family. */
      number: string;
      birthDate: string | null;
      gender: 'male' | 'female' | null;
      warnings: IdWarning[];
    }
  | { ok: false; number: string; problems: IdProblem[] };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The check character of the first 17 digits. */
export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** Province-level address codes of GB/T 2260 (plus 71 Taiwan, 81 Hong Kong, 82 Macao). */
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);

const HMT_PREFIXES = ['810000', '820000', '830000'];

function realDate(yyyymmdd: string): Date | null {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date : null;
}

/** 15-digit (1984–1999) numbers: century 19 inserted, check character computed. */
export function upgradeLegacy(fifteen: string): string {
  const first17 = `${fifteen.slice(0, 6)}19${fifteen.slice(6, 15)}`;
  return first17 + checkCharacter(first17);
}

/**
 * Checks an 18-character GB 11643-family number. `today` is the Asia/Shanghai
 * calendar day (YYYY-MM-DD) the birth date must not be after.
 */
function checkGb11643(number: string, today: string, withGender: boolean): IdCheck {
  if (!/^\d{17}[\dX]$/.test(number)) return { ok: false, number, problems: ['format'] };
  const problems: IdProblem[] = [];
  if (checkCharacter(number.slice(0, 17)) !== number[17]) problems.push('checksum');
  const birth = number.slice(6, 14);
  const date = realDate(birth);
  const iso = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
  if (!date) problems.push('birth_date_invalid');
  else if (iso > today) problems.push('birth_date_future');
  else if (Number(birth.slice(0, 4)) < 1880) problems.push('birth_date_too_old');
  if (problems.length) return { ok: false, number, problems };
  const gender = withGender ? (Number(number[16]) % 2 === 1 ? 'male' : 'female') : null;
  return { ok: true, number, birthDate: iso, gender, warnings: [] };
}

/**
 * What a document's number tells about its holder: GB 11643 numbers (resident ID,
 * HK/Macao/Taiwan residence permit) carry the birth date and gender, the foreign
 * permanent-residence card only the birth date, a passport or other document neither.
 * What the number does not carry has to be asked.
 */
export function documentCarries(type: DocumentType): { birthDate: boolean; gender: boolean } {
  if (type === 'resident_id' || type === 'hmt_residence_permit') return { birthDate: true, gender: true };
  if (type === 'foreign_permanent_id') return { birthDate: true, gender: false };
  return { birthDate: false, gender: false };
}

/**
 * A birth date given apart from the document (YYYY-MM-DD): a real day, not after
 * `today`, not before 1880. Returns why not (a field reason), or null.
 */
export function checkBirthDay(iso: string, today: string): 'date_not_real' | 'future_day' | 'too_early' | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || !realDate(iso.replace(/-/g, ''))) return 'date_not_real';
  if (iso > today) return 'future_day';
  if (Number(iso.slice(0, 4)) < 1880) return 'too_early';
  return null;
}

export function checkDocument(type: DocumentType, raw: string, today: string): IdCheck {
  let number = compact(raw).toUpperCase();
  if (number === '') return { ok: false, number, problems: ['empty'] };
  if (type === 'passport' || type === 'other') {
    return /^[A-Z0-9][A-Z0-9-]{2,29}$/.test(number)
      ? { ok: true, number, birthDate: null, gender: null, warnings: [] }
      : { ok: false, number, problems: ['format'] };
  }
  const warnings: IdWarning[] = [];
  if (type === 'resident_id' && /^\d{15}$/.test(number)) {
    number = upgradeLegacy(number);
    warnings.push('legacy_15_digit');
  }
  const hmt = HMT_PREFIXES.includes(number.slice(0, 6));
  const foreign = number.startsWith('9');
  if (type === 'resident_id' && hmt) return { ok: false, number, problems: ['hmt_number_as_resident_id'] };
  if (type === 'resident_id' && foreign) return { ok: false, number, problems: ['foreign_number_as_resident_id'] };
  if (type === 'hmt_residence_permit' && !hmt) return { ok: false, number, problems: ['not_hmt_number'] };
  if (type === 'foreign_permanent_id' && !foreign) return { ok: false, number, problems: ['not_foreign_number'] };
  const result = checkGb11643(number, today, type !== 'foreign_permanent_id');
  if (!result.ok) return result;
  if (type === 'resident_id' && !PROVINCES.has(number.slice(0, 2))) warnings.push('unknown_region');
  return { ...result, warnings };
}

export function isGb11643Family(type: DocumentType): boolean {
  return type === 'resident_id' || type === 'hmt_residence_permit' || type === 'foreign_permanent_id';
}
