/**
 * A registry record's history (newest first) from GET /api/versions: when, who, through which
 * channel (staff, import, self-registration, survey), and each changed field's
 * value before and after — personal values as the server presents them to the role.
 */
import { HistoryOutlined } from '@ant-design/icons';
import { Card, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { api } from '../api/client.js';
import type { VersionDto, VersionRecordType } from '../api/registry.js';
import { i18n } from '../i18n/index.js';
import {
  channelLabel,
  courtyardKindLabel,
  docTypeLabel,
  dwellingUseLabel,
  gateLabel,
  genderLabel,
  occupancyLabel,
  populationTypeLabel,
  recordFieldLabel,
  relationshipLabel,
} from '../i18n/labels.js';
import { formatTime } from '../lib/format.js';
import { useLoad } from '../lib/useLoad.js';

const CHANNEL_COLORS: Record<string, string> = {
  staff: 'blue',
  import: 'purple',
  self_registration: 'green',
  survey: 'cyan',
};
/** Bookkeeping columns that say nothing to a user (ids of linked records included: the page links them). */
const SKIP = new Set([
  'id',
  'created_at',
  'updated_at',
  'area_path',
  'district_id',
  'name_grams',
  'phone_tail',
  'search',
]);
const isSkipped = (key: string) => SKIP.has(key) || key.endsWith('_id');

/** Code columns shown with their label. */
const CODES: Record<string, (t: TFunction, v: string) => string> = {
  gender: genderLabel,
  doc_type: docTypeLabel,
  population_type: populationTypeLabel,
  type: occupancyLabel,
  relationship: relationshipLabel,
  kind: courtyardKindLabel,
  gate_status: gateLabel,
  use: dwellingUseLabel,
};

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.map(show).join(i18n.t('common.listSep')) : '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function changes(v: VersionDto, t: TFunction): Array<{ key: string; before: string; after: string }> {
  const keys = [...new Set([...Object.keys(v.before ?? {}), ...Object.keys(v.after ?? {})])].filter(
    (k) => !isSkipped(k),
  );
  const text = (key: string, value: unknown) => {
    const code = CODES[key];
    return code && typeof value === 'string' ? code(t, value) : show(value);
  };
  return keys
    .filter((key) => show(v.before?.[key]) !== show(v.after?.[key]))
    .map((key) => ({ key, before: text(key, v.before?.[key]), after: text(key, v.after?.[key]) }));
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
  const { data, loading } = useLoad(
    (signal) => api.get('/api/versions', { query: { type, id }, signal }),
    `${type}:${id}:${version}`,
  );

  let body;
  if (!data?.items.length)
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={loading ? t('app.loading') : t('history.empty')} />;
  else {
    body = (
      <Timeline
        items={[...data.items].reverse().map((v) => {
          const kind = v.before === null ? 'created' : v.after === null ? 'removed' : 'changed';
          const list = changes(v, t);
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
                          <td>{t(`field.${type}.${c.key}`, { defaultValue: recordFieldLabel(t, c.key) })}</td>
                          {kind !== 'created' && <td className="ss-diff-before">{c.before}</td>}
                          {kind !== 'removed' && <td className="ss-diff-after">{c.after}</td>}
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
