/**
 * The fuzz test's generator: a seeded PRNG (the same seed gives the same bodies, so a
 * failure is replayed with FUZZ_SEED), valid-shaped values sampled from an operation's
 * JSON schema (the OpenAPI document's), and mutations of a valid request with hostile
 * strings, wrong types, numbers out of range, huge arrays, deep nesting and prototype keys.
 */
import { randomUUID } from 'node:crypto';

export interface Rng {
  next(): number;
  int(n: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
}

/** mulberry32. */
export function prng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: (xs) => xs[int(xs.length)]!, chance: (p) => next() < p };
}

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxLength?: number;
  default?: unknown;
}

/** Strings no name, search or note should choke on, nor store as they are. */
export const HOSTILE: readonly string[] = [
  '\u0000',
  'a\u0000b',
  '\u200B',
  '张\u200B三',
  '\u202Eevil\u202C',
  '\u2066张三\u2069',
  '\uFEFF',
  '张三\uFEFF',
  '\u00AD',
  '\u3164',
  '\uFDD0',
  '张\uFFFF',
  '\u{10FFFF}',
  '\uD800',
  '张\uDC00三',
  '\u0085',
  '\u2028\u2029',
  '\u3000\u3000',
  '   ',
  '',
  '·',
  'e\u0301'.repeat(40),
  '𠀀'.repeat(60),
  'x'.repeat(10_000),
  '张'.repeat(10_000),
  "'; DROP TABLE persons; --",
  '%00%27',
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '\\u0000',
  '1e999',
  '-0',
  'NaN',
  '2020-02-30',
  '00000000-0000-0000-0000-000000000000',
  '👨‍👩‍👧',
];

const WRONG_TYPES: readonly unknown[] = [null, 0, -1, true, {}, [], 'x', 1e308, [null], { a: { b: 1 } }];
const NAME_KEYS = new Set(['name', 'label', 'room', 'displayName', 'responsibleName', 'headName', 'reason', 'note']);

function variants(s: JsonSchema): JsonSchema[] {
  return s.anyOf ?? s.oneOf ?? (s.allOf ? [Object.assign({}, ...s.allOf) as JsonSchema] : [s]);
}

function typeOf(s: JsonSchema): string | undefined {
  return Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
}

/** A value of the schema's shape (optional properties now and then), for a property the valid request lacks. */
export function sample(s: JsonSchema | undefined, r: Rng, depth = 0): unknown {
  if (!s) return null;
  if (s.anyOf || s.oneOf || s.allOf) return sample(r.pick(variants(s)), r, depth);
  if (s.const !== undefined) return s.const;
  if (s.enum) return r.pick(s.enum);
  if (s.default !== undefined && r.chance(0.5)) return s.default;
  switch (typeOf(s)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, p] of Object.entries(s.properties ?? {}))
        if (s.required?.includes(k) || (depth < 3 && r.chance(0.5))) out[k] = sample(p, r, depth + 1);
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(s.minItems ?? 0, depth < 3 ? r.int(3) : 0) }, () =>
        sample(s.items, r, depth + 1),
      );
    case 'integer':
    case 'number': {
      const lo = s.minimum ?? 0;
      const hi = Math.min(s.maximum ?? lo + 100, lo + 100);
      return lo + r.int(hi - lo + 1);
    }
    case 'boolean':
      return r.chance(0.5);
    case 'string':
      if (s.format === 'uuid') return randomUUID();
      if (s.format === 'date') return '2020-02-10';
      if (s.format === 'date-time') return '2020-02-10T08:00:00+08:00';
      return r.pick(['张三', '幸福小区', '1-101', '模糊测试的说明文字']);
    default:
      return null;
  }
}

/** The schema of a property of an object value (the union's variant that has it). */
function propertySchema(s: JsonSchema | undefined, key: string): JsonSchema | undefined {
  for (const v of s ? variants(s) : []) if (v.properties?.[key]) return v.properties[key];
  return undefined;
}

/** The valid request's body, with properties it lacks filled from the schema now and then. */
export function fill(value: unknown, s: JsonSchema | undefined, r: Rng): unknown {
  if (Array.isArray(value)) return value.map((v) => fill(v, s?.items ?? variants(s ?? {})[0]?.items, r));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = fill(v, propertySchema(s, k), r);
  const variant = s ? variants(s).find((x) => Object.keys(value).every((k) => x.properties?.[k])) : undefined;
  for (const [k, p] of Object.entries(variant?.properties ?? {}))
    if (!(k in out) && r.chance(0.3)) out[k] = sample(p, r, 1);
  return out;
}

type Path = (string | number)[];
interface Leaf {
  path: Path;
  value: unknown;
  schema: JsonSchema | undefined;
}

function leaves(value: unknown, s: JsonSchema | undefined, path: Path = [], out: Leaf[] = []): Leaf[] {
  out.push({ path, value, schema: s });
  if (Array.isArray(value)) value.forEach((v, i) => leaves(v, s?.items, [...path, i], out));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) leaves(v, propertySchema(s, k), [...path, k], out);
  return out;
}

function getAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], root);
}

function setAt(root: unknown, path: Path, v: unknown): unknown {
  if (path.length === 0) return v;
  const copy: unknown = structuredClone(root);
  (getAt(copy, path.slice(0, -1)) as Record<string | number, unknown>)[path.at(-1)!] = v;
  return copy;
}

