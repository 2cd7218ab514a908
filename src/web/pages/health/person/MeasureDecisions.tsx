/** Extending a measure's planned end, or replacing it by another measure — each with a reason. */
import { DatePicker, Form, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { MEASURES } from '../../../../domain/health.js';
import { legacyApi } from '../../../api/legacy.js';
import type { Measure, MeasureDto } from '../../../api/health.js';
import { FormModal } from '../../../components/FormModal.js';
import { useSubmit } from '../../../components/useSubmit.js';
import { newId, shanghaiToday } from '../../../lib/registry.js';
import { measureLabel } from '../labels.js';
import { ReasonField } from './ReasonModal.js';
import { siteBody, SiteFields, type SiteValues } from './SiteFields.js';

interface Props {
  open: boolean;
  measure: MeasureDto;
  onClose(): void;
  onSaved(m: MeasureDto): void;
}

export function ExtendModal({ open, measure, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ plannedEnd: Dayjs; reason: string }>();
  const floor = measure.plannedEnd ?? shanghaiToday();
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const { saving, submit } = useSubmit(
    form,
    (v) =>
      legacyApi.post<MeasureDto>(`/api/measures/${measure.id}/extend`, {
        plannedEnd: v.plannedEnd.format('YYYY-MM-DD'),
        reason: v.reason.trim(),
      }),
    onSaved,
  );
  return (
    <FormModal
      open={open}
      title={t('health.extend.title')}
      okText={t('health.extend.action')}
      okTestId="measure-extend-ok"
      saving={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      form={form}
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
  const { saving, submit } = useSubmit(
    form,
    (v) =>
      legacyApi.post<MeasureDto>(`/api/measures/${measure.id}/change`, {
        id: id.current,
        measure: v.measure,
        ...siteBody(v.measure, v),
        plannedEnd: v.plannedEnd ? v.plannedEnd.format('YYYY-MM-DD') : null,
        reason: v.reason.trim(),
      }),
    onSaved,
  );
  return (
    <FormModal
      open={open}
      title={t('health.change.title')}
      okText={t('health.change.action')}
      okTestId="measure-change-ok"
      saving={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      form={form}
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
