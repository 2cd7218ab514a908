/** What a rule applies to: an exposure category key, or `status:<status>`. */
import type { TFunction } from 'i18next';
import type { CategoryDto } from '../types.js';
import { categoryLabel, statusLabel } from '../labels.js';

export const STATUS_PREFIX = 'status:';

/** "密接" for a category, "状态：密切接触者" for a status. */
export function subjectLabel(t: TFunction, appliesTo: string, categories: CategoryDto[] = []): string {
  if (appliesTo.startsWith(STATUS_PREFIX))
    return t('rules.subject.status', { status: statusLabel(t, appliesTo.slice(STATUS_PREFIX.length)) });
  return categoryLabel(t, appliesTo, categories.find((c) => c.key === appliesTo)?.label);
}

/** "14 天" or "按检测结果" (0 days: the end depends on tests only). */
export function daysText(t: TFunction, days: number): string {
  return days > 0 ? t('rules.daysValue', { days }) : t('rules.daysTests');
}

export const NOTE_MIN = 4;
export const NOTE_MAX = 500;

/** The revision note's rules: required, 4–500 characters after trimming (as the server checks). */
export function noteRules(t: TFunction) {
  return [
    { required: true, whitespace: true, message: t('rules.noteRequired') },
    { min: NOTE_MIN, max: NOTE_MAX, message: t('rules.noteLength', { min: NOTE_MIN, max: NOTE_MAX }) },
  ];
}
