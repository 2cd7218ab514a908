/**
 * Response serialization: each route's zod response schema is turned into JSON
 * Schema once, and fast-json-stringify compiles a serializer from it. Like the zod
 * serializer it replaces, it writes only the declared properties (so a column that
 * is not in the schema can never leak), but without re-parsing every response.
 */
import fastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { z } from 'zod';

export const serializerCompiler: FastifySerializerCompiler<z.ZodType> = ({ schema }) => {
  const json = z.toJSONSchema(schema, { target: 'draft-7', io: 'output', unrepresentable: 'any' });
  return fastJson(json as Parameters<typeof fastJson>[0]);
};
