/**
 * The check-in links issued for a person (their tokens are never shown again: the server
 * keeps only hashes), with a revoke button on each that still works. Revoking needs a
 * reason, is audited and is final: the link's phone page says so and takes no report.
 */
import { StopOutlined } from '@ant-design/icons';
import { Alert, Button, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Result } from '../../../api/client.js';
import { toastSuccess } from '../../../api/feedback.js';
import { formatTime } from '../../../lib/format.js';
import { useLoad } from '../../../lib/useLoad.js';
import { ReasonModal } from './ReasonModal.js';

type LinkSummary = Result<'POST', '/api/checkin-links/:id/revoke'>;

const STATE_COLORS: Record<LinkSummary['state'], string> = { active: 'green', expired: 'default', revoked: 'red' };
const minute = (at: string | null) => (at ? formatTime(at).slice(0, 16) : null);

/** The revoke button and its reason dialog, for one link. */
export function RevokeLinkButton({ linkId, onRevoked }: { linkId: string; onRevoked: (l: LinkSummary) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" danger icon={<StopOutlined />} onClick={() => setOpen(true)} data-testid="link-revoke">
        {t('health.link.revoke')}
      </Button>
      <ReasonModal
        open={open}
        title={t('health.link.revokeTitle')}
        okText={t('health.link.revoke')}
        danger
        testId="link-revoke-modal"
        onClose={() => setOpen(false)}
        onSubmit={async (reason) => {
          const revoked = await api.post('/api/checkin-links/:id/revoke', { params: { id: linkId }, body: { reason } });
          setOpen(false);
          toastSuccess(t('health.link.revoked'));
          onRevoked(revoked);
        }}
      >
        <Alert type="warning" showIcon title={t('health.link.revokeHint')} style={{ marginBottom: 12 }} />
      </ReasonModal>
    </>
  );
}

/** The person's links, newest first. */
export function CheckinLinksList({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const [revoked, setRevoked] = useState(0);
  const { data, loading } = useLoad(
    (signal) => api.get('/api/health-persons/:id/checkin-links', { params: { id: personId }, signal }),
    `${personId}:${revoked}`,
  );
  const items = data?.items ?? [];
  return (
    <div data-testid="link-list">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('health.link.issued')}
      </Typography.Title>
      <Table<LinkSummary>
        rowKey="id"
        size="small"
        loading={loading}
        pagination={items.length > 5 ? { pageSize: 5 } : false}
        dataSource={items}
        locale={{ emptyText: t('health.link.none') }}
        scroll={{ x: 460 }}
        onRow={(r) => ({ 'data-testid': 'link-row', 'data-state': r.state }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('health.link.issuedAt'),
            key: 'created',
            render: (_: unknown, r) => (
              <>
                {minute(r.createdAt)}
                {r.createdBy && <Typography.Text type="secondary"> · {r.createdBy}</Typography.Text>}
              </>
            ),
          },
          { title: t('health.link.scope'), key: 'scope', render: (_: unknown, r) => t(`health.link.scope.${r.scope}`) },
          {
            title: t('health.link.lastUsed'),
            key: 'used',
            render: (_: unknown, r) => minute(r.lastUsedAt) ?? t('common.none'),
          },
          {
            title: t('health.link.state'),
            key: 'state',
            render: (_: unknown, r) => (
              <Tag color={STATE_COLORS[r.state]} title={minute(r.revokedAt) ?? minute(r.expiresAt) ?? undefined}>
                {t(`health.link.state.${r.state}`)}
              </Tag>
            ),
          },
          {
            title: '',
            key: 'actions',
            align: 'right',
            render: (_: unknown, r) =>
              r.state !== 'revoked' && <RevokeLinkButton linkId={r.id} onRevoked={() => setRevoked((v) => v + 1)} />,
          },
        ]}
      />
    </div>
  );
}
