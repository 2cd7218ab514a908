/** Add a building (楼栋), a unit (单元) or a dwelling (户室) to a courtyard. */
import { Form, Input, InputNumber, Radio, Select } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import type { CourtyardDetailDto, DwellingDto } from '../../api/registry.js';
import { FormModal } from '../../components/FormModal.js';
import { useSubmit } from '../../components/useSubmit.js';
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
  onClose: () => void;
  onSaved: (created: { id: string; kind: PlaceTarget['kind'] }) => void;
}

export function PlaceFormModal({ courtyard, target, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
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

  /** The building, unit or dwelling the form describes (the target is set while the modal is open). */
  const create = async (kind: PlaceTarget['kind'], v: Values) => {
    const id = idRef.current;
    const label = (v.label ?? '').trim();
    if (kind === 'building')
      return api.post('/api/courtyards/:id/buildings', {
        params: { id: courtyard.id },
        body: { id, label, floors: v.floors ?? null },
      });
    if (kind === 'unit')
      return api.post('/api/buildings/:id/units', { params: { id: v.buildingId ?? '' }, body: { id, label } });
    return api.post('/api/dwellings', {
      body: {
        id,
        courtyardId: courtyard.id,
        buildingId: v.buildingId ?? null,
        unitId: v.unitId ?? null,
        room: (v.room ?? '').trim(),
        floor: v.floor ?? null,
        areaM2: v.areaM2 ?? null,
        use: v.use ?? 'residential',
      },
    });
  };
  const kind = target?.kind ?? 'building';
  const { saving, submit } = useSubmit(
    form,
    async (v) => ({ id: (await create(kind, v)).id, kind }),
    onSaved,
    t('courtyard.savedOk'),
  );

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
    <FormModal
      open={target !== null}
      title={`${title} · ${courtyard.name}`}
      okText={t('common.save')}
      saving={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      form={form}
      formTestId="place-form"
    >
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
    </FormModal>
  );
}
