/** Creates an isolation site with a run of rooms, or a designated hospital with its beds. */
import { Form, Input, InputNumber, Modal, Radio } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.js';
import { showError, toastSuccess } from '../../../api/feedback.js';
import type { SiteDetailDto, SiteKind } from '../../../api/health.js';
import { useMe } from '../../../auth/session.js';
import { AreaTreeSelect } from '../../../components/AreaTreeSelect.js';
import { buttonProps } from '../ui.js';
import { DEFAULT_RUN, type RoomRun, roomsOf, RoomRunFields } from './RoomFields.js';

interface Values {
  kind: SiteKind;
  name: string;
  address?: string;
  areaId: string;
  run: RoomRun;
  beds?: number;
}

export function SiteFormModal({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(s: SiteDetailDto): void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const kind = Form.useWatch('kind', form);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ kind: 'isolation_site', areaId: me.scope.id, run: DEFAULT_RUN, beds: 50 });
  }, [open, form, me.scope.id]);

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      const base = { name: v.name.trim(), address: v.address?.trim() || null, areaId: v.areaId };
      const body = v.kind === 'hospital' ? { kind: v.kind, ...base, beds: v.beds } : { kind: v.kind, ...base, rooms: roomsOf(v.run) };
      const created = await api.post<SiteDetailDto>('/api/care-sites', body);
      toastSuccess(t('sites.created'));
      onCreated(created);
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('sites.create')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      okButtonProps={buttonProps('site-save')}
      width={600}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid="site-form">
        <Form.Item name="kind" label={t('sites.kind')}>
          <Radio.Group optionType="button" options={(['isolation_site', 'hospital'] as const).map((k) => ({ value: k, label: t(`sites.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('sites.name')} rules={[{ required: true, whitespace: true, message: t('sites.nameRequired') }, { min: 2, max: 100 }]}>
          <Input maxLength={100} data-testid="site-name-input" />
        </Form.Item>
        <Form.Item name="address" label={t('sites.address')} rules={[{ max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="areaId" label={t('sites.area')} rules={[{ required: true }]} extra={t('sites.areaHint')}>
          <AreaTreeSelect />
        </Form.Item>
        {kind === 'hospital' ? (
          <Form.Item name="beds" label={t('sites.bedCount')} rules={[{ required: true }]}>
            <InputNumber min={1} max={100000} precision={0} style={{ width: 160 }} />
          </Form.Item>
        ) : (
          <RoomRunFields name="run" />
        )}
      </Form>
    </Modal>
  );
}
