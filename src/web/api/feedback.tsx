/**
 * Error and success feedback outside React render paths. antd 6's static
 * message/notification functions ignore ConfigProvider, so the instances from
 * App.useApp() are captured by <FeedbackBridge/> and used from here.
 */
import { App } from 'antd';
import type { FormInstance } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface.js';
import type { NotificationInstance } from 'antd/es/notification/interface.js';
import { i18n } from '../i18n/index.js';
import { ApiError } from './client.js';

let messageApi: MessageInstance | null = null;
let notificationApi: NotificationInstance | null = null;

export function FeedbackBridge(): null {
  const app = App.useApp();
  messageApi = app.message;
  notificationApi = app.notification;
  return null;
}

export function toastSuccess(text: string): void {
  void messageApi?.success(text);
}

/** A field problem's message in the console's language. */
export function fieldLabel(field: ApiError['fields'][number]): string {
  const lang = i18n.language === 'en-US' ? 'en' : 'zh-CN';
  return field.messages[lang] ?? field.messages['zh-CN'] ?? field.reason;
}

/** Error codes that are really about one form field, when the form has it. */
const CODE_FIELDS: Record<string, string> = {
  USERNAME_TAKEN: 'username',
  AREA_CODE_TAKEN: 'code',
  WRONG_PASSWORD: 'currentPassword',
  ROLE_SCOPE_MISMATCH: 'areaId',
};

/**
 * Puts the server's per-field problems onto the antd form's fields. Returns the
 * problems whose field the form does not have.
 */
export function applyFieldErrors(form: FormInstance, err: unknown): ApiError['fields'] {
  if (!(err instanceof ApiError)) return [];
  // Server paths are dotted ("members.0.person.docNumber"); antd matches name paths
  // element by element (0 !== '0'), so map each server path back to the form's own path.
  const paths = new Map(form.getFieldsError().map((f) => [f.name.join('.'), f.name]));
  const known = new Set(paths.keys());
  const codeField = CODE_FIELDS[err.code];
  if (err.fields.length === 0) {
    if (codeField && known.has(codeField))
      form.setFields([{ name: paths.get(codeField) ?? codeField, errors: [err.localized()] }]);
    return [];
  }
  const grouped = new Map<string, string[]>();
  const unmatched: ApiError['fields'] = [];
  for (const field of err.fields) {
    if (!known.has(field.field)) {
      unmatched.push(field);
      continue;
    }
    grouped.set(field.field, [...(grouped.get(field.field) ?? []), fieldLabel(field)]);
  }
  form.setFields([...grouped].map(([name, errors]) => ({ name: paths.get(name) ?? name.split('.'), errors })));
  return unmatched;
}

/** Shows any error to the user in the current language; with a form, maps field errors first. */
export function showError(err: unknown, form?: FormInstance): void {
  const t = i18n.t.bind(i18n);
  if (!(err instanceof ApiError)) {
    if (err instanceof DOMException && err.name === 'AbortError') return;
    console.error(err);
    void messageApi?.error(t('error.title'));
    return;
  }
  // A 401 redirects to the login page, where the session-ended notice is shown.
  if (err.status === 401 && err.code !== 'INVALID_CREDENTIALS') return;
  if (err.code === 'NETWORK') {
    void messageApi?.error(t('error.network'));
    return;
  }
  const unmatched = form ? applyFieldErrors(form, err) : err.fields;
  // An error already shown under its form field needs no second toast.
  const codeField = CODE_FIELDS[err.code];
  if (form && codeField && err.fields.length === 0 && form.getFieldError(codeField).length > 0) return;
  const text = err.localized();
  if (err.code === 'INTERNAL' || err.status >= 500 || unmatched.length > 0) {
    const lines = unmatched.map((f) => `${f.field}: ${fieldLabel(f)}`);
    if (err.requestId && (err.code === 'INTERNAL' || err.status >= 500)) {
      lines.push(t('error.requestId', { id: err.requestId }));
    }
    notificationApi?.error({
      title: text,
      description: lines.length ? lines.map((line) => <div key={line}>{line}</div>) : undefined,
      duration: 8,
    });
    return;
  }
  void messageApi?.error(text);
}
