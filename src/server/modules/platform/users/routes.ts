import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createUser, updateUser, user, userList, userListQuery } from './schemas.js';
import * as service from './service.js';

const params = z.object({ id: z.uuid() });
const tags = ['users'];

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags,
        summary: "Accounts inside the actor's area subtree",
        querystring: userListQuery,
        response: { 200: userList },
      },
    },
    async (req) => service.list(req.ctx, req.query),
  );
  app.get('/:id', { schema: { tags, summary: 'One account', params, response: { 200: user } } }, async (req) =>
    service.get(req.ctx, req.params.id),
  );
  app.post(
    '/',
    {
      schema: {
        tags,
        summary: 'Create an account (must change its password at first sign-in)',
        body: createUser,
        response: { 201: user },
      },
    },
    async (req, reply) => {
      const created = await service.create(req.ctx, req.body);
      reply.status(201);
      return created;
    },
  );
  app.patch(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Edit, reassign, disable/enable, unlock or reset the password of an account',
        params,
        body: updateUser,
        response: { 200: user },
      },
    },
    async (req) => service.update(req.ctx, req.params.id, req.body),
  );
};
