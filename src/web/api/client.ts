/**
 * The one way the console talks to the server: JSON over fetch with the session
 * cookie, the CSRF token on writes, Accept-Language, and typed errors.
 */
import { currentLanguage } from '../i18n/index.js';

export interface ApiFieldError {
  field: string;
  reason: string;
  messages: Partial<Record<'zh-CN' | 'en', string>>;
}

interface ErrorBody {
  error?: {
    code?: string;
    message?: string;
    messages?: Partial<Record<'zh-CN' | 'en', string>>;
    requestId?: string;
    fields?: ApiFieldError[];
    details?: Record<string, unknown>;
  };
}

/** A failed API call. `code` is the server's stable error code, or NETWORK / BAD_RESPONSE. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly messages: Partial<Record<'zh-CN' | 'en', string>> = {},
    readonly requestId: string | null = null,
    readonly fields: ApiFieldError[] = [],
    readonly details: Record<string, unknown> | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The message in the console's current language. */
  localized(): string {
    const lang = currentLanguage() === 'en-US' ? 'en' : 'zh-CN';
    return this.messages[lang] ?? this.messages['zh-CN'] ?? this.message;
  }
}

export function isApiError(err: unknown, code?: string): err is ApiError {
  return err instanceof ApiError && (code === undefined || err.code === code);
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type SessionListener = (reason: 'unauthenticated' | 'password_change_required') => void;
let sessionListener: SessionListener | null = null;
/** The session provider registers here to react to 401s and forced password changes. */
export function onSessionProblem(listener: SessionListener | null): void {
  sessionListener = listener;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Do not treat a 401 as "session over" (login and the initial /api/me probe). */
  quietAuth?: boolean;
  signal?: AbortSignal;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLanguage(),
  };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (WRITES.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : 'network error');
  }

  if (response.status === 204) return undefined as T;
  return settle<T>(
    response.status,
    await response.text(),
    response.headers.get('x-request-id'),
    response.statusText,
    options.quietAuth,
  );
}

/** Parses a JSON error body into an ApiError (status text when the body says nothing). */
export function errorFrom(status: number, text: string, requestId: string | null, statusText = ''): ApiError {
  let data: unknown = undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (a proxy's error page): keep the status only.
  }
  const e = ((data ?? {}) as ErrorBody).error ?? {};
  return new ApiError(
    status,
    e.code ?? `HTTP_${status}`,
    e.message ?? (statusText || `HTTP ${status}`),
    e.messages ?? {},
    e.requestId ?? requestId,
    Array.isArray(e.fields) ? e.fields : [],
    e.details ?? null,
  );
}

/** Tells the session about 401s and forced password changes. */
function notifySession(error: ApiError, quietAuth?: boolean): void {
  if (error.status === 401 && !quietAuth) sessionListener?.('unauthenticated');
  if (error.code === 'PASSWORD_CHANGE_REQUIRED') sessionListener?.('password_change_required');
}

/** A response body (status and text) as the caller's data, or a rejected ApiError. */
function settle<T>(
  status: number,
  text: string,
  requestId: string | null,
  statusText: string,
  quietAuth?: boolean,
): Promise<T> {
  if (status >= 200 && status < 300) {
    if (!text) return Promise.resolve(undefined as T);
    try {
      return Promise.resolve(JSON.parse(text) as T);
    } catch {
      return Promise.reject(new ApiError(status, 'BAD_RESPONSE', 'response is not JSON'));
    }
  }
  const error = errorFrom(status, text, requestId, statusText);
  notifySession(error, quietAuth);
  return Promise.reject(error);
}

/**
 * A multipart upload (FormData) with the CSRF token, reporting upload progress.
 * The browser sets Content-Type with the multipart boundary itself.
 */
export function upload<T>(
  path: string,
  form: FormData,
  options: { onProgress?: (percent: number) => void; signal?: AbortSignal } = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', currentLanguage());
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) options.onProgress?.(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      settle<T>(xhr.status, xhr.responseText, xhr.getResponseHeader('x-request-id'), xhr.statusText).then(
        resolve,
        reject,
      );
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'network error'));
    xhr.onabort = () => reject(new DOMException('upload aborted', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

/** The file name of a download: RFC 5987 filename* first, then filename. */
export function dispositionFilename(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[2]!.trim().replace(/^"|"$/g, ''));
    } catch {
      // Malformed escape: fall through to the plain name.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain ? plain[1]!.trim() : fallback;
}

/**
 * Downloads a file from a GET endpoint: fetched first so a refusal (403, 400…)
 * arrives as an ApiError to show, then saved under the server's file name.
 */
/**
 * Downloads a file. With `preflight`, the server first checks the request
 * (`check=true`: permission, scope, reason) so a refusal shows as a message, and the
 * file itself then streams straight to disk through an ordinary link — a
 * district-wide export never sits in the page's memory. Without it, the file is
 * fetched and saved from memory (small files such as error reports).
 */
export async function download(
  url: string,
  fallbackName = 'download',
  options: { preflight?: boolean } = {},
): Promise<string> {
  const probe = options.preflight ? `${url}${url.includes('?') ? '&' : '?'}check=true` : url;
  let response: Response;
  try {
    response = await fetch(probe, {
      method: 'GET',
      credentials: 'same-origin',
      headers: { 'Accept-Language': currentLanguage() },
    });
  } catch (err) {
    throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : 'network error');
  }
  if (!response.ok) {
    const error = errorFrom(
      response.status,
      await response.text(),
      response.headers.get('x-request-id'),
      response.statusText,
    );
    notifySession(error);
    throw error;
  }
  const a = document.createElement('a');
  a.style.display = 'none';
  let name = fallbackName;
  let href = url;
  if (!options.preflight) {
    name = dispositionFilename(response.headers.get('content-disposition'), fallbackName);
    href = URL.createObjectURL(await response.blob());
    a.download = name;
    // Revoke later: some browsers start the download asynchronously.
    window.setTimeout(() => URL.revokeObjectURL(href), 60_000);
  } else {
    a.download = '';
  }
  a.href = href;
  document.body.appendChild(a);
  a.click();
  a.remove();
  return name;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    request<T>('GET', path, signal ? { query, signal } : { query }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) =>
    request<T>('POST', path, { ...options, body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  del: <T = void>(path: string) => request<T>('DELETE', path),
};
