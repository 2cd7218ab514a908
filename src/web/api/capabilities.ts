/**
 * Which API operations the server offers, read once from its OpenAPI document
 * (/api/openapi.json). Lets the console hide actions whose endpoint is not
 * deployed yet (e.g. person transfers) instead of failing on click.
 */
import { useEffect, useState } from 'react';
import { legacyApi } from './legacy.js';

type Operations = Set<string>;
let cached: Promise<Operations> | null = null;

/** "/api/persons/{id}/" and "/api/persons/:id" both become "/api/persons/:". */
function normal(path: string): string {
  return path.replace(/\{[^}]+\}|:[A-Za-z_]\w*/g, ':').replace(/\/+$/, '');
}

function load(): Promise<Operations> {
  cached ??= legacyApi
    .get<{ paths?: Record<string, Record<string, unknown>> }>('/api/openapi.json')
    .then((doc) => {
      const ops = new Set<string>();
      for (const [path, methods] of Object.entries(doc.paths ?? {})) {
        for (const method of Object.keys(methods)) ops.add(`${method.toUpperCase()} ${normal(path)}`);
      }
      return ops;
    })
    .catch(() => {
      cached = null;
      return new Set<string>();
    });
  return cached;
}

/** Forget what was learnt (the server may have been upgraded). */
export function resetCapabilities(): void {
  cached = null;
}

/** True once the server is known to offer `METHOD /path` (path params as :id); false until then. */
export function useHasEndpoint(method: string, path: string): boolean {
  const key = `${method.toUpperCase()} ${normal(path)}`;
  const [has, setHas] = useState(false);
  useEffect(() => {
    let alive = true;
    void load().then((ops) => alive && setHas(ops.has(key)));
    return () => {
      alive = false;
    };
  }, [key]);
  return has;
}
