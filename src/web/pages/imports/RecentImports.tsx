/** The latest import jobs (one's own and those of one's area), refreshed while one runs. */
import { ReloadOutlined, SyncOutlined } from '@ant-design/icons';
import { Button, Card, Progress, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { legacyApi } from '../../api/legacy.js';
import { showError } from '../../api/feedback.js';
import type { JobDto } from '../../../server/modules/platform/jobs/index.js';
import { jobStatusLabel } from '../../i18n/labels.js';
import { formatTime } from '../../lib/format.js';
import { IMPORT_JOB_KIND, resultOf } from './importApi.js';
import { ErrorReport } from './ProgressStep.js';

const STATUS_COLOR: Record<string, string> = {
  queued: 'default',
  running: 'processing',
  succeeded: 'success',
  failed: 'error',
  cancelled: 'warning',
};
const REFRESH_MS = 2000;
const LIMIT = 10;

interface Props {
  /** Bumped by the page when a job starts or finishes. */
  version: number;
  currentJobId: string | null;
  onOpen(jobId: string): void;
}

export function RecentImports({ version, currentJobId, onOpen }: Props) {
  const { t } = useTranslation();
  const [items, setItems] = useState<JobDto[]>([]);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);

  const load = useCallback(async (quiet = false) => {
    const mine = ++seq.current;
    if (!quiet) setLoading(true);
    try {
      const page = await legacyApi.get<{ items: JobDto[] }>('/api/jobs', { kind: IMPORT_JOB_KIND, limit: LIMIT });
      if (mine === seq.current) setItems(page.items);
    } catch (err) {
      if (!quiet) showError(err);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load, version]);

  const active = items.some((j) => j.status === 'queued' || j.status === 'running');
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(() => void load(true), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [active, load]);

  const columns: TableColumnsType<JobDto> = [
    { title: t('imports.createdAt'), dataIndex: 'createdAt', key: 'createdAt', width: 170, render: formatTime },
    {
      title: t('jobs.status'),
      key: 'status',
      width: 110,
      render: (_: unknown, j) => (
        <Tag
          color={STATUS_COLOR[j.status] ?? 'default'}
          icon={j.status === 'running' ? <SyncOutlined spin /> : undefined}
        >
          {jobStatusLabel(t, j.status)}
        </Tag>
      ),
    },
    {
      title: t('jobs.progress'),
      key: 'progress',
      width: 160,
      render: (_: unknown, j) => (
        <Progress
          percent={j.status === 'succeeded' ? 100 : Math.max(0, Math.min(100, j.progress))}
          size="small"
          status={j.status === 'failed' ? 'exception' : undefined}
        />
      ),
    },
    {
      title: t('jobs.result'),
      key: 'result',
      render: (_: unknown, j) => {
        const r = resultOf(j);
        if (!j.result) return t('common.none');
        return (
          <Space orientation="vertical" size={0}>
            <Typography.Text>
              {t('imports.counts', { imported: r.imported ?? 0, rejected: r.rejected ?? 0, warned: r.warned ?? 0 })}
            </Typography.Text>
            {((r.rejected ?? 0) > 0 || (r.warned ?? 0) > 0 || r.errorReport) && j.status !== 'running' && (
              <ErrorReport jobId={j.id} compact />
            )}
          </Space>
        );
      },
    },
    {
      title: t('common.actions'),
      key: 'open',
      width: 90,
      render: (_: unknown, j) =>
        j.id === currentJobId ? null : (
          <Button type="link" size="small" onClick={() => onOpen(j.id)} data-testid={`import-recent-open-${j.id}`}>
            {t('imports.open')}
          </Button>
        ),
    },
  ];

  return (
    <Card
      title={t('imports.recent')}
      extra={
        <Button size="small" icon={<ReloadOutlined />} onClick={() => void load()} aria-label={t('common.refresh')} />
      }
      styles={{ body: { padding: 0 } }}
      data-testid="import-recent"
    >
      <Table<JobDto>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items}
        loading={loading && items.length === 0}
        pagination={false}
        scroll={{ x: 760 }}
        locale={{ emptyText: t('imports.recentEmpty') }}
      />
    </Card>
  );
}
