/**
 * i18next set-up: zh-CN by default, en-US on request. The choice persists in
 * localStorage ("ss.lang") and drives antd's and dayjs's locales as well as the
 * Accept-Language header of API calls.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import { enUS } from './en-US.js';
import { zhCN } from './zh-CN.js';

export const LANGUAGES = ['zh-CN', 'en-US'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANG_STORAGE_KEY = 'ss.lang';

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(LANG_STORAGE_KEY);
    if (isLanguage(value)) return value;
  } catch {
    // Storage may be unavailable (private mode); fall back to the default.
  }
  return 'zh-CN';
}

function applyDocumentLanguage(lang: Language): void {
  document.documentElement.lang = lang;
  dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
}

const initial = storedLanguage();

void i18next.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
  lng: initial,
  fallbackLng: 'zh-CN',
  supportedLngs: [...LANGUAGES],
  // Keys such as "action.auth.login" are flat strings, not nested paths.
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});
applyDocumentLanguage(initial);

export const i18n = i18next;

export function currentLanguage(): Language {
  const lang = i18next.language;
  return isLanguage(lang) ? lang : 'zh-CN';
}

export async function changeLanguage(lang: Language): Promise<void> {
  try {
    window.localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // Ignore: the choice then lasts for this page only.
  }
  applyDocumentLanguage(lang);
  await i18next.changeLanguage(lang);
}

/** Translate a key or fall back to the given raw value (unknown roles, actions, metrics…). */
export function tr(key: string, fallback: string, options?: Record<string, unknown>): string {
  return i18next.t(key, { defaultValue: fallback, ...options });
}
