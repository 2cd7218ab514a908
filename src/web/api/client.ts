/**
 * The one way the console and the phone pages talk to the server: JSON over fetch with
 * the session cookie, the CSRF token on writes, Accept-Language, and one error type.
 *
 * Calls are typed by the API contract (`src/server/api.ts`, types only): the path is
 * the route's own template, and its parameters, query, body and result come from the
 * route's schemas — `api.get('/api/persons/:id', { params: { id } })` is a PersonDto.
 * A path the server does not declare does not compile. This file imports nothing of
 * i18next or zod, so the residents' phone page stays small.
 */
import type { Api } from '../../server/api.js';
import type { CallShape, Method, RouteSpec } from '../../server/http/contract.js';

export type Lang = 'zh-CN' | 'en';

export interface ApiFieldError {
  field: string;
  reason: string;
  messages: Partial<Record<Lang, string>>;
}

interface ErrorBody {
  error?: {
    code?: string;
    message?: string;
    messages?: Partial<Record<Lang, string>>;
    requestId?: string;
    fields?: ApiFieldError[];
    details?: Record<string, unknown>;
  };
}

// ── Settings the page makes once ───────────────────────────────────────────────────

type SessionListener = (reason: 'unauthenticated' | 'password_change_required') => void;

const settings = {
  /** The Accept-Language sent, and the language of `ApiError.localized()`. */
  language: (): string => 'zh-CN',
  csrfToken: null as string | null,
  onSession: null as SessionListener | null,
  /** A call that takes longer is abandoned as NETWORK (0: no limit). */
  timeoutMs: 0,
};

export function configureClient(s: { language?: () => string; timeoutMs?: number }): void {
  if (s.language) settings.language = s.language;
  if (s.timeoutMs !== undefined) settings.timeoutMs = s.timeoutMs;
}

export function setCsrfToken(token: string | null): void {
  settings.csrfToken = token;
}

/** The session provider registers here to react to 401s and forced password changes. */
export function onSessionProblem(listener: SessionListener | null): void {
  settings.onSession = listener;
}

const lang = (): Lang => (settings.language().startsWith('en') ? 'en' : 'zh-CN');

// ── Errors ─────────────────────────────────────────────────────────────────────────

/** A failed API call. `code` is the server's stable error code, or NETWORK / BAD_RESPONSE / HTTP_<status>. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly messages: Partial<Record<Lang, string>> = {},
    readonly requestId: string | null = null,
    readonly fields: ApiFieldError[] = [],
    readonly details: Record<string, unknown> | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The server's message in the page's language. */
  localized(): string {
    return this.messages[lang()] ?? this.messages['zh-CN'] ?? this.message;
  }

  /** Worth offering "retry" with the same body: the request may not have arrived. */
  get retryable(): boolean {
    return this.code === 'NETWORK' || this.status >= 500;
  }
}

export function isApiError(err: unknown, code?: string): err is ApiError {
  return err instanceof ApiError && (code === undefined || err.code === code);
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
    e.code ?? (status >= 500 && !text.startsWith('{') ? 'NETWORK' : `HTTP_${status}`),
    e.message ?? (statusText || `HTTP ${status}`),
    e.messages ?? {},
    e.requestId ?? requestId,
    Array.isArray(e.fields) ? e.fields : [],
    e.details ?? null,
  );
}

/** Tells the session about 401s and forced password changes. */
function notifySession(error: ApiError, quietAuth?: boolean): void {
  if (error.status === 401 && !quietAuth) settings.onSession?.('unauthenticated');
  if (error.code === 'PASSWORD_CHANGE_REQUIRED') settings.onSession?.('password_change_required');
}

// ── Untyped core ───────────────────────────────────────────────────────────────────

export type Query = Record<string, unknown>;

/** A query or path value as text (numbers and booleans as written; anything else as JSON). */
function scalar(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, scalar(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** `/api/persons/:id` with `{ id }` → `/api/persons/5f…`. */
export function fillPath(template: string, params?: Record<string, unknown>): string {
  return template.replace(/:([A-Za-z_]\w*)/g, (_, name: string) => {
    const v = params?.[name];
    if (v === undefined || v === null) throw new Error(`path parameter ${name} is missing for ${template}`);
    return encodeURIComponent(scalar(v));
  });
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Do not treat a 401 as "session over" (sign-in and the first /api/me). */
  quietAuth?: boolean;
  signal?: AbortSignal;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function settle<T>(status: number, text: string, requestId: string | null, statusText: string, quiet?: boolean): T {
  if (status >= 200 && status < 300) {
    if (!text) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError(status, 'BAD_RESPONSE', 'response is not JSON');
    }
  }
  const error = errorFrom(status, text, requestId, statusText);
  notifySession(error, quiet);
  throw error;
}

/** The untyped core under the typed calls (and `usePaged`'s pages). */
export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': settings.language() };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (WRITES.has(method) && settings.csrfToken) headers['X-CSRF-Token'] = settings.csrfToken;
  const timeout = settings.timeoutMs ? new AbortController() : null;
  const timer = timeout ? setTimeout(() => timeout.abort(), settings.timeoutMs) : null;
  const signal =
    timeout && options.signal ? AbortSignal.any([timeout.signal, options.signal]) : (timeout?.signal ?? options.signal);
  let response: Response;
  let text: string;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: signal ?? null,
    });
    text = response.status === 204 ? '' : await response.text();
  } catch (err) {
    // The caller's own abort stays an AbortError; a lost connection or our timeout is NETWORK.
    if (options.signal?.aborted) throw err;
    throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : 'network error');
  } finally {
    if (timer) clearTimeout(timer);
  }
  return settle<T>(response.status, text, response.headers.get('x-request-id'), response.statusText, options.quietAuth);
}

