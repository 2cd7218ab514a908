/** Registration codes (扫码登记的二维码): shared by the server and the console. */
import { z } from 'zod';
import { CODE_PURPOSES } from '../../../../domain/self-registration.js';
import { defineRoutes } from '../../../http/contract.js';
import { areaId, idParams, page, personName } from '../../../kernel/schemas.js';

export const codeStatus = z.enum(['active', 'paused', 'revoked']);

export const createCode = z
  .object({
    areaId: areaId.optional().describe('a community or grid; or give courtyardId'),
    courtyardId: z.uuid().optional(),
    purpose: z.enum(CODE_PURPOSES).default('resident'),
    responsibleName: personName(30),
    responsiblePhone: z.string().trim().max(40),
    expiresOn: z.iso.date().describe('the last day the code works (Asia/Shanghai)'),
    note: z.string().trim().max(200).optional(),
    askEveryone: z
      .boolean()
      .default(false)
      .describe('ask every member for temperature and symptoms (a campaign; district staff only)'),
  })
  .refine((b) => !!b.areaId !== !!b.courtyardId, { message: 'give areaId or courtyardId', path: ['areaId'] });

export const updateCode = z.object({
  responsibleName: personName(30).optional(),
  responsiblePhone: z.string().trim().max(40).optional(),
  expiresOn: z.iso.date().optional(),
  note: z.string().trim().max(200).nullable().optional(),
  askEveryone: z.boolean().optional().describe('district staff only'),
});

export const setStatus = z.object({ status: codeStatus, reason: z.string().trim().min(2).max(200) });

export const codeDto = z.object({
  id: z.uuid(),
  purpose: z.enum(CODE_PURPOSES),
  area: z.object({ id: z.string(), name: z.string(), level: z.string() }),
  courtyard: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  placeName: z.string().describe('the place as printed on the poster'),
  responsibleName: z.string(),
  responsiblePhone: z.string(),
  note: z.string().nullable(),
  askEveryone: z.boolean(),
  status: codeStatus,
  /** active but past its expiry reads as expired. */
  effectiveStatus: z.enum(['active', 'paused', 'revoked', 'expired']),
  statusReason: z.string().nullable(),
  expiresAt: z.string(),
  path: z
    .string()
    .nullable()
    .describe(
      '/m/reg/<token>: the phone page. null when the token cannot be recomputed (a code made before tokens were stored hashed, or under another REG_CODE_SECRET): its posted copies still work, but it cannot be printed again',
    ),
  url: z.string().nullable().describe('PUBLIC_URL + path; null when PUBLIC_URL is not configured or path is null'),
  createdBy: z.string(),
  createdAt: z.string(),
  submissions: z.number().int(),
  open: z.number().int().describe('submissions waiting for review'),
});
export type CodeDto = z.infer<typeof codeDto>;

export const codeListQuery = z.object({
  areaId: areaId.optional(),
  status: z.enum(['active', 'paused', 'revoked', 'expired']).optional(),
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const codeList = page(codeDto);

export const poster = z.object({
  code: codeDto,
  qrSvg: z.string().describe('the QR code as SVG: only the link with its opaque token'),
  instructions: z.array(z.string()).describe('short Chinese steps printed under the code'),
});
export type PosterDto = z.infer<typeof poster>;

const tags = ['self-registration'];

/** The QR codes staff post for families to register themselves. */
export const codeRoutes = defineRoutes({
  'POST /api/reg-codes': {
    tags,
    summary: 'Create a registration code for a courtyard, grid or community',
    body: createCode,
    status: 201,
    response: codeDto,
  },
  'GET /api/reg-codes': { tags, summary: 'Codes in your area, newest first', query: codeListQuery, response: codeList },
  'GET /api/reg-codes/:id': {
    tags,
    summary: 'One code with its submission counts',
    params: idParams,
    response: codeDto,
  },
  'PATCH /api/reg-codes/:id': {
    tags,
    summary: 'Change the responsible person, expiry, note or the ask-everyone switch (district staff)',
    params: idParams,
    body: updateCode,
    response: codeDto,
  },
  'POST /api/reg-codes/:id/status': {
    tags,
    summary: 'Pause, resume or revoke a code (reason, audited; revoking is final)',
    params: idParams,
    body: setStatus,
    response: codeDto,
  },
  'GET /api/reg-codes/:id/poster': {
    tags,
    summary:
      'What the printable A4 poster shows: the QR (SVG), the place, the responsible person, instructions (409 REG_CODE_NOT_REPRINTABLE when path is null)',
    params: idParams,
    response: poster,
  },
  'GET /api/reg-codes/:id/qr.png': {
    tags,
    summary: 'The QR code as a 1024 px PNG download',
    params: idParams,
    file: true,
  },
});
