/** Creates an isolation site with a run of rooms, or a designated hospital with its beds. */
import { Form, Input, InputNumber, Radio } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.js';
import { FormModal } from '../../../components/FormModal.js';
import { useMe } from '../../../auth/session.js';
import { AreaTreeSelect } from '../../../components/AreaTreeSelect.js';
import type { SiteDetailDto, SiteKind } from '../types.js';
import { useModalSubmit } from '../modal.js';
import { DEFAULT_RUN, type RoomRun, roomsOf, RoomRunFields } from './RoomFields.js';

interface Values {
  kind: SiteKind;
  name: string;
  address?: string;
  areaId: string;
  run: RoomRun;
  beds?: number;
}

export function SiteFormModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (s: SiteDetailDto) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ kind: 'isolation_site', areaId: me.scope.id, run: DEFAULT_RUN, beds: 50 });
  }, [open, form, me.scope.id]);

  const modal = useModalSubmit(
    { open, onClose },
    form,
    (v) => {
      const base = { name: v.name.trim(), address: v.address?.trim() || null, areaId: v.areaId };
      return api.post('/api/care-sites', {
        body:
          v.kind === 'hospital'
            ? { kind: 'hospital', ...base, beds: v.beds! } // required by the form for a hospital
            : { kind: 'isolation_site', ...base, rooms: roomsOf(v.run) },
      });
    },
    onCreated,
    t('sites.created'),
  );

  return (
    <FormModal
      {...modal}
      title={t('sites.create')}
      okText={t('common.create')}
      okTestId="site-save"
      formTestId="site-form"
      width={600}
    >
      <Form.Item name="kind" label={t('sites.kind')}>
        <Radio.Group
          optionType="button"
          options={(['isolation_site', 'hospital'] as const).map((k) => ({ value: k, label: t(`sites.kind.${k}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('sites.name')}
        rules={[
          { required: true, whitespace: true, message: t('sites.nameRequired') },
          { min: 2, max: 100 },
        ]}
      >
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
    </FormModal>
  );
}
