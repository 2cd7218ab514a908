import { SyncOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { jobStatusLabel } from '../i18n/labels.js';

const STATUS_COLOR: Record<string, string> = {
  queued: 'default',
  running: 'processing',
  succeeded: 'success',
  failed: 'error',
  cancelled: 'warning',
};

/** A background job's status as a coloured tag (spinning while it runs). */
export function JobStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status] ?? 'default'} icon={status === 'running' ? <SyncOutlined spin /> : undefined}>
      {jobStatusLabel(t, status)}
    </Tag>
  );
}