// ── Typed calls, from the contract ─────────────────────────────────────────────────

type Key = Extract<keyof Api, string>;
type SpecOf<K extends Key> = Api[K] extends RouteSpec ? Api[K] : never;
type Shape<K extends Key> = CallShape<SpecOf<K>>;

/** The paths of a method's routes, e.g. PathOf<'GET'> includes '/api/persons/:id'. */
export type PathOf<M extends Method> = { [K in Key]: K extends `${M} ${infer P}` ? P : never }[Key];
type KeyOf<M extends Method, P extends string> = `${M} ${P}` & Key;
/** The arguments of a call: `ArgsOf<'GET', '/api/persons'>`. */
export type ArgsOf<M extends Method, P extends PathOf<M>> = CallArgs<KeyOf<M, P>>;

/** What a call sends: params when the path has some, the query, the body when the route takes one. */
export type CallArgs<K extends Key> = (Shape<K>['params'] extends undefined
  ? { params?: undefined }
  : { params: Shape<K>['params'] }) &
  (Shape<K>['query'] extends undefined ? { query?: undefined } : { query?: Shape<K>['query'] }) &
  (Shape<K>['body'] extends undefined ? { body?: undefined } : { body: Shape<K>['body'] }) & {
    signal?: AbortSignal;
    quietAuth?: boolean;
  };
type Rest<K extends Key> = object extends CallArgs<K> ? [args?: CallArgs<K>] : [args: CallArgs<K>];

/** The result of a route: `Result<'GET', '/api/persons/:id'>`. */
export type Result<M extends Method, P extends PathOf<M>> = Shape<KeyOf<M, P>>['result'];
/** The query a route takes. */
export type QueryOf<M extends Method, P extends PathOf<M>> = NonNullable<Shape<KeyOf<M, P>>['query']>;
/** The body a route takes. */
export type BodyOf<M extends Method, P extends PathOf<M>> = Shape<KeyOf<M, P>>['body'];

function call<M extends Method, P extends PathOf<M>>(
  method: M,
  path: P,
  args?: { params?: unknown; query?: unknown; body?: unknown; signal?: AbortSignal; quietAuth?: boolean },
): Promise<Result<M, P>> {
  return request<Result<M, P>>(method, fillPath(path, args?.params as Record<string, unknown> | undefined), {
    query: args?.query as Query | undefined,
    body: args?.body ?? (WRITES.has(method) && method !== 'DELETE' ? {} : undefined),
    signal: args?.signal,
    quietAuth: args?.quietAuth,
  });
}

export const api = {
  get: <P extends PathOf<'GET'>>(path: P, ...[args]: Rest<KeyOf<'GET', P>>) => call('GET', path, args),
  post: <P extends PathOf<'POST'>>(path: P, ...[args]: Rest<KeyOf<'POST', P>>) => call('POST', path, args),
  patch: <P extends PathOf<'PATCH'>>(path: P, ...[args]: Rest<KeyOf<'PATCH', P>>) => call('PATCH', path, args),
  put: <P extends PathOf<'PUT'>>(path: P, ...[args]: Rest<KeyOf<'PUT', P>>) => call('PUT', path, args),
  del: <P extends PathOf<'DELETE'>>(path: P, ...[args]: Rest<KeyOf<'DELETE', P>>) => call('DELETE', path, args),
  /** The URL of a GET route (a download link, an image). */
  url: <P extends PathOf<'GET'>>(path: P, ...[args]: Rest<KeyOf<'GET', P>>) =>
    withQuery(fillPath(path, args?.params as Record<string, unknown> | undefined), args?.query as Query | undefined),
};

// ── Files ──────────────────────────────────────────────────────────────────────────

/**
 * A multipart upload (FormData) to a POST route, with the CSRF token, reporting upload
 * progress. The browser sets Content-Type with the multipart boundary itself.
 */
export function upload<P extends PathOf<'POST'>>(
  path: P,
  form: FormData,
  options: { onProgress?: (percent: number) => void; signal?: AbortSignal } = {},
): Promise<Result<'POST', P>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', settings.language());
    if (settings.csrfToken) xhr.setRequestHeader('X-CSRF-Token', settings.csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) options.onProgress?.(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      try {
        resolve(
          settle<Result<'POST', P>>(
            xhr.status,
            xhr.responseText,
            xhr.getResponseHeader('x-request-id'),
            xhr.statusText,
          ),
        );
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
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
 * Downloads a file from a GET route. With `preflight`, the server first checks the
 * request (`check=true`: permission, scope, reason) so a refusal shows as a message, and
 * the file itself then streams straight to disk through an ordinary link — a
 * district-wide export never sits in the page's memory. Without it, the file is fetched
 * and saved from memory (small files such as error reports).
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
      headers: { 'Accept-Language': settings.language() },
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
