/**
 * QR family self-registration (扫码登记) for the console: registration codes, the
 * review queue and decisions, figures. Types come from the server's shared zod
 * schemas (types only); each function is one endpoint.
 */
import type { z } from 'zod';
import type { CodePurpose } from '../../domain/self-registration.js';
import type {
  codeDto,
  codeList,
  codeListQuery,
  createCode,
  poster,
  setStatus,
  updateCode,
} from '../../server/modules/self-registration/codes/schemas.js';
import type {
  acceptBody,
  acceptResult,
  figures,
  queue,
  queueItem,
  QUEUE_FILTERS,
  rejectBody,
  reviewMember,
  submissionDetail,
  versionEntry,
} from '../../server/modules/self-registration/review/schemas.js';
import { download } from './client.js';
import { legacyApi } from './legacy.js';
import type { MeasureDto } from '../../server/modules/health/measures/index.js';

export type { CodePurpose };
export type CodeDto = z.infer<typeof codeDto>;
export type CodeListDto = z.infer<typeof codeList>;
export type CodeStatusFilter = NonNullable<z.input<typeof codeListQuery>['status']>;
export type EffectiveStatus = CodeDto['effectiveStatus'];
export type CreateCodeBody = z.input<typeof createCode>;
export type UpdateCodeBody = z.input<typeof updateCode>;
export type SetStatusBody = z.input<typeof setStatus>;
export type PosterDto = z.infer<typeof poster>;

export type QueueFilter = (typeof QUEUE_FILTERS)[number];
export type QueueItemDto = z.infer<typeof queueItem>;
export type QueueDto = z.infer<typeof queue>;
export type SubmissionDto = z.infer<typeof submissionDetail>;
export type ReviewMemberDto = z.infer<typeof reviewMember>;
export type ConflictKind = ReviewMemberDto['match']['conflicts'][number];
export type ProposalDto = NonNullable<ReviewMemberDto['proposal']>;
export type VersionEntryDto = z.infer<typeof versionEntry>;
export type AcceptBody = z.input<typeof acceptBody>;
export type MemberAction = NonNullable<AcceptBody['members']>[number]['action'];
export type AcceptResultDto = z.infer<typeof acceptResult>;
export type RejectBody = z.input<typeof rejectBody>;
export type RegFiguresDto = z.infer<typeof figures>;

/** The order of the queue's filter tabs. */
export const QUEUE_TABS: readonly QueueFilter[] = [
  'new',
  'conflicts',
  'category',
  'fever',
  'waiting',
  'accepted',
  'rejected',
  'all',
];

/** Keyset-paginated lists (for usePaged). */
export const CODES_PATH = '/api/reg-codes';
export const QUEUE_PATH = '/api/reg-submissions';

export const regCodes = {
  get: (id: string, signal?: AbortSignal) => legacyApi.get<CodeDto>(`/api/reg-codes/${id}`, undefined, signal),
  create: (body: CreateCodeBody) => legacyApi.post<CodeDto>('/api/reg-codes', body),
  update: (id: string, body: UpdateCodeBody) => legacyApi.patch<CodeDto>(`/api/reg-codes/${id}`, body),
  setStatus: (id: string, body: SetStatusBody) => legacyApi.post<CodeDto>(`/api/reg-codes/${id}/status`, body),
  poster: (id: string, signal?: AbortSignal) =>
    legacyApi.get<PosterDto>(`/api/reg-codes/${id}/poster`, undefined, signal),
  /** The server's 1024 px PNG of the QR code, saved under its file name. */
  downloadPng: (id: string) => download(`/api/reg-codes/${id}/qr.png`, 'qr.png'),
};

export const regReview = {
  get: (id: string, signal?: AbortSignal) =>
    legacyApi.get<SubmissionDto>(`/api/reg-submissions/${id}`, undefined, signal),
  accept: (id: string, body: AcceptBody) => legacyApi.post<AcceptResultDto>(`/api/reg-submissions/${id}/accept`, body),
  reject: (id: string, body: RejectBody) => legacyApi.post<SubmissionDto>(`/api/reg-submissions/${id}/reject`, body),
  /** 一键管控: the member under the measure proposed for them (client id: a double click places once). */
  place: (id: string, body: { id: string; memberKey: string; siteId?: string; roomId?: string; bed?: string }) =>
    legacyApi.post<MeasureDto>(`/api/reg-submissions/${id}/place`, body),
  figures: (query: { areaId?: string; day?: string }, signal?: AbortSignal) =>
    legacyApi.get<RegFiguresDto>('/api/reg-figures', query, signal),
};
