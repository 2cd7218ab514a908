/**
 * The health datasets (check-ins, tests, measures): legal basis, purpose, retention
 * and what happens after it (purge or de-identify). Admins change the retention with
 * a stated reason; every change is audited with the values before and after.
 */
import { EditOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, InputNumber, Radio, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.js';
import { FormModal } from '../../../components/FormModal.js';
import { formatTime } from '../../../lib/format.js';
import { useLoad } from '../../../lib/useLoad.js';
import { ReasonField } from '../person/ReasonModal.js';
import type { DatasetDto } from '../types.js';
import { useModalSubmit } from '../modal.js';

export function HealthDatasetsPage() {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<DatasetDto | null>(null);
  const { data, loading } = useLoad((signal) => api.get('/api/health-data/datasets', { signal }), String(version));

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('datasets.title')}
      </Typography.Title>
      <Alert type="info" showIcon icon={<SafetyCertificateOutlined />} title={t('datasets.intro')} />
      {loading && !data && <Card loading />}
      {(data?.items ?? []).map((d) => (
        <Card
          key={d.key}
          title={
            <Space>
              {t(`datasets.label.${d.key}`, { defaultValue: d.label })}
              <Tag>{d.key}</Tag>
            </Space>
          }
          extra={
            <Button icon={<EditOutlined />} onClick={() => setEditing(d)} data-testid={`dataset-edit-${d.key}`}>
              {t('datasets.change')}
            </Button>
          }
          data-testid={`dataset-${d.key}`}
        >
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { key: 'basis', label: t('datasets.legalBasis'), children: d.legalBasis },
              { key: 'purpose', label: t('datasets.purpose'), children: d.purpose },
              {
                key: 'retention',
                label: t('datasets.retention'),
                children: (
                  <span data-testid={`dataset-retention-${d.key}`}>
                    {t('datasets.retentionText', { days: d.retentionDays, action: t(`datasets.action.${d.action}`) })}
                  </span>
                ),
              },
              {
                key: 'updated',
                label: t('datasets.updated'),
                children: `${formatTime(d.updatedAt)}${d.updatedBy ? ` · ${d.updatedBy}` : ''}`,
              },
            ]}
          />
        </Card>
      ))}
      {data && (
        <Card
          title={
            <Space>
              {t('datasets.uploads.title')}
              <Tag>uploads</Tag>
            </Space>
          }
          data-testid="dataset-uploads"
        >
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { key: 'purpose', label: t('datasets.purpose'), children: t('datasets.uploads.purpose') },
              {
                key: 'retention',
                label: t('datasets.retention'),
                children: (
                  <Space orientation="vertical" size={0}>
                    <span data-testid="dataset-retention-uploads">
                      {t('datasets.uploads.retentionText', { hours: data.uploads.retentionHours })}
                    </span>
                    <Typography.Text type="secondary">{t('datasets.uploads.configured')}</Typography.Text>
                  </Space>
                ),
              },
              {
                key: 'kept',
                label: t('datasets.uploads.kept'),
                children: data.uploads.oldestAt
                  ? t('datasets.uploads.keptText', {
                      count: data.uploads.kept,
                      oldest: formatTime(data.uploads.oldestAt),
                    })
                  : t('datasets.uploads.none'),
              },
            ]}
          />
        </Card>
      )}
      <RetentionModal
        dataset={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          setVersion((v) => v + 1);
        }}
      />
    </Space>
  );
}

interface Values {
  retentionDays: number;
  action: DatasetDto['action'];
  reason: string;
}

function RetentionModal({
  dataset,
  onClose,
  onSaved,
}: {
  dataset: DatasetDto | null;
  onClose: () => void;
  onSaved: (d: DatasetDto) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  useEffect(() => {
    if (dataset) form.setFieldsValue({ retentionDays: dataset.retentionDays, action: dataset.action, reason: '' });
  }, [dataset, form]);

  const modal = useModalSubmit(
    { open: dataset !== null, onClose },
    form,
    async (v) =>
      dataset
        ? api.patch('/api/health-data/datasets/:key', {
            params: { key: dataset.key },
            body: { retentionDays: v.retentionDays, action: v.action, reason: v.reason.trim() },
          })
        : null,
    (saved) => saved && onSaved(saved),
    (saved) => (saved ? t('common.saved') : null),
  );

  return (
    <FormModal
      {...modal}
      title={
        dataset
          ? t('datasets.changeTitle', { name: t(`datasets.label.${dataset.key}`, { defaultValue: dataset.label }) })
          : ''
      }
      okText={t('common.save')}
      okTestId="dataset-save"
    >
      <Form.Item
        name="retentionDays"
        label={t('datasets.retentionDays')}
        rules={[{ required: true }]}
        extra={t('datasets.retentionHint')}
      >
        <InputNumber
          min={1}
          max={3650}
          precision={0}
          suffix={t('datasets.days')}
          style={{ width: 180 }}
          data-testid="dataset-days"
        />
      </Form.Item>
      <Form.Item name="action" label={t('datasets.afterwards')}>
        <Radio.Group
          options={(['purge', 'deidentify'] as const).map((a) => ({ value: a, label: t(`datasets.action.${a}`) }))}
        />
      </Form.Item>
      <ReasonField testId="dataset-reason" min={4} />
    </FormModal>
  );
}
