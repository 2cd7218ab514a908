/**
 * The console's untyped calls from before the typed contract, kept only while pages
 * move to `api` in client.ts. Nothing new uses this file; it goes when the last page moves.
 */
import { type Query, request, upload } from './client.js';

export const legacyApi = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    request<T>('GET', path, signal ? { query, signal } : { query }),
  post: <T>(path: string, body?: unknown, options: { quietAuth?: boolean } = {}) =>
    request<T>('POST', path, { ...options, body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  del: <T = void>(path: string) => request<T>('DELETE', path),
};

export const legacyUpload = upload as unknown as <T>(
  path: string,
  form: FormData,
  options?: { onProgress?: (percent: number) => void; signal?: AbortSignal },
) => Promise<T>;
