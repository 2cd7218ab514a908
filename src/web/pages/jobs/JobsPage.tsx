import { Alert, Button, Card, Popconfirm, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Result } from '../../api/client.js';
import { showError, toastSuccess } from '../../api/feedback.js';
import { useCan } from '../../auth/session.js';
import { JobStatusTag } from '../../components/JobStatusTag.js';
import { LoadMore } from '../../components/LoadMore.js';
import { RefreshButton } from '../../components/RefreshButton.js';
import { usePagedEdits } from '../../components/usePagedEdits.js';
import { jobKindLabel, jobStatusLabel } from '../../i18n/labels.js';
import { formatTime } from '../../lib/format.js';
import { usePaged } from '../../lib/usePaged.js';

type JobDto = Result<'GET', '/api/jobs/:id'>;
type Status = JobDto['status'];

const STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const satisfies readonly Status[];
const REFRESH_MS = 2000;

export function JobsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [status, setStatus] = useState<Status | undefined>(undefined);
  const [version, setVersion] = useState(0);
  const key = `${status ?? ''}:${version}`;
  const list = usePaged('/api/jobs', { query: { status, limit: 50 } }, key);
  const { rows: items, put } = usePagedEdits(list.items, key);

  // While a job runs, the rows shown (and any newer job) are read again, quietly.
  const active = items.some((j) => j.status === 'running' || j.status === 'queued');
  const shown = useRef(items.length);
  shown.current = items.length;
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(() => {
      const limit = Math.min(200, Math.max(50, shown.current));
      void api.get('/api/jobs', { query: { status, limit } }).then(
        (page) => put(...page.items),
        () => undefined,
      );
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [active, status, put]);

  const cancel = async (job: JobDto) => {
    try {
      put(await api.post('/api/jobs/:id/cancel', { params: { id: job.id } }));
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
          <JobStatusTag status={j.status} />
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
            onConfirm={() => void cancel(j)}
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
            onChange={(v: Status | undefined) => setStatus(v)}
            options={STATUSES.map((s) => ({ value: s, label: jobStatusLabel(t, s) }))}
          />
          <RefreshButton onClick={() => setVersion((n) => n + 1)} />
          {active && <Alert type="info" showIcon title={t('jobs.autoRefresh')} style={{ padding: '4px 12px' }} />}
        </Space>
      </Card>
      <Card styles={{ body: { padding: 0 } }}>
        <Table<JobDto>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={list.loading && items.length === 0}
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
        <LoadMore count={items.length} hasMore={list.hasMore} loading={list.loading} onMore={() => void list.more()} />
      </Card>
    </>
  );
}
