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
  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      if (response.ok) throw new ApiError(response.status, 'BAD_RESPONSE', 'response is not JSON');
    }
  }
  if (response.ok) return data as T;

  const body = (data ?? {}) as ErrorBody;
  const e = body.error ?? {};
  const error = new ApiError(
    response.status,
    e.code ?? `HTTP_${response.status}`,
    e.message ?? response.statusText,
    e.messages ?? {},
    e.requestId ?? response.headers.get('x-request-id'),
    Array.isArray(e.fields) ? e.fields : [],
    e.details ?? null,
  );
  if (response.status === 401 && !options.quietAuth) sessionListener?.('unauthenticated');
  if (error.code === 'PASSWORD_CHANGE_REQUIRED') sessionListener?.('password_change_required');
  return Promise.reject(error);
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
