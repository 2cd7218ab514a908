/**
 * The page's own fetch wrapper (the console's client pulls i18next): JSON in and
 * out, the page's language, a 15-second timeout, and the server's error shape
 * `{ error: { code, message, fields: [{ field, reason, message }] } }` turned into
 * an ApiError. A lost connection or a timeout is code NETWORK (retry the same body).
 * Types come from the server's schemas as types only: zod never enters the bundle.
 */
import type { z } from 'zod';
import type {
  codeView,
  dwellingTree,
  editView,
  recovered,
  submitted,
} from '../../server/modules/self-registration/intake/schemas.js';
import { has, lang, t } from './i18n.js';

export type CodeView = z.infer<typeof codeView>;
export type DwellingTree = z.infer<typeof dwellingTree>;
export type Submitted = z.infer<typeof submitted>;
export type EditView = z.infer<typeof editView>;
export type Recovered = z.infer<typeof recovered>;
export type Status = Submitted['status'];
/** The answer to a new version of a submission (at least its number). */
export interface Saved {
  version: number;
  status?: Status;
}

export interface FieldError {
  field: string;
  reason: string;
  message?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly serverMessage: string | null,
    readonly fields: FieldError[],
  ) {
    super(code);
  }

  /** A clear message in the page's language: the page's own for known codes, else the server's. */
  text(): string {
    const k = `err_${this.code}`;
    if (has(k)) return t(k);
    return this.serverMessage ?? t('err_default');
  }

  /** Worth offering "retry" with the same body: the request may not have arrived. */
  get retryable(): boolean {
    return this.code === 'NETWORK' || this.status >= 500;
  }
}

const TIMEOUT_MS = 15_000;

export async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), TIMEOUT_MS);
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: {
        Accept: 'application/json',
        'Accept-Language': lang,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: ctl.signal,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', null, []);
  } finally {
    clearTimeout(timer);
  }
  let data: unknown = null;
  try {
    const text = await res.text();
    data = text ? JSON.parse(text) : null;
  } catch {
    // A proxy's HTML error page, or a body cut off: judged by the status below.
    if (res.ok) throw new ApiError(res.status, 'NETWORK', null, []);
  }
  if (res.ok) return data as T;
  const err = (data as { error?: { code?: string; message?: string; fields?: FieldError[] } } | null)?.error;
  const code = err?.code ?? (res.status >= 500 ? 'NETWORK' : `HTTP_${res.status}`);
  throw new ApiError(res.status, code, err?.message ?? null, Array.isArray(err?.fields) ? err.fields : []);
}

export function errorText(err: unknown): string {
  return err instanceof ApiError ? err.text() : t('err_default');
}

const enc = encodeURIComponent;
export const regApi = {
  code: (token: string) => request<CodeView>('GET', `/api/public/reg/${enc(token)}`),
  /** The tree under a courtyard: by the QR token, or (editing) by the edit token. */
  tree: (scope: Scope, courtyardId: string) =>
    request<DwellingTree>(
      'GET',
      scope.kind === 'code'
        ? `/api/public/reg/${enc(scope.token)}/courtyards/${enc(courtyardId)}`
        : `/api/public/reg-edit/${enc(scope.editToken)}/courtyards/${enc(courtyardId)}`,
    ),
  submit: (token: string, body: unknown) =>
    request<Submitted>('POST', `/api/public/reg/${enc(token)}/submissions`, body),
  edit: (editToken: string) => request<EditView>('GET', `/api/public/reg-edit/${enc(editToken)}`),
  saveVersion: (editToken: string, body: unknown) =>
    request<Saved>('POST', `/api/public/reg-edit/${enc(editToken)}/versions`, body),
  recover: (familyCode: string, phone: string) =>
    request<Recovered>('POST', '/api/public/reg-recover', { familyCode, phone }),
};

export type Scope = { kind: 'code'; token: string } | { kind: 'edit'; editToken: string };
