/**
 * Labels and tags for the self-registration codes the server sends (code purposes
 * and statuses, submission statuses, match conflicts, queue flags). Each falls back
 * to the raw value when the console does not know it yet.
 */
import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { addDays } from '../../../domain/clock.js';
import { isApiError } from '../../api/client.js';
import { formatTime } from '../../lib/format.js';
import type { ConflictKind, EffectiveStatus, QueueItemDto, SubmissionDto } from './types.js';

function lookup(t: TFunction, prefix: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return t(`${prefix}.${value}`, { defaultValue: value });
}

export const purposeLabel = (t: TFunction, v: string) => lookup(t, 'selfreg.purpose', v);
export const conflictLabel = (t: TFunction, v: ConflictKind) => lookup(t, 'selfreg.conflict', v);
export const transportLabel = (t: TFunction, v: string) => lookup(t, 'selfreg.transport', v);
/** Living types are the registry's occupancy types (自有 / 租住 / 寄居 / 临时). */
export const livingTypeLabel = (t: TFunction, v: string) => lookup(t, 'occupancy', v);

const CODE_STATUS_COLORS: Record<EffectiveStatus, string> = {
  active: 'green',
  paused: 'gold',
  revoked: 'default',
  expired: 'orange',
};

export function CodeStatusTag({ status }: { status: EffectiveStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={CODE_STATUS_COLORS[status]} data-status={status}>
      {lookup(t, 'selfreg.codeStatus', status)}
    </Tag>
  );
}

const SUBMISSION_COLORS: Record<SubmissionDto['status'], string> = {
  new: 'blue',
  accepted: 'green',
  rejected: 'default',
};

export function SubmissionStatusTag({ status }: { status: SubmissionDto['status'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={SUBMISSION_COLORS[status]} data-status={status}>
      {lookup(t, 'selfreg.status', status)}
    </Tag>
  );
}

export const CONFLICT_COLORS: Record<ConflictKind, string> = {
  other_dwelling: 'orange',
  phone_differs: 'gold',
  name_differs: 'volcano',
  registered_elsewhere: 'purple',
};

export function ConflictTag({ kind }: { kind: ConflictKind }) {
  const { t } = useTranslation();
  return (
    <Tag color={CONFLICT_COLORS[kind]} data-conflict={kind}>
      {conflictLabel(t, kind)}
    </Tag>
  );
}

/** 冲突 / 重点类别 / 发热 / 改后待审: what a submission in the queue needs attention for. */
export function QueueFlags({
  item,
}: {
  item: Pick<QueueItemDto, 'conflictMembers' | 'categoryMembers' | 'feverMembers' | 'changedAfterReview'>;
}) {
  const { t } = useTranslation();
  const flags = [
    item.conflictMembers > 0 && {
      key: 'conflict',
      color: 'orange',
      text: t('selfreg.flag.conflict', { count: item.conflictMembers }),
    },
    item.categoryMembers > 0 && {
      key: 'category',
      color: 'magenta',
      text: t('selfreg.flag.category', { count: item.categoryMembers }),
    },
    item.feverMembers > 0 && {
      key: 'fever',
      color: 'red',
      text: t('selfreg.flag.fever', { count: item.feverMembers }),
    },
    item.changedAfterReview && { key: 'changed', color: 'purple', text: t('selfreg.flag.changed') },
  ].filter((f): f is { key: string; color: string; text: string } => !!f);
  if (flags.length === 0) return <span>—</span>;
  return (
    <span>
      {flags.map((f) => (
        <Tag key={f.key} color={f.color} data-flag={f.key} style={{ marginBottom: 2 }}>
          {f.text}
        </Tag>
      ))}
    </span>
  );
}

/** "12.5%" from a 0–1 share. */
export function percent(share: number): string {
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

/**
 * The last day a code works, in Beijing time. An expiry at midnight is the
 * exclusive end of the day before.
 */
export function expiryDay(expiresAt: string): string {
  const local = formatTime(expiresAt);
  if (!local.endsWith(' 00:00:00')) return local.slice(0, 10);
  return addDays(local.slice(0, 10), -1);
}

export function queueLink(codeId: string, filter: 'new' | 'all'): string {
  return `/self-registration/queue?${new URLSearchParams({ codeId, filter }).toString()}`;
}

/** A decision about a version that is no longer current (a newer one came, or it was decided): read the submission again. */
export const isStale = (err: unknown) => isApiError(err, 'REG_VERSION_STALE') || isApiError(err, 'REG_ALREADY_DECIDED');
