/** Extending a measure's planned end, or replacing it by another measure — each with a reason. */
import { DatePicker, Form, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { MEASURES } from '../../../../domain/health.js';
import { api } from '../../../api/client.js';
import { FormModal } from '../../../components/FormModal.js';
import { newId, shanghaiToday } from '../../../lib/registry.js';
import { measureLabel } from '../labels.js';
import type { Measure, MeasureDto } from '../types.js';
import { ReasonField } from './ReasonModal.js';
import { siteBody, SiteFields, type SiteValues } from './SiteFields.js';
import { useModalSubmit } from '../modal.js';

interface Props {
  open: boolean;
  measure: MeasureDto;
  onClose: () => void;
  onSaved: (m: MeasureDto) => void;
}

export function ExtendModal({ open, measure, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ plannedEnd: Dayjs; reason: string }>();
  const floor = measure.plannedEnd ?? shanghaiToday();
  const modal = useModalSubmit(
    { open, onClose, reset: true },
    form,
    (v) =>
      api.post('/api/measures/:id/extend', {
        params: { id: measure.id },
        body: { plannedEnd: v.plannedEnd.format('YYYY-MM-DD'), reason: v.reason.trim() },
      }),
    onSaved,
  );
  return (
    <FormModal
      {...modal}
      title={t('health.extend.title')}
      okText={t('health.extend.action')}
      okTestId="measure-extend-ok"
    >
      <Form.Item
        name="plannedEnd"
        label={t('health.extend.to')}
        rules={[{ required: true, message: t('health.extend.required') }]}
        extra={t('health.extend.hint', { day: floor })}
      >
        <DatePicker
          style={{ width: '100%' }}
          disabledDate={(d) => d.format('YYYY-MM-DD') <= floor}
          defaultPickerValue={dayjs(floor).add(1, 'day')}
        />
      </Form.Item>
      <ReasonField testId="measure-extend-reason" />
    </FormModal>
  );
}

interface ChangeValues extends SiteValues {
  measure: Measure;
  plannedEnd?: Dayjs | null;
  reason: string;
}

export function ChangeModal({ open, measure, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ChangeValues>();
  const id = useRef(newId());
  const chosen = Form.useWatch('measure', form);
  useEffect(() => {
    if (!open) return;
    id.current = newId();
    form.resetFields();
    form.setFieldsValue({ plannedEnd: measure.plannedEnd ? dayjs(measure.plannedEnd) : null });
  }, [open, form, measure.plannedEnd]);
  const modal = useModalSubmit(
    { open, onClose },
    form,
    (v) =>
      api.post('/api/measures/:id/change', {
        params: { id: measure.id },
        body: {
          id: id.current,
          measure: v.measure,
          ...siteBody(v.measure, v),
          plannedEnd: v.plannedEnd ? v.plannedEnd.format('YYYY-MM-DD') : null,
          reason: v.reason.trim(),
        },
      }),
    onSaved,
  );
  return (
    <FormModal
      {...modal}
      title={t('health.change.title')}
      okText={t('health.change.action')}
      okTestId="measure-change-ok"
    >
      <Form.Item
        name="measure"
        label={t('health.change.to')}
        rules={[{ required: true, message: t('health.change.required') }]}
      >
        <Select
          options={MEASURES.map((m) => ({ value: m, label: measureLabel(t, m) }))}
          onChange={() => form.setFieldsValue({ siteId: undefined, roomId: undefined, bed: undefined })}
          data-testid="measure-change-to"
        />
      </Form.Item>
      <SiteFields measure={chosen} form={form} />
      <Form.Item name="plannedEnd" label={t('health.plannedEnd')} extra={t('health.change.endHint')}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') < shanghaiToday()} />
      </Form.Item>
      <ReasonField testId="measure-change-reason" />
    </FormModal>
  );
}
