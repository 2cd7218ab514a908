/**
 * The API contract: every route is declared once, in its module's `schemas.ts`, as an
 * entry of a typed route map keyed by `"METHOD /api/path/:param"`:
 *
 *   export const personRoutes = defineRoutes({
 *     'GET /api/persons/:id': { tags, summary: 'One person, masked by role', params: idParams, response: person },
 *     'POST /api/persons': { tags, summary: 'Register a person', body: createPerson, status: 201, response: created },
 *   });
 *
 * The server registers the map with `serve(map, handlers)`: each route gets its
 * validation, OpenAPI entry and response whitelist from the same schemas, and the
 * handlers' argument and result types from them; a route without a handler, or a
 * handler that returns the wrong shape, does not compile. The console and the phone
 * pages import the maps' types only (`src/server/api.ts`) and call the server through
 * one typed client (`src/web/api/client.ts`) whose paths, parameters and results are
 * derived from them — no URL or DTO is typed twice, and zod never enters the bundles.
 */
import type {
  FastifyInstance,
  FastifyPluginAsync,
  FastifyReply,
  FastifyRequest,
  FastifySchema,
  RouteShorthandOptions,
} from 'fastify';
import type { z } from 'zod';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type RouteKey = `${Method} /api/${string}`;

export interface RouteSpec {
  tags: readonly string[];
  summary: string;
  description?: string;
  params?: z.ZodType;
  query?: z.ZodType;
  /** A JSON body; a multipart upload declares `upload` instead. */
  body?: z.ZodType;
  /** The JSON body of the answer; absent with `file` (a download) or `status: 204`. */
  response?: z.ZodType;
  /** The success status (200 unless said); an idempotent write answers 201, then 200 for a repeat. */
  status?: 200 | 201 | 202 | 204 | readonly (200 | 201)[];
  /** The answer is a file (CSV, XLSX, PNG): streamed, not JSON. */
  file?: true;
  /**
   * A multipart/form-data upload (field "file"): only a signed-in actor may send it, and
   * the handler gets the file already stored as `req.upload` (http/uploads.ts).
   */
  upload?: true;
  /** Needs no session: a public page's endpoint. */
  public?: true;
  /** Cookie-authenticated writes need the CSRF token unless this is false (sign-in). */
  csrf?: false;
  /** The handler writes its rows and audit row in one statement (see http/pipeline.ts). */
  atomicStatement?: true;
}

export type RouteMap = { readonly [K in RouteKey]?: RouteSpec };

/** Declares a module's routes (keeps the literal keys and schemas for the types below). */
export function defineRoutes<const R extends RouteMap>(routes: R): R {
  return routes;
}

// ── Types derived from a route ────────────────────────────────────────────────────

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;
type In<T> = T extends z.ZodType ? z.input<T> : undefined;

/** What a handler returns: the response schema's input (serialized through it). */
export type HandlerResult<S extends RouteSpec> = S['response'] extends z.ZodType ? z.input<S['response']> : unknown;

export type RouteRequest<S extends RouteSpec> = FastifyRequest<{
  Params: Out<S['params']>;
  Querystring: Out<S['query']>;
  Body: Out<S['body']>;
}>;

export type RouteHandler<S extends RouteSpec> = (
  req: RouteRequest<S>,
  reply: FastifyReply,
) => Promise<HandlerResult<S>> | HandlerResult<S>;

/** Per-route options that depend on the running configuration (rate limits, body size). */
export type RouteOptions = Pick<RouteShorthandOptions, 'preHandler' | 'bodyLimit' | 'config'>;

export type RouteImpl<S extends RouteSpec> = RouteHandler<S> | { options: RouteOptions; handler: RouteHandler<S> };

export type Handlers<R extends RouteMap> = { [K in keyof R]: R[K] extends RouteSpec ? RouteImpl<R[K]> : never };

/** For the client: what a call sends and what it gets back. */
export interface CallShape<S extends RouteSpec> {
  params: In<S['params']>;
  query: In<S['query']>;
  body: In<S['body']>;
  result: S['response'] extends z.ZodType ? z.output<S['response']> : void;
}

// ── Registration ──────────────────────────────────────────────────────────────────

function statuses(s: RouteSpec): number[] {
  if (Array.isArray(s.status)) return [...(s.status as readonly number[])];
  return [(s.status as number | undefined) ?? 200];
}

function schemaOf(s: RouteSpec): FastifySchema {
  const schema: FastifySchema & Record<string, unknown> = { tags: [...s.tags], summary: s.summary };
  if (s.description) schema.description = s.description;
  if (s.params) schema.params = s.params;
  if (s.query) schema.querystring = s.query;
  if (s.body) schema.body = s.body;
  if (s.upload) schema.consumes = ['multipart/form-data'];
  if (s.public) schema.security = [];
  if (s.response) schema.response = Object.fromEntries(statuses(s).map((n) => [n, s.response]));
  return schema;
}

/**
 * Registers a route map with its handlers, as one Fastify plugin. The paths are whole
 * (`/api/…`): register the plugin without a prefix.
 */
export function serve<const R extends RouteMap>(
  routes: R,
  handlers: Handlers<R> | ((app: FastifyInstance) => Handlers<R> | Promise<Handlers<R>>),
  setup?: (app: FastifyInstance) => Promise<void>,
): FastifyPluginAsync {
  return async (app) => {
    await setup?.(app);
    const impls = typeof handlers === 'function' ? await handlers(app) : handlers;
    for (const key of Object.keys(routes) as (keyof R & RouteKey)[]) {
      const spec = routes[key] as RouteSpec;
      const impl = impls[key] as RouteImpl<RouteSpec>;
      const { handler, options } = typeof impl === 'function' ? { handler: impl, options: {} as RouteOptions } : impl;
      const space = key.indexOf(' ');
      const config = {
        ...(spec.csrf === false ? { csrf: false } : {}),
        ...(spec.atomicStatement ? { atomicStatement: true } : {}),
        ...(spec.upload ? { upload: true } : {}),
        ...options.config,
      };
      const only = statuses(spec);
      app.route({
        method: key.slice(0, space),
        url: key.slice(space + 1),
        schema: schemaOf(spec),
        ...(options.preHandler ? { preHandler: options.preHandler } : {}),
        ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
        config,
        handler: async (req, reply) => {
          // A single success status other than 200 is set here; a route with several sets its own.
          if (only.length === 1 && only[0] !== 200) reply.status(only[0]!);
          return handler(req, reply);
        },
      });
    }
  };
}
