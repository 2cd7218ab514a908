/**
 * 迁入申请: transfers one asked for, and those waiting for one's decision (staff of
 * the area above both grids approve or reject, with an optional note).
 */
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.js';
import type { TransferDto } from '../../api/registry.js';
import { useCan } from '../../auth/session.js';
import { FormModal } from '../../components/FormModal.js';
import { PagedMore, pagedTable } from '../../components/PagedMore.js';
import { useSubmit } from '../../components/useSubmit.js';
import { formatTime } from '../../lib/format.js';
import { usePaged } from '../../lib/usePaged.js';

type Status = TransferDto['status'];
const STATUS_COLORS: Record<Status, string> = {
  pending: 'gold',
  approved: 'green',
  rejected: 'red',
  cancelled: 'default',
};

export function TransfersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [status, setStatus] = useState<Status | 'all'>('pending');
  const [version, setVersion] = useState(0);
  const [deciding, setDeciding] = useState<Deciding | null>(null);
  const list = usePaged(
    '/api/transfers',
    { query: { status: status === 'all' ? undefined : status } },
    `${status}:${version}`,
  );
  const open = (transfer: TransferDto, approve: boolean) => setDeciding({ transfer, approve });

  const columns: TableColumnsType<TransferDto> = [
    {
      title: t('transfers.requestedAt'),
      key: 'at',
      className: 'ss-nowrap',
      render: (_: unknown, r) => formatTime(r.requestedAt),
    },
    { title: t('transfers.requestedBy'), dataIndex: 'requestedBy', key: 'by', className: 'ss-nowrap' },
    {
      title: t('transfers.person'),
      key: 'person',
      render: (_: unknown, r) =>
        r.person ? (
          <Space orientation="vertical" size={0}>
            <Link to={`/persons/${r.person.id}`}>{r.person.name ?? t('person.hidden')}</Link>
            <Typography.Text type="secondary" className="ss-mono ss-nowrap" style={{ fontSize: 12 }}>
              {r.person.docNumber ?? ''}
            </Typography.Text>
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('transfers.unknownPerson')}</Typography.Text>
        ),
    },
    {
      title: t('transfers.from'),
      key: 'from',
      className: 'ss-nowrap',
      render: (_: unknown, r) => r.fromGrid?.name ?? t('common.none'),
    },
    { title: t('transfers.to'), key: 'to', className: 'ss-nowrap', render: (_: unknown, r) => r.toGrid.name },
    { title: t('transfers.reason'), dataIndex: 'reason', key: 'reason', width: 260 },
    {
      title: t('transfers.status'),
      key: 'status',
      render: (_: unknown, r) => (
        <Space orientation="vertical" size={0}>
          <Tag color={STATUS_COLORS[r.status]}>{t(`transfers.status.${r.status}`)}</Tag>
          {r.decisionNote && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.decisionNote}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, r) =>
        r.status === 'pending' && can('transfer.approve') && r.fromGrid ? (
          <Space>
            <Button
              size="small"
              type="primary"
              icon={<CheckOutlined />}
              onClick={() => open(r, true)}
              data-testid="transfer-approve"
            >
              {t('transfers.approve')}
            </Button>
            <Button
              size="small"
              danger
              icon={<CloseOutlined />}
              onClick={() => open(r, false)}
              data-testid="transfer-reject"
            >
              {t('transfers.reject')}
            </Button>
          </Space>
        ) : null,
    },
  ];

  return (
    <>
      <Typography.Title level={4} className="ss-page-title">
        {t('transfers.title')}
      </Typography.Title>
      <Alert type="info" showIcon title={t('transfers.hint')} style={{ marginBottom: 16 }} />
      <Card styles={{ body: { padding: 0 } }}>
        <div style={{ padding: 16 }}>
          <Segmented<Status | 'all'>
            value={status}
            onChange={setStatus}
            options={[
              ...(['pending', 'approved', 'rejected'] as const).map((s) => ({
                value: s,
                label: t(`transfers.status.${s}`),
              })),
              { value: 'all', label: t('common.all') },
            ]}
          />
        </div>
        <Table<TransferDto>
          {...pagedTable(list)}
          columns={columns}
          scroll={{ x: 1000 }}
          locale={{ emptyText: t('transfers.empty') }}
          data-testid="transfer-table"
        />
        <PagedMore list={list} />
      </Card>
      <DecideModal
        deciding={deciding}
        onClose={() => setDeciding(null)}
        onDecided={() => {
          setDeciding(null);
          setVersion((v) => v + 1);
        }}
      />
    </>
  );
}

interface Deciding {
  transfer: TransferDto;
  approve: boolean;
}

/** Approve or reject, with an optional note. */
function DecideModal({
  deciding,
  onClose,
  onDecided,
}: {
  deciding: Deciding | null;
  onClose: () => void;
  onDecided: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note?: string }>();
  useEffect(() => {
    if (deciding) form.resetFields();
  }, [deciding, form]);
  const { saving, submit } = useSubmit(
    form,
    (v) => {
      const note = v.note?.trim();
      const args = { params: { id: deciding?.transfer.id ?? '' }, body: note ? { note } : {} };
      return deciding?.approve
        ? api.post('/api/transfers/:id/approve', args)
        : api.post('/api/transfers/:id/reject', args);
    },
    onDecided,
    t('transfers.decided'),
  );
  return (
    <FormModal
      open={deciding !== null}
      title={deciding?.approve ? t('transfers.approveTitle') : t('transfers.rejectTitle')}
      okText={deciding?.approve ? t('transfers.approve') : t('transfers.reject')}
      okExtra={{ danger: deciding ? !deciding.approve : false }}
      saving={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      form={form}
      intro={
        deciding && (
          <Typography.Paragraph>
            {deciding.transfer.person?.name ?? ''} · {deciding.transfer.fromGrid?.name} →{' '}
            {deciding.transfer.toGrid.name}
          </Typography.Paragraph>
        )
      }
    >
      <Form.Item name="note" noStyle>
        <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('transfers.note')} />
      </Form.Item>
    </FormModal>
  );
}
