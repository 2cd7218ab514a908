/**
 * Every version the family submitted (newest first), each with what changed against
 * the one before: field, before → after. Personal values come masked by role.
 */
import { HistoryOutlined } from '@ant-design/icons';
import { Card, Space, Tag, Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { docTypeLabel, relationshipLabel } from '../../i18n/labels.js';
import { formatTime } from '../../lib/format.js';
import { symptomLabel } from '../health/labels.js';
import { memberNames, tripPlace } from './AnswersCard.js';
import { livingTypeLabel, transportLabel } from './labels.js';
import type { SubmissionDto, VersionEntryDto } from './types.js';

type Change = VersionEntryDto['changes'][number];

const record = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {};

/**
 * "members[k1].health.temperature" → { who: "张三", field: "health.temperature" }. A member
 * no longer in the family is named from the removed value itself.
 */
function split(c: Change, nameOf: (key: string) => string): { who: string | null; field: string } {
  const m = /^members\[([^\]]+)\]\.?(.*)$/.exec(c.path);
  if (!m) return { who: null, field: c.path };
  const key = m[1]!;
  const known = nameOf(key);
  const named = record(c.before).name ?? record(c.after).name;
  return { who: known === key && typeof named === 'string' ? named : known, field: m[2] || 'member' };
}

/** A value read from a change, as text (objects as JSON). */
function str(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** A changed value in words: codes as labels, trips and contacts as lines, members as their name. */
function valueText(t: TFunction, field: string, value: unknown, nameOf: (key: string) => string): string {
  if (value === null || value === undefined || value === '') return '—';
  const sep = t('common.listSep');
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? (v as unknown[]) : [v]);
  switch (field) {
    case 'livingType':
      return livingTypeLabel(t, str(value));
    case 'relationship':
      return relationshipLabel(t, str(value));
    case 'docType':
      return docTypeLabel(t, str(value));
    case 'localHukou':
      return value ? t('common.yes') : t('common.no');
    case 'health.symptoms':
      return list(value).length
        ? list(value)
            .map((s) => symptomLabel(t, str(s)))
            .join(sep)
        : t('selfreg.members.noSymptoms');
    case 'health':
      return [
        `${str(record(value).temperature ?? '—')}℃`,
        ...list(record(value).symptoms ?? []).map((s) => symptomLabel(t, str(s))),
      ].join(' ');
    case 'member':
      return [record(value).name, relationshipLabel(t, str(record(value).relationship ?? ''))]
        .filter(Boolean)
        .join(' ');
    case 'trips':
      return (
        list(value)
          .map((x) => {
            const r = record(x);
            const who = list(r.members ?? [])
              .map((k) => nameOf(str(k)))
              .join(sep);
            return [
              tripPlace({
                place: str(r.place ?? ''),
                otherPlace: (r.otherPlace as string | null | undefined) ?? null,
              }),
              r.returnDate,
              transportLabel(t, str(r.transport ?? '')),
              r.transportNo,
              who,
            ]
              .filter(Boolean)
              .join(' ');
          })
          .join('；') || '—'
      );
    case 'contacts':
      return (
        list(value)
          .map((x) => `${nameOf(str(record(x).member ?? ''))} ${str(record(x).lastContact ?? '')}`)
          .join('；') || '—'
      );
    default:
      if (Array.isArray(value)) return value.length ? list(value).map(str).join(sep) : '—';
      if (typeof value === 'object') return JSON.stringify(value);
      return str(value);
  }
}

function Changes({ changes, nameOf }: { changes: Change[]; nameOf: (key: string) => string }) {
  const { t } = useTranslation();
  return (
    <table className="ss-diff">
      <thead>
        <tr>
          <th>{t('history.field')}</th>
          <th>{t('history.before')}</th>
          <th>{t('history.after')}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => {
          const { who, field } = split(c, nameOf);
          const label = t(`selfreg.field.${field}`, { defaultValue: field });
          return (
            <tr key={c.path} data-testid="version-change" data-path={c.path}>
              <td>{who ? `${who} · ${label}` : label}</td>
              <td className="ss-diff-before">{valueText(t, field, c.before, nameOf)}</td>
              <td className="ss-diff-after">{valueText(t, field, c.after, nameOf)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function VersionsCard({ data }: { data: SubmissionDto }) {
  const { t } = useTranslation();
  const nameOf = memberNames(data);
  return (
    <Card
      size="small"
      title={
        <Space>
          <HistoryOutlined />
          {t('selfreg.versions.title')}
        </Space>
      }
      data-testid="versions-card"
    >
      <Timeline
        items={[...data.versions].reverse().map((v) => ({
          key: v.no,
          color: v.no === 1 ? 'green' : 'blue',
          content: (
            <div data-testid="version-entry">
              <Space size={8} wrap>
                <Typography.Text strong>{t('selfreg.versionNo', { no: v.no })}</Typography.Text>
                <Typography.Text type="secondary">{formatTime(v.createdAt)}</Typography.Text>
                <Tag color={v.channel === 'self' ? 'green' : 'purple'}>
                  {t(`selfreg.versions.channel.${v.channel}`)}
                </Tag>
                {data.decision?.version === v.no && <Tag>{t('selfreg.versions.decided')}</Tag>}
              </Space>
              {v.changes.length > 0 ? (
                <Changes changes={v.changes} nameOf={nameOf} />
              ) : (
                <div>
                  <Typography.Text type="secondary">
                    {v.no === 1 ? t('selfreg.versions.first') : t('selfreg.versions.noChanges')}
                  </Typography.Text>
                </div>
              )}
            </div>
          ),
        }))}
      />
    </Card>
  );
}
