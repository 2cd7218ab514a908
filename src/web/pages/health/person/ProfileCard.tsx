/** The person's epidemiological status and exposure categories, each with its history. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Descriptions, Form, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STATUSES } from '../../../../domain/health.js';
import { api } from '../../../api/client.js';
import { toastSuccess } from '../../../api/feedback.js';
import { FormModal } from '../../../components/FormModal.js';
import { useCan } from '../../../auth/session.js';
import { shanghaiToday } from '../../../lib/registry.js';
import { categoryLabel, statusLabel } from '../labels.js';
import type { EpiStatus, TimelineDto } from '../types.js';
import { ReasonField, ReasonModal } from './ReasonModal.js';
import { useRulesInForce } from './useRules.js';
import { type PersonModalProps, useModalSubmit } from '../modal.js';

type CategoryRow = TimelineDto['categories'][number];
const notFuture = (d: Dayjs) => d.format('YYYY-MM-DD') > shanghaiToday();

export function ProfileCard({ data, onChanged }: { data: TimelineDto; onChanged: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<CategoryRow | null>(null);
  const [changingStatus, setChangingStatus] = useState(false);
  const pr = data.profile;

  const endCategory = async (reason: string) => {
    if (!ending) return;
    await api.post('/api/health-persons/:id/categories/:key/end', {
      params: { id: data.person.id, key: ending.key },
      body: { reason },
    });
    toastSuccess(t('common.saved'));
    setEnding(null);
    onChanged();
  };

  return (
    <Card title={t('health.profile.title')} data-testid="health-profile">
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'status',
            label: t('health.status'),
            children: (
              <Space wrap>
                <Tag color={pr.status === 'none' ? 'default' : 'magenta'}>{statusLabel(t, pr.status)}</Tag>
                {pr.statusSince && (
                  <Typography.Text type="secondary">{t('health.since', { day: pr.statusSince })}</Typography.Text>
                )}
                {can('health.manage') && (
                  <Button size="small" onClick={() => setChangingStatus(true)} data-testid="health-status-change">
                    {t('health.status.change')}
                  </Button>
                )}
              </Space>
            ),
          },
          { key: 'lastContact', label: t('health.lastContact'), children: pr.lastContact ?? t('common.none') },
        ]}
      />
      <Space style={{ width: '100%', justifyContent: 'space-between', margin: '12px 0 8px' }}>
        <Typography.Text strong>{t('health.categories')}</Typography.Text>
        {can('health.record') && (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            data-testid="health-category-add"
          >
            {t('health.category.add')}
          </Button>
        )}
      </Space>
      <Table<CategoryRow>
        rowKey={(r) => `${r.key}:${r.from}`}
        size="small"
        pagination={false}
        dataSource={data.categories}
        data-testid="health-categories"
        columns={[
          {
            title: t('health.category'),
            key: 'label',
            render: (_: unknown, r) => (
              <span className={r.until ? 'ss-retired' : undefined}>{categoryLabel(t, r.key, r.label)}</span>
            ),
          },
          { title: t('health.from'), dataIndex: 'from', key: 'from' },
          {
            title: t('health.until'),
            dataIndex: 'until',
            key: 'until',
            render: (v: string | null) => v ?? t('health.current'),
          },
          {
            title: '',
            key: 'actions',
            align: 'right',
            render: (_: unknown, r) =>
              r.until === null && can('health.manage') ? (
                <Button size="small" type="link" danger onClick={() => setEnding(r)}>
                  {t('health.category.end')}
                </Button>
              ) : null,
          },
        ]}
      />
      <CategoryModal
        open={adding}
        personId={data.person.id}
        onClose={() => setAdding(false)}
        onSaved={() => (setAdding(false), onChanged())}
      />
      <StatusModal
        open={changingStatus}
        personId={data.person.id}
        current={pr.status}
        onClose={() => setChangingStatus(false)}
        onSaved={() => (setChangingStatus(false), onChanged())}
      />
      <ReasonModal
        open={ending !== null}
        title={ending ? t('health.category.endTitle', { name: categoryLabel(t, ending.key, ending.label) }) : ''}
        danger
        onClose={() => setEnding(null)}
        onSubmit={endCategory}
        testId="category-end"
      />
    </Card>
  );
}

interface CategoryValues {
  key: string;
  from?: Dayjs;
  lastContact?: Dayjs;
}

/** Adds an exposure category in force on the chosen day. */
export function CategoryModal({ open, personId, onClose, onSaved }: PersonModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CategoryValues>();
  const from = Form.useWatch('from', form);
  const day = from ? from.format('YYYY-MM-DD') : shanghaiToday();
  const rules = useRulesInForce(day, open);
  const modal = useModalSubmit(
    { open, onClose, reset: true },
    form,
    (v) =>
      api.post('/api/health-persons/:id/categories', {
        params: { id: personId },
        body: {
          key: v.key,
          ...(v.from ? { from: v.from.format('YYYY-MM-DD') } : {}),
          ...(v.lastContact ? { lastContact: v.lastContact.format('YYYY-MM-DD') } : {}),
        },
      }),
    () => onSaved(),
  );

  return (
    <FormModal {...modal} title={t('health.category.add')} okText={t('common.save')}>
      <Form.Item
        name="key"
        label={t('health.category')}
        rules={[{ required: true, message: t('health.category.required') }]}
      >
        <Select
          loading={rules.loading}
          options={(rules.data?.categories ?? []).map((c) => ({
            value: c.key,
            label: categoryLabel(t, c.key, c.label),
          }))}
          data-testid="category-key"
        />
      </Form.Item>
      <Form.Item name="from" label={t('health.from')} extra={t('health.category.fromHint')}>
        <DatePicker disabledDate={notFuture} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="lastContact" label={t('health.lastContact')} extra={t('health.lastContactHint')}>
        <DatePicker disabledDate={notFuture} style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}

/** Changes the epidemiological status (with a reason). */
function StatusModal({ open, personId, current, onClose, onSaved }: PersonModalProps & { current: EpiStatus }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ status: EpiStatus; day?: Dayjs; reason: string }>();
  useEffect(() => {
    if (open) form.setFieldsValue({ status: current, day: dayjs(shanghaiToday()), reason: '' });
  }, [open, form, current]);

  const modal = useModalSubmit(
    { open, onClose },
    form,
    (v) =>
      api.post('/api/health-persons/:id/status', {
        params: { id: personId },
        body: {
          status: v.status,
          reason: v.reason.trim(),
          ...(v.day ? { day: v.day.format('YYYY-MM-DD') } : {}),
        },
      }),
    () => onSaved(),
  );

  return (
    <FormModal {...modal} title={t('health.status.change')} okText={t('common.save')}>
      <Form.Item name="status" label={t('health.status')} rules={[{ required: true }]}>
        <Select options={STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) }))} data-testid="status-select" />
      </Form.Item>
      <Form.Item name="day" label={t('health.status.since')}>
        <DatePicker disabledDate={notFuture} style={{ width: '100%' }} />
      </Form.Item>
      <ReasonField testId="status-reason" />
    </FormModal>
  );
}
