/**
 * Registry helpers for the console: the district's "today", client-generated ids,
 * and the shared document/phone rules (src/domain) turned into form feedback.
 */
import type { TFunction } from 'i18next';
import { checkDocument, isGb11643Family, type DocumentType, type IdCheck } from '../../domain/id-number.js';
import { checkPhone } from '../../domain/phone.js';
import { compact } from '../../domain/text.js';

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today in Asia/Shanghai as YYYY-MM-DD (whatever the browser's own zone). */
export function shanghaiToday(): string {
  return dayFormat.format(new Date());
}

/** A v4 UUID; crypto.randomUUID only exists in secure contexts, so fall back to getRandomValues. */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const DOC_TYPES: DocumentType[] = [
  'resident_id',
  'hmt_residence_permit',
  'foreign_permanent_id',
  'passport',
  'other',
];
export { isGb11643Family };
export type { DocumentType, IdCheck };

export function checkDoc(type: DocumentType, value: string | undefined | null): IdCheck {
  return checkDocument(type, value ?? '', shanghaiToday());
}

/**
 * Whether a GB 11643-family number is still being typed (only digits/X and shorter
 * than 18), so no error is shown yet.
 */
export function isIncomplete(type: DocumentType, value: string | undefined | null): boolean {
  if (!isGb11643Family(type)) return false;
  const s = compact(value ?? '').toUpperCase();
  return s.length > 0 && s.length < 18 && /^\d*X?$/.test(s);
}

/** The first problem of a check, in words. */
export function docProblemText(t: TFunction, check: IdCheck): string | null {
  if (check.ok) return null;
  const problem = check.problems[0] ?? 'format';
  return t(`doc.problem.${problem}`, { defaultValue: t('doc.problem.format') });
}

/** antd rule validator for a document number field. */
export function docNumberValidator(t: TFunction, getType: () => DocumentType | undefined) {
  return (_rule: unknown, value: unknown): Promise<void> => {
    const raw = typeof value === 'string' ? value : '';
    if (compact(raw) === '') return Promise.reject(new Error(t('doc.problem.empty')));
    const text = docProblemText(t, checkDoc(getType() ?? 'resident_id', raw));
    return text ? Promise.reject(new Error(text)) : Promise.resolve();
  };
}

/** antd rule validator for an optional phone field. */
export function phoneValidator(t: TFunction) {
  return (_rule: unknown, value: unknown): Promise<void> => {
    const raw = typeof value === 'string' ? value : '';
    if (compact(raw) !== '' && !checkPhone(raw).ok) return Promise.reject(new Error(t('phone.problem')));
    return Promise.resolve();
  };
}

/** The phone as the server stores it, or null. */
export function normalPhone(value: string | undefined | null): string | null {
  if (!value || compact(value) === '') return null;
  const check = checkPhone(value);
  return check.ok ? check.number : value.trim();
}

/** Tags commonly used by grid workers; free text is allowed as well. */
export const TAG_SUGGESTIONS = [
  '独居老人',
  '空巢老人',
  '留守儿童',
  '孕产妇',
  '残疾人',
  '慢性病患者',
  '低保户',
  '退役军人',
  '重点关注',
];

const CARE = /独居|空巢|留守|残疾|孕|慢性|低保|重点|老人|儿童|困难/;

/** A tag that marks a person to look after first (独居老人, 留守儿童 …), unlike plain labels such as 党员. */
export function isKeyTag(tag: string): boolean {
  return CARE.test(tag);
}

export function tagColor(tag: string): string {
  if (/独居|空巢|残疾|孕|慢性|重点|困难/.test(tag)) return 'volcano';
  if (isKeyTag(tag)) return 'orange';
  return 'blue';
}

export const OCCUPANCY_COLORS: Record<string, string> = {
  owned: 'green',
  rented: 'gold',
  lodging: 'cyan',
  temporary: 'purple',
};

/** "2020-02-03 – 2020-03-01" or "2020-02-03 起". */
export function period(t: TFunction, start: string | null | undefined, end: string | null | undefined): string {
  if (!start) return t('common.none');
  return end ? `${start} – ${end}` : `${start} – ${t('dwelling.current')}`;
}
