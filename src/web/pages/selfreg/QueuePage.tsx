/**
 * 审核队列: families' submissions waiting in the reviewer's grids (new, with
 * conflicts, in a key category, with fever, waiting over 24 hours) and those already
 * decided, by area and by code (?codeId=). A row opens the submission.
 */
import { Card, Empty, Flex, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { QUEUE_FILTERS } from '../../../domain/self-registration.js';
import { api } from '../../api/client.js';
import { useMe } from '../../auth/session.js';
import { LoadMore } from '../../components/LoadMore.js';
import { RefreshButton } from '../../components/RefreshButton.js';
import { formatTime } from '../../lib/format.js';
import { usePaged } from '../../lib/usePaged.js';
import { useLoad } from '../../lib/useLoad.js';
import { AreaFilter } from './AreaFilter.js';
import { QueueFlags, SubmissionStatusTag } from './labels.js';
import type { QueueFilter, QueueItemDto } from './types.js';

const WAIT_LIMIT_HOURS = 24;

/** "3 小时", "1 天 2 小时", "不到 1 小时". */
export function waitedText(t: TFunction, hours: number): string {
  if (hours < 1) return t('selfreg.queue.underHour');
  const h = Math.floor(hours);
  return h < 48
    ? t('selfreg.queue.hours', { count: h })
    : t('selfreg.queue.days', { days: Math.floor(h / 24), hours: h % 24 });
}

export function QueuePage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filter = (QUEUE_FILTERS as readonly string[]).includes(params.get('filter') ?? '')
    ? (params.get('filter') as QueueFilter)
    : 'new';
  const areaId = params.get('areaId') ?? undefined;
  const codeId = params.get('codeId') ?? undefined;
  const [version, setVersion] = useState(0);
  const set = (next: Partial<Record<'filter' | 'areaId' | 'codeId', string | undefined>>) => {
    const merged: Record<string, string | undefined> = { filter, areaId, codeId, ...next };
    if (merged.filter === 'new') merged.filter = undefined;
    if (merged.areaId === me.scope.id) merged.areaId = undefined;
    setParams(Object.fromEntries(Object.entries(merged).filter((e): e is [string, string] => !!e[1])));
  };
  const page = usePaged(
    '/api/reg-submissions',
    { query: { filter, areaId, codeId, limit: 50 } },
    `${filter}:${areaId ?? ''}:${codeId ?? ''}:${version}`,
  );
  const code = useLoad(
    (signal) => (codeId ? api.get('/api/reg-codes/:id', { params: { id: codeId }, signal }) : Promise.resolve(null)),
    codeId ?? '',
    { quiet: () => true },
  );

  const columns: TableColumnsType<QueueItemDto> = [
    {
      title: t('selfreg.queue.place'),
      key: 'place',
      render: (_: unknown, s) => (
        <Space orientation="vertical" size={0}>
          <Space size={4} wrap>
            <Typography.Text strong>{s.place ?? '—'}</Typography.Text>
            {!s.listed && <Tag color="orange">{t('selfreg.queue.unlisted')}</Tag>}
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {s.area.name} · {s.code.placeName}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('selfreg.queue.head'),
      dataIndex: 'headName',
      key: 'head',
      render: (v: string | null) => <span data-testid="queue-head">{v ?? '—'}</span>,
    },
    { title: t('selfreg.queue.members'), dataIndex: 'members', key: 'members', align: 'right' },
    { title: t('selfreg.queue.flags'), key: 'flags', render: (_: unknown, s) => <QueueFlags item={s} /> },
    {
      title: t('selfreg.queue.status'),
      key: 'status',
      render: (_: unknown, s) => (
        <Space size={4}>
          <SubmissionStatusTag status={s.status} />
          {s.version > 1 && (
            <Typography.Text type="secondary">{t('selfreg.versionNo', { no: s.version })}</Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('selfreg.queue.waited'),
      key: 'waited',
      className: 'ss-nowrap',
      render: (_: unknown, s) =>
        s.status === 'new' ? (
          <span
            style={s.waitingHours >= WAIT_LIMIT_HOURS ? { color: '#cf1322', fontWeight: 600 } : undefined}
            data-testid="queue-waited"
          >
            {waitedText(t, s.waitingHours)}
          </span>
        ) : (
          '—'
        ),
    },
    {
      title: t('selfreg.queue.submitted'),
      key: 'submitted',
      className: 'ss-nowrap',
      render: (_: unknown, s) => (
        <Space orientation="vertical" size={0}>
          <span>{formatTime(s.submittedAt).slice(5, 16)}</span>
          {s.updatedAt !== s.submittedAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('selfreg.queue.updated', { time: formatTime(s.updatedAt).slice(5, 16) })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('selfreg.queue.title')}
        </Typography.Title>
        <RefreshButton onClick={() => setVersion((v) => v + 1)} loading={page.loading} />
      </Flex>
      <Card styles={{ body: { padding: 16 } }} style={{ marginBottom: 16 }}>
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Segmented<QueueFilter>
            value={filter}
            onChange={(f) => set({ filter: f })}
            options={QUEUE_FILTERS.map((f) => ({
              value: f,
              label: <span data-testid={`queue-filter-${f}`}>{t(`selfreg.queue.filter.${f}`)}</span>,
            }))}
            data-testid="queue-filter"
            style={{ maxWidth: '100%', overflowX: 'auto' }}
          />
          <Space wrap>
            <AreaFilter areaId={areaId} onChange={(id) => set({ areaId: id })} testId="queue-area" />
            {codeId && (
              <Tag closable onClose={() => set({ codeId: undefined })} color="blue" data-testid="queue-code">
                {t('selfreg.queue.byCode', { place: code.data?.placeName ?? '…' })}
              </Tag>
            )}
          </Space>
          <Typography.Text type="secondary">{t(`selfreg.queue.hint.${filter}`)}</Typography.Text>
        </Space>
      </Card>
      <Card styles={{ body: { padding: 0 } }}>
        <Table<QueueItemDto>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={page.items}
          loading={page.loading && page.items.length === 0}
          pagination={false}
          scroll={{ x: 1000 }}
          rowClassName={() => 'ss-clickable-row'}
          onRow={(s) =>
            ({
              onClick: () => void navigate(`/self-registration/submissions/${s.id}`),
              'data-testid': 'queue-row',
              'data-submission-id': s.id,
            }) as React.HTMLAttributes<HTMLElement>
          }
          locale={{ emptyText: <Empty description={t('selfreg.queue.empty')} /> }}
          data-testid="queue-table"
        />
        {page.items.length > 0 && (
          <LoadMore
            count={page.items.length}
            hasMore={page.hasMore}
            loading={page.loading}
            onMore={() => void page.more()}
          />
        )}
      </Card>
    </>
  );
}