export interface Mutated {
  /** What was done, for the report. */
  what: string;
  body: unknown;
  /** JSON text sent as is (prototype keys, deep nesting, a body of the wrong type). */
  raw?: string;
  /** A path parameter replaced. */
  param?: [string, string];
}

const DEEP = '['.repeat(5_000) + ']'.repeat(5_000);
const KINDS = [
  'name',
  'name',
  'name',
  'string',
  'string',
  'strings',
  'type',
  'number',
  'array',
  'deep',
  'proto',
  'drop',
  'unknown',
  'body',
  'param',
] as const;
const MARK = '@@fuzz@@';

/**
 * One mutation of a valid body, the kind drawn with the PRNG. A hostile name goes into the
 * valid body as it is (so the name alone decides); other kinds into one with optional
 * properties filled from the schema now and then.
 */
export function mutate(valid: unknown, s: JsonSchema | undefined, params: string[], r: Rng): Mutated {
  const kind = r.pick(KINDS);
  const body = kind === 'name' ? valid : fill(valid, s, r);
  const all = leaves(body, s);
  const strings = all.filter((l) => typeof l.value === 'string');
  const named = strings.filter((l) => NAME_KEYS.has(String(l.path.at(-1))));
  const numbers = all.filter((l) => typeof l.value === 'number');
  const arrays = all.filter((l) => Array.isArray(l.value));
  const objects = all.filter((l) => l.value !== null && typeof l.value === 'object' && !Array.isArray(l.value));
  const leaf = () => r.pick(all.length > 1 ? all.slice(1) : all);
  const at = (l: Leaf) => l.path.join('.') || '(body)';
  if ((kind === 'name' && named.length) || ((kind === 'string' || kind === 'name') && strings.length)) {
    const l = r.pick(kind === 'name' && named.length ? named : strings);
    const h = r.pick(HOSTILE);
    return {
      what: `${at(l)} = ${JSON.stringify(h.slice(0, 20))}${h.length > 20 ? '…' : ''}`,
      body: setAt(body, l.path, h),
    };
  }
  if (kind === 'strings' && strings.length) {
    let out = body;
    for (const l of strings) out = setAt(out, l.path, r.pick(HOSTILE));
    return { what: 'every string hostile', body: out };
  }
  if (kind === 'number' && numbers.length) {
    const l = r.pick(numbers);
    const max = l.schema?.maximum ?? 1e9;
    const min = l.schema?.minimum ?? -1e9;
    const v = r.pick([max + 1, min - 1, 0.5, -1, 2 ** 53 + 1, 1e308, -1e308]);
    return { what: `${at(l)} = ${v}`, body: setAt(body, l.path, v) };
  }
  if (kind === 'array') {
    const l = arrays.length ? r.pick(arrays) : leaf();
    const item: unknown = Array.isArray(l.value) && l.value.length ? (l.value as unknown[])[0] : 'x';
    return {
      what: `${at(l)} = 5000 items`,
      body: setAt(
        body,
        l.path,
        Array.from({ length: 5_000 }, () => item),
      ),
    };
  }
  if (kind === 'deep') {
    const l = leaf();
    const text = JSON.stringify(setAt(body, l.path, MARK)).replace(`"${MARK}"`, DEEP);
    return { what: `${at(l)} = 5000 nested arrays`, body, raw: text };
  }
  if (kind === 'proto' && objects.length) {
    const l = r.pick(objects);
    const key = r.pick(['__proto__', 'constructor', 'prototype']);
    const poison = key === 'constructor' ? '{"prototype":{"isAdmin":true}}' : '{"isAdmin":true,"role":"sys_admin"}';
    const text = JSON.stringify(setAt(body, l.path, { [MARK]: 1 })).replace(`"${MARK}":1`, `"${key}":${poison}`);
    return { what: `${at(l)}.${key} = ${poison}`, body, raw: text };
  }
  if (kind === 'drop' && all.length > 1) {
    const l = leaf();
    const copy: unknown = structuredClone(body);
    const holder = getAt(copy, l.path.slice(0, -1));
    if (Array.isArray(holder)) holder.splice(Number(l.path.at(-1)), 1);
    else delete (holder as Record<string | number, unknown>)[l.path.at(-1)!];
    return { what: `without ${at(l)}`, body: copy };
  }
  if (kind === 'unknown' && objects.length) {
    const l = r.pick(objects);
    return { what: `${at(l)}.fuzz added`, body: setAt(body, [...l.path, 'fuzz'], r.pick(HOSTILE)) };
  }
  if (kind === 'body') {
    const raw = r.pick(['null', '[]', '"x"', '42', 'true', '{}', '1e999', '{"a":', '']);
    return { what: `body = ${raw || '(empty)'}`, body, raw };
  }
  if (kind === 'param' && params.length) {
    const name = r.pick(params);
    const v = r.pick([randomUUID(), 'not-a-uuid', '%00', '..', 'x'.repeat(300), '\u200B', '-1', '9'.repeat(30)]);
    return { what: `:${name} = ${JSON.stringify(v.slice(0, 20))}`, body, param: [name, v] };
  }
  const l = leaf();
  const v = r.pick(WRONG_TYPES);
  return { what: `${at(l)} = ${JSON.stringify(v)}`, body: setAt(body, l.path, v) };
}
