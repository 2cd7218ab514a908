import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../../kernel/errors.js';
import { z } from 'zod';
import type { Config } from '../../../config.js';
import * as codeView from './code-view.js';
import {
  codeView as codeViewDto,
  dwellingTree,
  editBody,
  editTokenParam,
  editView,
  recoverBody,
  recovered,
  submitBody,
  submitted,
  tokenParam,
} from './schemas.js';
import * as submit from './submit.js';

const tags = ['self-registration (public)'];
const minute = '1 minute';

/**
 * Under /api/public: the residents' side, without an account. Rate limited per
 * client address and, for writes, per code (SELFREG_RATE_*); bodies capped at
 * SELFREG_BODY_KB. No answer here ever lists a person.
 */
export const publicRegistrationRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  const on = config.SELFREG_RATE_LIMIT;
  const perClient = on ? { max: config.SELFREG_RATE_PER_CLIENT, timeWindow: minute } : false;
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

  app.get(
    '/reg/:token',
    {
      config: { rateLimit: perClient },
      schema: {
        tags,
        security: [],
        summary: 'What the phone page needs for a code: place, courtyards, categories in force, symptoms',
        params: tokenParam,
        response: { 200: codeViewDto },
      },
    },
    async (req) => codeView.view(req.ctx, req.params.token),
  );
  app.get(
    '/reg/:token/courtyards/:courtyardId',
    {
      config: { rateLimit: perClient },
      schema: {
        tags,
        security: [],
        summary: "Buildings, units and rooms of one courtyard in the code's scope",
        params: tokenParam.extend({ courtyardId: z.uuid() }),
        response: { 200: dwellingTree },
      },
    },
    async (req) => codeView.dwellingTree(req.ctx, req.params.token, req.params.courtyardId),
  );
  app.post(
    '/reg/:token/submissions',
    {
      bodyLimit,
      preHandler: perCode,
      // One read, then one statement that writes the family with its audit row (see submit.ts).
      config: { rateLimit: perClient, csrf: false, atomicStatement: true },
      schema: {
        tags,
        security: [],
        summary: "Submit a family's registration (idempotent by the client-generated id)",
        params: tokenParam,
        body: submitBody,
        response: { 200: submitted, 201: submitted },
      },
    },
    async (req, reply) => {
      const r = await submit.submit(req.ctx, req.params.token, req.body);
      reply.status(r.created ? 201 : 200);
      return r.body;
    },
  );
  app.get(
    '/reg-edit/:editToken',
    {
      config: { rateLimit: perClient },
      schema: {
        tags,
        security: [],
        summary: "The family's registration behind its personal edit link",
        params: editTokenParam,
        response: { 200: editView },
      },
    },
    async (req) => submit.editView(req.ctx, req.params.editToken),
  );
  app.get(
    '/reg-edit/:editToken/courtyards/:courtyardId',
    {
      config: { rateLimit: perClient },
      schema: {
        tags,
        security: [],
        summary: "Buildings, units and rooms of a courtyard in the scope of the family's code",
        params: editTokenParam.extend({ courtyardId: z.uuid() }),
        response: { 200: dwellingTree },
      },
    },
    async (req) => submit.editTree(req.ctx, req.params.editToken, req.params.courtyardId),
  );
  app.post(
    '/reg-edit/:editToken/versions',
    {
      bodyLimit,
      config: { rateLimit: perClient, csrf: false },
      schema: {
        tags,
        security: [],
        summary: 'Correct the registration: a new version (nothing is overwritten)',
        params: editTokenParam,
        body: editBody,
        response: { 200: submitted.omit({ editPath: true }) },
      },
    },
    async (req) => submit.saveVersion(req.ctx, req.params.editToken, req.body),
  );
  app.post(
    '/reg-recover',
    {
      config: { rateLimit: on ? { max: config.SELFREG_RECOVER_PER_CLIENT, timeWindow: minute } : false, csrf: false },
      schema: {
        tags,
        security: [],
        summary: 'Family code + a phone number of the family: a new edit link (the old one stops working)',
        body: recoverBody,
        response: { 200: recovered },
      },
    },
    async (req) => submit.recover(req.ctx, req.body),
  );
};
