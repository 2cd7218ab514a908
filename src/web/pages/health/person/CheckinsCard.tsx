/** The last 30 days' check-ins, and a check-in entered by staff after a visit or call. */
import { Card, Checkbox, Form, InputNumber, Radio, Space, Switch, Table, Tag } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays } from '../../../../domain/clock.js';
import { SYMPTOMS, TEMPERATURE_RANGE } from '../../../../domain/health.js';
import { api, type Result } from '../../../api/client.js';
import { FormModal } from '../../../components/FormModal.js';
import { newId, shanghaiToday } from '../../../lib/registry.js';
import { checkinChannelLabel, DayStateTag, symptomLabel, Temperature } from '../labels.js';
import type { TimelineDto } from '../types.js';
import { type PersonModalProps, useModalSubmit } from '../modal.js';

type Row = TimelineDto['checkins'][number];
type SavedCheckin = Result<'POST', '/api/checkins'>;

export function CheckinsCard({ data }: { data: TimelineDto }) {
  const { t } = useTranslation();
  return (
    <Card title={t('health.checkins')} data-testid="health-checkins">
      <Table<Row>
        rowKey="day"
        size="small"
        pagination={data.checkins.length > 10 ? { pageSize: 10 } : false}
        dataSource={data.checkins}
        scroll={{ x: 560 }}
        columns={[
          { title: t('health.day'), dataIndex: 'day', key: 'day' },
          {
            title: t('health.temperature'),
            key: 'temp',
            render: (_: unknown, r) => <Temperature value={r.temperature} />,
          },
          {
            title: t('health.symptoms'),
            key: 'symptoms',
            render: (_: unknown, r) =>
              r.symptoms.length ? (
                <Space size={[4, 4]} wrap>
                  {r.symptoms.map((s) => (
                    <Tag key={s} color="red">
                      {symptomLabel(t, s)}
                    </Tag>
                  ))}
                </Space>
              ) : (
                t('health.noSymptoms')
              ),
          },
          { title: t('health.checkinState'), key: 'state', render: (_: unknown, r) => <DayStateTag state={r.state} /> },
          {
            title: t('health.channel'),
            key: 'channel',
            render: (_: unknown, r) => (
              <>
                {checkinChannelLabel(t, r.channel)}
                {r.revisions > 1 && (
                  <Tag style={{ marginLeft: 4 }}>{t('health.amended', { count: r.revisions - 1 })}</Tag>
                )}
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}

interface Values {
  day: string;
  channel: 'staff_visit' | 'staff_call';
  noReading: boolean;
  temperature?: number | null;
  symptoms: string[];
  needsReview: boolean;
}

/** Staff enter a check-in after a visit or call; a second one the same day amends it. */
export function StaffCheckinModal({ open, personId, onClose, onSaved }: PersonModalProps<SavedCheckin>) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const id = useRef(newId());
  const noReading = Form.useWatch('noReading', form);
  const today = shanghaiToday();
  useEffect(() => {
    if (!open) return;
    id.current = newId();
    form.resetFields();
    form.setFieldsValue({ day: today, channel: 'staff_visit', noReading: false, symptoms: [], needsReview: false });
  }, [open, form, today]);

  const modal = useModalSubmit(
    { open, onClose },
    form,
    (v) =>
      api.post('/api/checkins', {
        body: {
          id: id.current,
          personId,
          day: v.day,
          channel: v.channel,
          temperature: v.noReading ? null : (v.temperature ?? null),
          symptoms: v.symptoms,
          needsReview: v.needsReview,
        },
      }),
    onSaved,
    (saved) => (saved.amended ? t('health.staffCheckin.amended') : t('health.staffCheckin.saved')),
  );

  return (
    <FormModal
      {...modal}
      title={t('health.staffCheckin.title')}
      okText={t('common.save')}
      okTestId="staff-checkin-save"
    >
      <Form.Item name="day" label={t('health.day')} extra={t('health.staffCheckin.amendHint')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: today, label: t('health.today') },
            { value: addDays(today, -1), label: t('health.yesterday') },
          ]}
        />
      </Form.Item>
      <Form.Item name="channel" label={t('health.channel')}>
        <Radio.Group
          options={(['staff_visit', 'staff_call'] as const).map((c) => ({
            value: c,
            label: checkinChannelLabel(t, c),
          }))}
        />
      </Form.Item>
      <Space align="start" wrap>
        <Form.Item
          name="temperature"
          label={t('health.temperature')}
          rules={noReading ? [] : [{ required: true, message: t('health.temperature.required') }]}
          extra={t('health.temperature.range', {
            min: TEMPERATURE_RANGE.min.toFixed(1),
            max: TEMPERATURE_RANGE.max.toFixed(1),
          })}
        >
          <InputNumber
            min={TEMPERATURE_RANGE.min}
            max={TEMPERATURE_RANGE.max}
            step={0.1}
            precision={1}
            suffix="℃"
            disabled={noReading}
            style={{ width: 140 }}
            data-testid="staff-checkin-temperature"
          />
        </Form.Item>
        <Form.Item name="noReading" label={t('health.temperature.none')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Space>
      <Form.Item name="symptoms" label={t('health.symptoms')}>
        <Checkbox.Group options={SYMPTOMS.map((s) => ({ value: s, label: symptomLabel(t, s) }))} />
      </Form.Item>
      <Form.Item name="needsReview" valuePropName="checked">
        <Checkbox>{t('health.staffCheckin.needsReview')}</Checkbox>
      </Form.Item>
    </FormModal>
  );
}
