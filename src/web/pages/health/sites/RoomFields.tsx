/** A run of numbered rooms ("A" + 101…120, 1 person each) as form fields, and the rooms it makes. */
import { Form, Input, InputNumber, Space } from 'antd';
import { useTranslation } from 'react-i18next';

export interface RoomRun {
  prefix?: string;
  first: number;
  count: number;
  capacity: number;
}

export const DEFAULT_RUN: RoomRun = { prefix: '', first: 101, count: 10, capacity: 1 };

export function roomsOf(run: RoomRun): { label: string; capacity: number }[] {
  return Array.from({ length: run.count }, (_, i) => ({
    label: `${run.prefix?.trim() ?? ''}${run.first + i}`,
    capacity: run.capacity,
  }));
}

/** The fields, under `name` (e.g. "run"). */
export function RoomRunFields({ name }: { name: string }) {
  const { t } = useTranslation();
  const run = Form.useWatch<RoomRun | undefined>(name);
  const rooms = run && run.count > 0 && run.first >= 0 ? roomsOf(run) : [];
  return (
    <>
      <Space wrap align="start">
        <Form.Item name={[name, 'prefix']} label={t('sites.run.prefix')} rules={[{ max: 20 }]}>
          <Input maxLength={20} style={{ width: 100 }} placeholder="A" />
        </Form.Item>
        <Form.Item name={[name, 'first']} label={t('sites.run.first')} rules={[{ required: true }]}>
          <InputNumber min={0} max={99999} precision={0} style={{ width: 110 }} />
        </Form.Item>
        <Form.Item name={[name, 'count']} label={t('sites.run.count')} rules={[{ required: true }]}>
          <InputNumber min={1} max={500} precision={0} style={{ width: 100 }} data-testid="room-count" />
        </Form.Item>
        <Form.Item
          name={[name, 'capacity']}
          label={t('sites.run.capacity')}
          rules={[{ required: true }]}
          extra={t('sites.run.capacityHint')}
        >
          <InputNumber min={1} max={20} precision={0} style={{ width: 100 }} />
        </Form.Item>
      </Space>
      {rooms.length > 0 && (
        <div style={{ color: '#8c8c8c', marginTop: -8, marginBottom: 16 }}>
          {t('sites.run.preview', {
            first: rooms[0]!.label,
            last: rooms[rooms.length - 1]!.label,
            count: rooms.length,
            capacity: rooms.length * (run?.capacity ?? 1),
          })}
        </div>
      )}
    </>
  );
}
