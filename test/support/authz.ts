/**
 * The vocabulary of the authorization test's route table: for every operation of the
 * OpenAPI document, how to name a foreign world's record in its path, query or body,
 * or why the operation is left out.
 */
import type { Client, TestResponse } from './app.js';
import type { Accounts, World } from './worlds.js';

export interface Req {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

export interface Ask {
  /** The foreign world. */
  w: World;
  /** The personas' own world (the demo grid): for an own record in the path and a foreign one in the body. */
  home: World;
  /** The persona sending the request. */
  me: Client;
}

export interface Case {
  /** What the request names, for messages. */
  label: string;
  req: (a: Ask) => Req | Promise<Req>;
  /**
   * A list the actor's scope filters: the answer is 200 (or 403) and carries none of
   * these values, while one of the world's own accounts sees at least one of them.
   */
  hides?: (w: World) => string[];
  /** The public side: sent once per world without an account (the personas do not matter). */
  anonymous?: true;
  /** The refusal this route gives a foreign record instead of 404, and why. */
  refusal?: { status: number; code: string; field?: { field: string; reason: string }; why: string };
}

/** An operation's cases, or why it is left out. */
export type Entry = Case[] | { excluded: string };
export type Table = Record<string, Entry>;

/** A foreign record in the path, query or body: 404 NOT_FOUND (or 403 FORBIDDEN when the role lacks the permission). */
export const names = (label: string, req: Case['req']): Case => ({ label, req });

/** A scoped list that must not show the world's records. */
export const hides = (label: string, req: Case['req'], values: (w: World) => string[]): Case => ({
  label,
  req,
  hides: values,
});

export const excluded = (why: string): Entry => ({ excluded: why });

/** The accounts of a world that may own a record (the control tries each). */
export const OWNERS: (keyof Accounts)[] = ['grid', 'community', 'street', 'medical', 'district', 'admin'];

export function send(c: Client, key: string, r: Req): Promise<TestResponse> {
  const [method, template] = key.split(' ') as [string, string];
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = r.params?.[name];
    if (!value) throw new Error(`${key}: no value for path parameter ${name}`);
    return encodeURIComponent(value);
  });
  const query = r.query ? `?${new URLSearchParams(r.query).toString()}` : '';
  const url = path + query;
  if (method === 'GET') return c.get(url);
  if (method === 'DELETE') return c.delete(url);
  if (method === 'PATCH') return c.patch(url, r.body ?? {});
  return c.post(url, r.body ?? {});
}

/** "METHOD /path/{param}" of every operation in an OpenAPI document, trailing slashes stripped. */
export function operations(doc: { paths: Record<string, Record<string, unknown>> }): string[] {
  const methods = new Set(['get', 'post', 'put', 'patch', 'delete']);
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops)
      .filter((m) => methods.has(m))
      .map((m) => `${m.toUpperCase()} ${path.length > 1 ? path.replace(/\/+$/, '') : path}`),
  );
}

/** A refusal's error code and field problems (none for an answer that is not one). */
export function refusalOf(res: TestResponse): { code: string | null; fields: { field: string; reason: string }[] } {
  if (!res.headers['content-type']?.toString().includes('json') || !res.body) return { code: null, fields: [] };
  const error = res.json<{ error?: { code: string; fields: { field: string; reason: string }[] } }>().error;
  return { code: error?.code ?? null, fields: error?.fields ?? [] };
}

export interface Verdict {
  /** The answer a foreign record may get. */
  ok: boolean;
  /** The answer that proves the scope was checked (404 or the route's own refusal; a 403 proves nothing). */
  proof: boolean;
}

export function judge(c: Case, w: World, res: TestResponse): Verdict {
  const { code, fields } = refusalOf(res);
  if (!c.anonymous && res.statusCode === 403 && code === 'FORBIDDEN') return { ok: true, proof: false };
  if (c.hides) {
    const hidden = res.statusCode === 200 && !c.hides(w).some((v) => res.body.includes(v));
    return { ok: hidden, proof: hidden };
  }
  const want: Omit<NonNullable<Case['refusal']>, 'why'> = c.refusal ?? { status: 404, code: 'NOT_FOUND' };
  const field = want.field;
  const ok =
    res.statusCode === want.status &&
    code === want.code &&
    (!field || fields.some((f) => f.field === field.field && f.reason === field.reason));
  return { ok, proof: ok };
}
