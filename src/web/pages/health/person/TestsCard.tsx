/** Nucleic-acid tests: the evidence release conditions ask for; pending results are entered later. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Form, Input, Popconfirm, Radio, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.js';
import { showError, toastSuccess } from '../../../api/feedback.js';
import { FormModal } from '../../../components/FormModal.js';
import { useCan } from '../../../auth/session.js';
import { formatTime, toShanghaiIso } from '../../../lib/format.js';
import { newId, shanghaiToday } from '../../../lib/registry.js';
import { testResultLabel } from '../labels.js';
import type { TestDto, TimelineDto } from '../types.js';
import { type PersonModalProps, useModalSubmit } from '../modal.js';

const RESULT_COLORS: Record<string, string> = { pending: 'default', negative: 'green', positive: 'red' };

export function TestsCard({ data, onChanged }: { data: TimelineDto; onChanged: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);

  const setResult = async (test: TestDto, result: 'negative' | 'positive') => {
    setBusy(test.id);
    try {
      await api.post('/api/nucleic-tests/:id/result', { params: { id: test.id }, body: { result } });
      toastSuccess(t('common.saved'));
      onChanged();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(null);
    }
  };

  const tests = [...data.tests].reverse();
  return (
    <Card
      title={t('health.tests')}
      data-testid="health-tests"
      extra={
        can('health.record') && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="test-add">
            {t('health.test.add')}
          </Button>
        )
      }
    >
      <Table<TestDto>
        rowKey="id"
        size="small"
        pagination={tests.length > 10 ? { pageSize: 10 } : false}
        dataSource={tests}
        scroll={{ x: 520 }}
        columns={[
          {
            title: t('health.test.sampledAt'),
            dataIndex: 'sampledAt',
            key: 'at',
            render: (v: string) => formatTime(v).slice(0, 16),
          },
          {
            title: t('health.test.result'),
            dataIndex: 'result',
            key: 'result',
            render: (v: string) => <Tag color={RESULT_COLORS[v]}>{testResultLabel(t, v)}</Tag>,
          },
          {
            title: t('health.test.lab'),
            dataIndex: 'lab',
            key: 'lab',
            render: (v: string | null) => v ?? t('common.none'),
          },
          {
            title: '',
            key: 'actions',
            align: 'right',
            render: (_: unknown, r) =>
              r.result === 'pending' && can('health.record') ? (
                <Space size={4}>
                  {(['negative', 'positive'] as const).map((result) => (
                    <Popconfirm
                      key={result}
                      title={t('health.test.confirm', { result: testResultLabel(t, result) })}
                      onConfirm={() => void setResult(r, result)}
                    >
                      <Button size="small" loading={busy === r.id} danger={result === 'positive'}>
                        {testResultLabel(t, result)}
                      </Button>
                    </Popconfirm>
                  ))}
                </Space>
              ) : (
                r.resultAt && (
                  <span style={{ color: '#8c8c8c', fontSize: 12 }}>{formatTime(r.resultAt).slice(0, 16)}</span>
                )
              ),
          },
        ]}
      />
      <TestModal
        open={adding}
        personId={data.person.id}
        onClose={() => setAdding(false)}
        onSaved={() => (setAdding(false), onChanged())}
      />
    </Card>
  );
}

interface Values {
  sampledAt: Dayjs;
  result: TestDto['result'];
  lab?: string;
}

function TestModal({ open, personId, onClose, onSaved }: PersonModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const id = useRef(newId());
  useEffect(() => {
    if (!open) return;
    id.current = newId();
    form.resetFields();
    // Beijing wall-clock time, whatever the browser's own zone (sent as +08:00).
    form.setFieldsValue({ sampledAt: dayjs(formatTime(new Date().toISOString())).second(0), result: 'pending' });
  }, [open, form]);

  const modal = useModalSubmit(
    { open, onClose },
    form,
    (v) =>
      api.post('/api/nucleic-tests', {
        body: {
          id: id.current,
          personId,
          sampledAt: toShanghaiIso(v.sampledAt),
          result: v.result,
          ...(v.lab?.trim() ? { lab: v.lab.trim() } : {}),
        },
      }),
    () => onSaved(),
  );

  return (
    <FormModal {...modal} title={t('health.test.add')} okText={t('common.save')} okTestId="test-save">
      <Form.Item
        name="sampledAt"
        label={t('health.test.sampledAt')}
        rules={[{ required: true }]}
        extra={t('health.beijingTime')}
      >
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          style={{ width: '100%' }}
          disabledDate={(d) => d.format('YYYY-MM-DD') > shanghaiToday()}
        />
      </Form.Item>
      <Form.Item name="result" label={t('health.test.result')} rules={[{ required: true }]}>
        <Radio.Group
          optionType="button"
          options={(['pending', 'negative', 'positive'] as const).map((r) => ({
            value: r,
            label: testResultLabel(t, r),
          }))}
        />
      </Form.Item>
      <Form.Item name="lab" label={t('health.test.lab')}>
        <Input maxLength={100} />
      </Form.Item>
    </FormModal>
  );
}
