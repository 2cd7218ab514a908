/**
 * A registry record's history from GET /api/versions: when, who, through which
 * channel (staff, import, self-registration, survey), and each changed field's
 * value before and after.
 */
import { HistoryOutlined } from '@ant-design/icons';
import { Card, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api/client.js';
import type { VersionDto, VersionRecordType } from '../api/types.js';
import { channelLabel, recordFieldLabel } from '../i18n/labels.js';
import { formatTime } from '../lib/format.js';
import { useLoad } from '../lib/useLoad.js';

const CHANNEL_COLORS: Record<string, string> = { staff: 'blue', import: 'purple', self_registration: 'green', survey: 'cyan' };
/** Bookkeeping columns that say nothing to a user. */
const SKIP = new Set(['id', 'created_at', 'updated_at', 'area_path', 'district_id', 'name_grams', 'phone_tail', 'search']);

const notDeployed = (err: unknown) => isApiError(err, 'ROUTE_NOT_FOUND');

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.map(show).join('、') : '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function changes(v: VersionDto): Array<{ key: string; before: unknown; after: unknown }> {
  const keys = [...new Set([...Object.keys(v.before ?? {}), ...Object.keys(v.after ?? {})])].filter((k) => !SKIP.has(k));
  return keys
    .map((key) => ({ key, before: v.before?.[key], after: v.after?.[key] }))
    .filter((c) => show(c.before) !== show(c.after));
}

interface Props {
  type: VersionRecordType;
  id: string;
  /** Changes when the record was saved, to reload. */
  version?: number;
  title?: string;
}

export function VersionHistory({ type, id, version = 0, title }: Props) {
  const { t } = useTranslation();
  const { data, loading, error } = useLoad(
    (signal) => api.get<{ items: VersionDto[] }>('/api/versions', { type, id }, signal),
    `${type}:${id}:${version}`,
    { quiet: notDeployed },
  );

  let body;
  if (notDeployed(error)) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('history.unavailable')} />;
  else if (!data?.items.length) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={loading ? t('app.loading') : t('history.empty')} />;
  else {
    body = (
      <Timeline
        items={data.items.map((v) => {
          const kind = v.before === null ? 'created' : v.after === null ? 'removed' : 'changed';
          const list = changes(v);
          return {
            key: v.id,
            color: kind === 'created' ? 'green' : kind === 'removed' ? 'red' : 'blue',
            content: (
              <div data-testid="version-entry">
                <Space size={8} wrap>
                  <Typography.Text strong>{t(`history.${kind}`)}</Typography.Text>
                  <Typography.Text type="secondary">{formatTime(v.at)}</Typography.Text>
                  <Typography.Text>{v.actorUsername ?? t('history.system')}</Typography.Text>
                  <Tag color={CHANNEL_COLORS[v.channel] ?? 'default'}>{channelLabel(t, v.channel)}</Tag>
                </Space>
                {list.length > 0 && (
                  <table className="ss-diff">
                    <thead>
                      <tr>
                        <th>{t('history.field')}</th>
                        {kind !== 'created' && <th>{t('history.before')}</th>}
                        {kind !== 'removed' && <th>{t('history.after')}</th>}
                      </tr>
                    </thead>
                    <tbody>
                      {list.map((c) => (
                        <tr key={c.key}>
                          <td>{recordFieldLabel(t, c.key)}</td>
                          {kind !== 'created' && <td className="ss-diff-before">{show(c.before)}</td>}
                          {kind !== 'removed' && <td className="ss-diff-after">{show(c.after)}</td>}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </div>
            ),
          };
        })}
      />
    );
  }

  return (
    <Card
      title={
        <Space>
          <HistoryOutlined />
          {title ?? t('history.title')}
        </Space>
      }
      size="small"
      className="ss-no-print"
      data-testid="version-history"
    >
      {body}
    </Card>
  );
}
