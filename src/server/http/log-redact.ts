/**
 * What the request log may say about a request: its method and a URL with the secrets
 * and personal data taken out. Bodies are never logged (Fastify does not; nothing here
 * adds them). Query values are replaced unless their key is a known harmless one (a
 * search text may be an ID number or a phone), and the token segment of a public link
 * (registration codes, edit links, check-in links — in the API and the phone pages) is
 * replaced, so a log reader cannot open a family's edit page or check in for someone.
 */
import type { FastifyRequest } from 'fastify';

/** Query keys whose values say nothing personal or secret (paging, formats, filters by id). */
const HARMLESS_KEYS = new Set([
  'limit',
  'cursor',
  'format',
  'status',
  'day',
  'from',
  'to',
  'areaId',
  'gridId',
  'courtyardId',
  'level',
  'kind',
  'sort',
  'order',
  'lang',
  'check',
  'state',
  'view',
]);

/** Paths whose next segment is a bearer token. */
const TOKEN_BEFORE = [
  /^(\/api\/public\/reg\/)[^/?#]+/,
  /^(\/api\/public\/reg-edit\/)[^/?#]+/,
  /^(\/api\/public\/checkin\/)[^/?#]+/,
  /^(\/m\/reg\/e\/)[^/?#]+/,
  /^(\/m\/reg\/)(?!e\/)[^/?#]+/,
  /^(\/m\/checkin\/)[^/?#]+/,
];

export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  let path = q < 0 ? url : url.slice(0, q);
  for (const re of TOKEN_BEFORE) path = path.replace(re, '$1[token]');
  if (q < 0) return path;
  const query = url
    .slice(q + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = eq < 0 ? pair : pair.slice(0, eq);
      let name: string;
      try {
        name = decodeURIComponent(key);
      } catch {
        name = key;
      }
      return eq < 0 || HARMLESS_KEYS.has(name) ? pair : `${key}=[redacted]`;
    })
    .join('&');
  return `${path}?${query}`;
}

/** pino's request serializer for Fastify's request log lines. */
export function logRequest(req: FastifyRequest) {
  return {
    method: req.method,
    url: redactUrl(req.url),
    remoteAddress: req.ip,
  };
}
