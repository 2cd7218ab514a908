/**
 * Step 3: the import job's progress (polled every second while it runs), then the
 * outcome: rows imported / rejected / to check, the error report, where to look next.
 */
import { DownloadOutlined, FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Popconfirm, Progress, Result, Row, Space, Statistic, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { download } from '../../api/client.js';
import { showError, toastSuccess } from '../../api/feedback.js';
import type { JobDto } from '../../../server/modules/platform/jobs/index.js';
import { useCan } from '../../auth/session.js';
import { jobStatusLabel } from '../../i18n/labels.js';
import { cancelJob, errorReportUrl, getJob, resultOf } from './importApi.js';

const POLL_MS = 1000;

interface Props {
  jobId: string;
  /** The grid imported into, when known (for the courtyard list link). */
  gridId?: string | null;
  onChanged: (job: JobDto) => void;
  onRestart: () => void;
}

export function ProgressStep({ jobId, gridId, onChanged, onRestart }: Props) {
  const { t } = useTranslation();
  const can = useCan();
  const [job, setJob] = useState<JobDto | null>(null);
  const [tick, setTick] = useState(0);
  const changed = useRef(onChanged);
  changed.current = onChanged;

  useEffect(() => {
    setJob(null);
  }, [jobId]);

  // Poll while queued or running; a failed poll is retried a little later.
  useEffect(() => {
    const controller = new AbortController();
    let timer = 0;
    const poll = async () => {
      try {
        const next = await getJob(jobId, controller.signal);
        if (controller.signal.aborted) return;
        setJob(next);
        changed.current(next);
        if (next.status === 'queued' || next.status === 'running')
          timer = window.setTimeout(() => void poll(), POLL_MS);
      } catch (err) {
        if (controller.signal.aborted) return;
        showError(err);
        timer = window.setTimeout(() => void poll(), POLL_MS * 5);
      }
    };
    void poll();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
    // onChanged is a notification only (read through a ref); polling restarts with the job or after a cancel.
  }, [jobId, tick]);

  const cancel = async () => {
    try {
      const updated = await cancelJob(jobId);
      setJob(updated);
      toastSuccess(t('jobs.cancelRequested'));
      setTick((n) => n + 1);
    } catch (err) {
      showError(err);
    }
  };

  if (!job) return <Card loading variant="borderless" />;

  const active = job.status === 'queued' || job.status === 'running';
  const r = resultOf(job);
  const percent = job.status === 'succeeded' ? 100 : Math.max(0, Math.min(100, job.progress));
  const rejected = r.rejected ?? 0;
  const warned = r.warned ?? 0;
  const hasReport = rejected > 0 || warned > 0 || Boolean(r.errorReport);

  return (
    <div data-testid="import-progress-step" data-status={job.status}>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <div>
          <Typography.Text type="secondary" data-testid="import-status">
            {t('imports.status', { status: jobStatusLabel(t, job.status) })}
          </Typography.Text>
          <Progress
            percent={percent}
            status={
              job.status === 'failed'
                ? 'exception'
                : active
                  ? 'active'
                  : job.status === 'succeeded'
                    ? 'success'
                    : 'normal'
            }
            data-testid="import-progress"
          />
          {active && can('job.cancel') && !job.cancelRequested && (
            <Popconfirm
              title={t('imports.cancelConfirm')}
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
              onConfirm={() => void cancel()}
            >
              <Button danger size="small" data-testid="import-cancel">
                {t('imports.cancel')}
              </Button>
            </Popconfirm>
          )}
        </div>

        {!active && (
          <Result
            status={
              job.status === 'failed'
                ? 'error'
                : job.status === 'cancelled'
                  ? 'warning'
                  : rejected > 0
                    ? 'warning'
                    : 'success'
            }
            title={
              job.status === 'failed'
                ? t('imports.failedTitle')
                : job.status === 'cancelled'
                  ? t('imports.cancelledTitle')
                  : rejected > 0 || warned > 0
                    ? t('imports.doneWithProblems')
                    : t('imports.doneTitle')
            }
            subTitle={job.error ? <JobError error={job.error} /> : undefined}
            style={{ padding: '8px 0' }}
            data-testid="import-outcome"
          />
        )}

        {(job.result || !active) && (
          <Row gutter={[16, 16]} data-testid="import-counts">
            <Count title={t('imports.rows')} value={r.rows} testId="import-rows" />
            <Count title={t('imports.imported')} value={r.imported} color="#389e0d" testId="import-imported" />
            {r.skipped !== undefined && (
              <Count title={t('imports.skipped')} value={r.skipped} testId="import-skipped" />
            )}
            <Count
              title={t('imports.rejected')}
              value={r.rejected}
              color={rejected > 0 ? '#cf1322' : undefined}
              testId="import-rejected"
            />
            <Count
              title={t('imports.warned')}
              value={r.warned}
              color={warned > 0 ? '#d48806' : undefined}
              testId="import-warned"
            />
          </Row>
        )}

        {!active && hasReport && <ErrorReport jobId={jobId} />}

        {!active && (
          <Space wrap>
            <Link to="/persons" data-testid="import-open-persons">
              <Button>{t('imports.openPersons')}</Button>
            </Link>
            <Link to={gridId ? `/courtyards?gridId=${gridId}` : '/courtyards'} data-testid="import-open-courtyards">
              <Button>{t('imports.openCourtyards')}</Button>
            </Link>
            <Button type="primary" onClick={onRestart} data-testid="import-again">
              {t('imports.again')}
            </Button>
          </Space>
        )}
      </Space>
    </div>
  );
}

function Count({
  title,
  value,
  color,
  testId,
}: {
  title: string;
  value: number | undefined;
  color?: string | undefined;
  testId: string;
}) {
  return (
    <Col xs={12} md={8} xl={{ flex: '20%' }}>
      <Card size="small" data-testid={testId} data-value={value ?? ''}>
        <Statistic title={title} value={value ?? '—'} styles={{ content: { fontWeight: 600, color } }} />
      </Card>
    </Col>
  );
}

function JobError({ error }: { error: Record<string, unknown> }) {
  const message = error['message'] ?? error['reason'] ?? error['code'];
  return <span data-testid="import-error">{typeof message === 'string' ? message : JSON.stringify(error)}</span>;
}

/** The rejected and flagged rows (行号 / 列 / 值 / 原因) as CSV or Excel: real links, fetched to show refusals. */
export function ErrorReport({ jobId, compact }: { jobId: string; compact?: boolean }) {
  const { t } = useTranslation();
  const prefix = compact ? `import-recent-report-${jobId}` : 'import-error-report';
  const [busy, setBusy] = useState<string | null>(null);
  const get = async (format: 'csv' | 'xlsx', e: React.MouseEvent) => {
    e.preventDefault();
    setBusy(format);
    try {
      const name = await download(errorReportUrl(jobId, format), `errors.${format}`);
      toastSuccess(t('imports.downloaded', { name }));
    } catch (err) {
      showError(err);
    } finally {
      setBusy(null);
    }
  };
  const links = (
    <Space wrap size={compact ? 4 : 8}>
      <Button
        size={compact ? 'small' : 'middle'}
        type={compact ? 'link' : 'default'}
        icon={compact ? <FileTextOutlined /> : <DownloadOutlined />}
        href={errorReportUrl(jobId, 'csv')}
        onClick={(e) => void get('csv', e)}
        loading={busy === 'csv'}
        data-testid={`${prefix}-csv`}
      >
        {t('imports.errorReportCsv')}
      </Button>
      <Button
        size={compact ? 'small' : 'middle'}
        type={compact ? 'link' : 'default'}
        icon={compact ? <FileExcelOutlined /> : <DownloadOutlined />}
        href={errorReportUrl(jobId, 'xlsx')}
        onClick={(e) => void get('xlsx', e)}
        loading={busy === 'xlsx'}
        data-testid={`${prefix}-xlsx`}
      >
        {t('imports.errorReportXlsx')}
      </Button>
    </Space>
  );
  if (compact) return links;
  return (
    <Alert
      type="warning"
      showIcon
      title={t('imports.errorReport')}
      description={
        <Space orientation="vertical" size={8}>
          <span>{t('imports.errorReportHint')}</span>
          {links}
        </Space>
      }
      data-testid="import-error-report"
    />
  );
}
