import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../../config.js';
import { type Handlers, type RouteOptions, serve } from '../../../http/contract.js';
import { AppError } from '../../../kernel/errors.js';
import * as codeView from './code-view.js';
import { publicRegistrationRoutes } from './schemas.js';
import * as submit from './submit.js';

const minute = '1 minute';

/**
 * The public side's limits, from the configuration, beside the one budget per client
 * address every /api/public/ route shares (PUBLIC_RATE_PER_ADDRESS, app.ts): recovering
 * the edit link SELFREG_RECOVER_PER_CLIENT, per code on the first submission
 * (SELFREG_RATE_PER_CODE), bodies capped at SELFREG_BODY_KB.
 */
function limits(app: FastifyInstance, config: Config) {
  const on = config.SELFREG_RATE_LIMIT;
  const perClient: RouteOptions = {};
  // A second limit on the same request: the plugin's route limit counts clients, this one the code.
  const codeLimit = app.createRateLimit({
    max: config.SELFREG_RATE_PER_CODE,
    timeWindow: minute,
    keyGenerator: (req) => `reg-code:${(req.params as { token?: string }).token ?? ''}`,
  });
  const perCode = on
    ? [
        async (req: FastifyRequest) => {
          const r = await codeLimit(req);
          if (!r.isAllowed && r.isExceeded) throw new AppError('RATE_LIMITED');
        },
      ]
    : [];
  const bodyLimit = config.SELFREG_BODY_KB * 1024;
  return {
    perClient,
    write: { ...perClient, bodyLimit },
    submit: { ...perClient, bodyLimit, preHandler: perCode },
    recover: {
      config: { rateLimit: on ? { max: config.SELFREG_RECOVER_PER_CLIENT, timeWindow: minute } : false },
    } satisfies RouteOptions,
  };
}

/** The residents' side, without an account (see schemas.ts). */
export const publicRegistrationPlugin = (config: Config) =>
  serve(publicRegistrationRoutes, (app): Handlers<typeof publicRegistrationRoutes> => {
    const o = limits(app, config);
    return {
      'GET /api/public/reg/:token': {
        options: o.perClient,
        handler: (req) => codeView.view(req.ctx, req.params.token),
      },
      'GET /api/public/reg/:token/courtyards/:courtyardId': {
        options: o.perClient,
        handler: (req) => codeView.dwellingTree(req.ctx, req.params.token, req.params.courtyardId),
      },
      'POST /api/public/reg/:token/submissions': {
        options: o.submit,
        handler: async (req, reply) => {
          const r = await submit.submit(req.ctx, req.params.token, req.body);
          reply.status(r.created ? 201 : 200);
          return r.body;
        },
      },
      'GET /api/public/reg-edit/:editToken': {
        options: o.perClient,
        handler: (req) => submit.editView(req.ctx, req.params.editToken),
      },
      'GET /api/public/reg-edit/:editToken/courtyards/:courtyardId': {
        options: o.perClient,
        handler: (req) => submit.editTree(req.ctx, req.params.editToken, req.params.courtyardId),
      },
      'POST /api/public/reg-edit/:editToken/versions': {
        options: o.write,
        handler: (req) => submit.saveVersion(req.ctx, req.params.editToken, req.body),
      },
      'POST /api/public/reg-recover': { options: o.recover, handler: (req) => submit.recover(req.ctx, req.body) },
    };
  });
