/** Add a building (楼栋), a unit (单元) or a dwelling (户室) to a courtyard. */
import { Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { legacyApi } from '../../api/legacy.js';
import { showError, toastSuccess } from '../../api/feedback.js';
import type { CourtyardDetailDto, DwellingDto } from '../../api/types.js';
import { dwellingUseLabel } from '../../i18n/labels.js';
import { newId } from '../../lib/registry.js';

export type PlaceTarget =
  | { kind: 'building' }
  | { kind: 'unit'; buildingId?: string }
  | { kind: 'dwelling'; buildingId?: string | null; unitId?: string | null };

interface Values {
  label?: string;
  floors?: number | null;
  buildingId?: string | null;
  unitId?: string | null;
  room?: string;
  floor?: number | null;
  areaM2?: number | null;
  use?: DwellingDto['use'];
}

interface Props {
  courtyard: CourtyardDetailDto;
  target: PlaceTarget | null;
  onClose(): void;
  onSaved(created: { id: string; kind: PlaceTarget['kind'] }): void;
}

export function PlaceFormModal({ courtyard, target, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const idRef = useRef(newId());
  const buildingId = Form.useWatch('buildingId', form);
  const units = courtyard.buildings.find((b) => b.id === buildingId)?.units ?? [];
  const rural = courtyard.kind === 'rural_scattered';

  useEffect(() => {
    if (!target) return;
    idRef.current = newId();
    form.resetFields();
    if (target.kind === 'unit')
      form.setFieldsValue({ buildingId: target.buildingId ?? courtyard.buildings[0]?.id ?? null });
    if (target.kind === 'dwelling')
      form.setFieldsValue({ buildingId: target.buildingId ?? null, unitId: target.unitId ?? null, use: 'residential' });
  }, [target, form, courtyard.buildings]);

  const submit = async () => {
    if (!target) return;
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      let created: { id: string };
      if (target.kind === 'building') {
        created = await legacyApi.post(`/api/courtyards/${courtyard.id}/buildings`, {
          id: idRef.current,
          label: v.label!.trim(),
          floors: v.floors ?? null,
        });
      } else if (target.kind === 'unit') {
        created = await legacyApi.post(`/api/buildings/${v.buildingId}/units`, {
          id: idRef.current,
          label: v.label!.trim(),
        });
      } else {
        created = await legacyApi.post<DwellingDto>('/api/dwellings', {
          id: idRef.current,
          courtyardId: courtyard.id,
          buildingId: v.buildingId ?? null,
          unitId: v.unitId ?? null,
          room: v.room!.trim(),
          floor: v.floor ?? null,
          areaM2: v.areaM2 ?? null,
          use: v.use ?? 'residential',
        });
      }
      toastSuccess(t('courtyard.savedOk'));
      onSaved({ id: created.id, kind: target.kind });
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  const title = !target
    ? ''
    : t(
        target.kind === 'building'
          ? 'courtyard.addBuilding'
          : target.kind === 'unit'
            ? 'courtyard.addUnit'
            : 'courtyard.addDwelling',
      );
  const buildingOptions = courtyard.buildings.map((b) => ({ value: b.id, label: b.label }));

  return (
    <Modal
      open={target !== null}
      title={`${title} · ${courtyard.name}`}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark="optional" data-testid="place-form">
        {target?.kind === 'building' && (
          <>
            <Form.Item
              name="label"
              label={t('courtyard.buildingLabel')}
              rules={[{ required: true, whitespace: true, message: t('courtyard.labelRequired') }]}
            >
              <Input maxLength={30} placeholder={t('courtyard.buildingLabelPlaceholder')} data-testid="place-label" />
            </Form.Item>
            <Form.Item name="floors" label={t('courtyard.floors')}>
              <InputNumber min={1} max={200} precision={0} style={{ width: 160 }} />
            </Form.Item>
          </>
        )}
        {target?.kind === 'unit' && (
          <>
            <Form.Item
              name="buildingId"
              label={t('courtyard.building')}
              rules={[{ required: true, message: t('courtyard.buildingRequired') }]}
            >
              <Select options={buildingOptions} />
            </Form.Item>
            <Form.Item
              name="label"
              label={t('courtyard.unitLabel')}
              rules={[{ required: true, whitespace: true, message: t('courtyard.labelRequired') }]}
            >
              <Input maxLength={30} placeholder={t('courtyard.unitLabelPlaceholder')} data-testid="place-label" />
            </Form.Item>
          </>
        )}
        {target?.kind === 'dwelling' && (
          <>
            <Form.Item
              name="buildingId"
              label={t('courtyard.building')}
              rules={[{ required: courtyard.kind === 'urban_compound', message: t('courtyard.buildingRequired') }]}
              extra={rural ? t('picker.rural') : undefined}
            >
              <Select
                allowClear
                options={buildingOptions}
                onChange={() => form.setFieldValue('unitId', null)}
                data-testid="place-building"
              />
            </Form.Item>
            {units.length > 0 && (
              <Form.Item name="unitId" label={t('courtyard.unit')}>
                <Select
                  allowClear
                  options={units.map((u) => ({ value: u.id, label: u.label }))}
                  placeholder={t('picker.noUnit')}
                  data-testid="place-unit"
                />
              </Form.Item>
            )}
            <Form.Item
              name="room"
              label={t('courtyard.room')}
              rules={[{ required: true, whitespace: true, message: t('courtyard.roomRequired') }]}
            >
              <Input maxLength={30} placeholder={t('courtyard.roomPlaceholder')} data-testid="place-room" />
            </Form.Item>
            <Form.Item name="floor" label={t('courtyard.floor')}>
              <InputNumber min={-5} max={200} precision={0} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="areaM2" label={t('courtyard.area')}>
              <InputNumber min={0.1} max={99999} step={0.1} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="use" label={t('courtyard.use')}>
              <Radio.Group
                options={(['residential', 'commercial', 'other'] as const).map((u) => ({
                  value: u,
                  label: dwellingUseLabel(t, u),
                }))}
              />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
