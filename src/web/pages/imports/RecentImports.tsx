/** The latest import jobs (one's own and those of one's area), refreshed while one runs. */
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Progress, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobDto } from '../../../server/modules/platform/jobs/index.js';
import { JobStatusTag } from '../../components/JobStatusTag.js';
import { formatTime } from '../../lib/format.js';
import { useLoad } from '../../lib/useLoad.js';
import { recentImports, resultOf } from './importApi.js';
import { ErrorReport } from './ProgressStep.js';

const REFRESH_MS = 2000;
const LIMIT = 10;

interface Props {
  /** Bumped by the page when a job starts or finishes. */
  version: number;
  currentJobId: string | null;
  onOpen: (jobId: string) => void;
}

export function RecentImports({ version, currentJobId, onOpen }: Props) {
  const { t } = useTranslation();
  /** Bumped by the refresh timer: a refresh that fails stays quiet. */
  const [tick, setTick] = useState(0);
  const polling = useRef(false);
  const recent = useLoad(() => recentImports(LIMIT), `${version}:${tick}`, { quiet: () => polling.current });
  const { data, loading } = recent;
  const items = data?.items ?? [];
  // A refresh the page asks for (a job started or finished) says so when it fails.
  useEffect(() => {
    polling.current = false;
  }, [version]);

  const active = items.some((j) => j.status === 'queued' || j.status === 'running');
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(() => {
      polling.current = true;
      setTick((n) => n + 1);
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [active]);
  const refresh = () => {
    polling.current = false;
    recent.reload();
  };

  const columns: TableColumnsType<JobDto> = [
    { title: t('imports.createdAt'), dataIndex: 'createdAt', key: 'createdAt', width: 170, render: formatTime },
    {
      title: t('jobs.status'),
      key: 'status',
      width: 110,
      render: (_: unknown, j) => <JobStatusTag status={j.status} />,
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
      extra={<Button size="small" icon={<ReloadOutlined />} onClick={refresh} aria-label={t('common.refresh')} />}
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
