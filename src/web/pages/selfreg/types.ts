/**
 * The self-registration answers as the console's pages name them: each derived from
 * the API contract (types only), none written twice.
 */
import type { BodyOf, QueryOf, Result } from '../../api/client.js';
import type { ItemOf } from '../../lib/usePaged.js';

export type CodeDto = Result<'GET', '/api/reg-codes/:id'>;
export type CodeStatusFilter = NonNullable<QueryOf<'GET', '/api/reg-codes'>['status']>;
export type EffectiveStatus = CodeDto['effectiveStatus'];
export type PosterDto = Result<'GET', '/api/reg-codes/:id/poster'>;

export type QueueFilter = NonNullable<QueryOf<'GET', '/api/reg-submissions'>['filter']>;
export type QueueItemDto = ItemOf<'/api/reg-submissions'>;

export type SubmissionDto = Result<'GET', '/api/reg-submissions/:id'>;
export type ReviewMemberDto = SubmissionDto['members'][number];
export type ConflictKind = ReviewMemberDto['match']['conflicts'][number];
export type ProposalDto = NonNullable<ReviewMemberDto['proposal']>;
export type VersionEntryDto = SubmissionDto['versions'][number];
export type MemberAction = NonNullable<BodyOf<'POST', '/api/reg-submissions/:id/accept'>['members']>[number]['action'];
export type AcceptResultDto = Result<'POST', '/api/reg-submissions/:id/accept'>;
export type PlacedMeasure = Result<'POST', '/api/reg-submissions/:id/place'>;

export type RegFiguresDto = Result<'GET', '/api/reg-figures'>;
