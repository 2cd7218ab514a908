import { ReloadOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Popconfirm, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { legacyApi } from '../../api/legacy.js';
import { showError, toastSuccess } from '../../api/feedback.js';
import type { JobDto, Page } from '../../api/types.js';
import { useCan } from '../../auth/session.js';
import { LoadMore } from '../../components/LoadMore.js';
import { jobKindLabel, jobStatusLabel } from '../../i18n/labels.js';
import { formatTime } from '../../lib/format.js';

const STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
const STATUS_COLOR: Record<string, string> = {
  queued: 'default',
  running: 'processing',
  succeeded: 'success',
  failed: 'error',
  cancelled: 'warning',
};
const REFRESH_MS = 2000;

export function JobsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [status, setStatus] = useState<string | undefined>(undefined);
  const [items, setItems] = useState<JobDto[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const ticketRef = useRef(0);
  const pagesRef = useRef(1);

  /** Loads the first page (or, for an auto refresh, as many rows as are shown). */
  const load = useCallback(
    async (after?: string, quiet = false) => {
      const ticket = ++ticketRef.current;
      if (!quiet) setLoading(true);
      try {
        const page = await legacyApi.get<Page<JobDto>>('/api/jobs', {
          status,
          after,
          limit: after || !quiet ? 50 : Math.min(200, 50 * pagesRef.current),
        });
        if (ticket !== ticketRef.current) return;
        if (after) pagesRef.current += 1;
        else if (!quiet) pagesRef.current = 1;
        setItems((current) => (after ? [...current, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (err) {
        if (!quiet) showError(err);
      } finally {
        if (ticket === ticketRef.current) setLoading(false);
      }
    },
    [status],
  );

  useEffect(() => {
    void load();
  }, [load]);

  const active = items.some((j) => j.status === 'running' || j.status === 'queued');
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(() => void load(undefined, true), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [active, load]);

  const cancel = async (job: JobDto) => {
    try {
      const updated = await legacyApi.post<JobDto>(`/api/jobs/${job.id}/cancel`);
      setItems((list) => list.map((j) => (j.id === updated.id ? updated : j)));
      toastSuccess(t('jobs.cancelRequested'));
    } catch (err) {
      showError(err);
    }
  };

  const columns: TableColumnsType<JobDto> = [
    {
      title: t('jobs.kind'),
      dataIndex: 'kind',
      key: 'kind',
      render: (k: string) => (
        <Space orientation="vertical" size={0}>
          <span>{jobKindLabel(t, k)}</span>
          <Typography.Text type="secondary" className="ss-mono" style={{ fontSize: 12 }}>
            {k}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('jobs.status'),
      key: 'status',
      width: 140,
      render: (_, j) => (
        <Space size={4} wrap>
          <Tag
            color={STATUS_COLOR[j.status] ?? 'default'}
            icon={j.status === 'running' ? <SyncOutlined spin /> : undefined}
          >
            {jobStatusLabel(t, j.status)}
          </Tag>
          {j.cancelRequested && j.status !== 'cancelled' && <Tag color="warning">{t('jobs.cancelRequested')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('jobs.progress'),
      key: 'progress',
      width: 200,
      render: (_, j) => (
        <Progress
          percent={Math.max(0, Math.min(100, j.progress))}
          size="small"
          status={
            j.status === 'failed'
              ? 'exception'
              : j.status === 'running'
                ? 'active'
                : j.status === 'succeeded'
                  ? 'success'
                  : 'normal'
          }
        />
      ),
    },
    { title: t('jobs.attempts'), key: 'attempts', width: 100, render: (_, j) => `${j.attempts} / ${j.maxAttempts}` },
    { title: t('jobs.createdAt'), dataIndex: 'createdAt', key: 'createdAt', width: 170, render: formatTime },
    { title: t('jobs.finishedAt'), dataIndex: 'finishedAt', key: 'finishedAt', width: 170, render: formatTime },
  ];
  if (can('job.cancel')) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_, j) =>
        (j.status === 'queued' || j.status === 'running') && !j.cancelRequested ? (
          <Popconfirm
            title={t('jobs.cancelConfirm')}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            onConfirm={() => cancel(j)}
          >
            <Button size="small" danger type="link">
              {t('jobs.cancel')}
            </Button>
          </Popconfirm>
        ) : null,
    });
  }

  return (
    <>
      <Typography.Title level={4} className="ss-page-title">
        {t('jobs.title')}
      </Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <Select
            allowClear
            placeholder={t('jobs.status')}
            style={{ width: 180 }}
            value={status}
            onChange={(v: string | undefined) => setStatus(v)}
            options={STATUSES.map((s) => ({ value: s, label: jobStatusLabel(t, s) }))}
          />
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            {t('common.refresh')}
          </Button>
          {active && <Alert type="info" showIcon title={t('jobs.autoRefresh')} style={{ padding: '4px 12px' }} />}
        </Space>
      </Card>
      <Card styles={{ body: { padding: 0 } }}>
        <Table<JobDto>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={loading && items.length === 0}
          pagination={false}
          scroll={{ x: 1000 }}
          expandable={{
            rowExpandable: (j) => j.result !== null || j.error !== null,
            expandedRowRender: (j) => (
              <pre className="ss-json">
                {JSON.stringify(j.error ? { [t('jobs.error')]: j.error } : { [t('jobs.result')]: j.result }, null, 2)}
              </pre>
            ),
          }}
          data-testid="jobs-table"
        />
        <LoadMore
          count={items.length}
          hasMore={cursor !== null}
          loading={loading}
          onMore={() => void load(cursor ?? undefined)}
        />
      </Card>
    </>
  );
}
