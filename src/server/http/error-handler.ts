/**
 * The one error handler: every failure leaves as
 * `{ error: { code, message, messages, requestId, fields } }` with a catalogue code.
 * Unexpected errors are logged with the request id and never shown.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { translateDbError } from '../kernel/pg-errors.js';
import { AppError, ERRORS, FIELD_REASONS, type FieldProblem, pickLang } from '../kernel/errors.js';

const zh = z.locales.zhCN().localeError;
const en = z.locales.en().localeError;

interface ValidationItem {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

function localized(map: typeof zh, issue: Record<string, unknown>): string {
  const out = map(issue as never);
  return typeof out === 'string' ? out : (out?.message ?? '');
}

export function zodFieldProblems(items: ValidationItem[], part: string): FieldProblem[] {
  return items.map((v) => {
    const field = v.instancePath.replace(/^\//, '').replaceAll('/', '.') || part;
    const custom = v.message && FIELD_REASONS[v.message];
    if (custom) return { field, reason: v.message!, messages: custom };
    const issue = { code: v.keyword, ...v.params, path: field.split('.') };
    if (v.keyword === 'invalid_type' && v.params.expected !== undefined && /received undefined/.test(v.message ?? '')) {
      return { field, reason: 'required', messages: FIELD_REASONS.required! };
    }
    if (v.keyword === 'unrecognized_keys') {
      const keys = (v.params.keys as string[]) ?? [];
      return { field: keys.join(',') || field, reason: 'unknown_field', messages: FIELD_REASONS.unknown_field! };
    }
    return { field, reason: v.keyword, messages: { 'zh-CN': localized(zh, issue), en: localized(en, issue) } };
  });
}

function toAppError(err: FastifyError | Error): AppError | null {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const part = (err as FastifyError).validationContext ?? 'body';
    return new AppError(
      'VALIDATION_FAILED',
      zodFieldProblems((err as unknown as { validation: ValidationItem[] }).validation, part),
    );
  }
  const code = (err as FastifyError).code;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new AppError('PAYLOAD_TOO_LARGE');
  if (code?.startsWith('FST_ERR_CTP_') || code === 'FST_ERR_VALIDATION') return new AppError('BAD_REQUEST');
  if ((err as FastifyError).statusCode === 429) return new AppError('RATE_LIMITED');
  if ((err as FastifyError).statusCode === 400 && err instanceof SyntaxError) return new AppError('BAD_REQUEST');
  return translateDbError(err);
}

export function render(req: FastifyRequest, reply: FastifyReply, e: AppError) {
  const lang = pickLang(req.headers['accept-language']);
  const entry = ERRORS[e.code];
  return reply.status(e.status).send({
    error: {
      code: e.code,
      message: entry[lang],
      messages: { 'zh-CN': entry['zh-CN'], en: entry.en },
      requestId: req.id,
      fields: e.fields.map((f) => ({ ...f, message: f.messages[lang] })),
      ...(e.details ? { details: e.details } : {}),
    },
  });
}

export function installErrorHandling(app: FastifyInstance, webRoot: string): void {
  const hasWeb = existsSync(path.join(webRoot, 'index.html'));
  const hasRegPage = existsSync(path.join(webRoot, 'reg.html'));
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const known = toAppError(err);
    if (known) {
      if (known.status >= 500) req.log.error({ err }, 'request failed');
      return render(req, reply, known);
    }
    req.log.error({ err }, 'unexpected error');
    return render(req, reply, new AppError('INTERNAL'));
  });
  // Console routes (/areas, /users …) are client-side: answer them with the app shell.
  // The residents' registration page (/m/reg/…) is its own light page.
  app.setNotFoundHandler((req, reply) => {
    if (hasRegPage && req.method === 'GET' && (req.url === '/m/reg' || req.url.startsWith('/m/reg/')))
      return reply.sendFile('reg.html');
    // A missing built asset (a rebuild under a running server) is a 404, not the shell.
    if (hasWeb && req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/assets/'))
      return reply.sendFile('index.html');
    return render(req, reply, new AppError('ROUTE_NOT_FOUND'));
  });
}
