/**
 * 纳入管控: record categories and status and place the person under the measure the
 * rules in force that day give (strictest measure, longest period). The rule preview
 * updates as the form changes; the server decides again when the placement is saved.
 */
import { MedicineBoxOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Descriptions, Form, Input, Select, Spin } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays } from '../../../../domain/clock.js';
import { STATUSES } from '../../../../domain/health.js';
import { api, type BodyOf, type Result } from '../../../api/client.js';
import { showError } from '../../../api/feedback.js';
import { FormModal } from '../../../components/FormModal.js';
import { newId, shanghaiToday } from '../../../lib/registry.js';
import { categoryLabel, MeasureTag, releaseText, statusLabel } from '../labels.js';
import type { EpiStatus } from '../types.js';
import { needsSite, siteBody, SiteFields, type SiteValues } from './SiteFields.js';
import { useRulesInForce } from './useRules.js';
import { useModalSubmit } from '../modal.js';

interface Values extends SiteValues {
  day: Dayjs;
  categories: string[];
  status: EpiStatus;
  lastContact?: Dayjs | null;
  reason?: string;
}

const BACK_DAYS = 30;

type Preview = Result<'POST', '/api/health-rules/preview'>;
type PlaceResult = Result<'POST', '/api/health-persons/:id/placements'>;

export function PlaceModal({
  open,
  personId,
  onClose,
  onPlaced,
}: {
  open: boolean;
  personId: string;
  onClose: () => void;
  onPlaced: (r: PlaceResult) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [preview, setPreview] = useState<{ key: string; value: Preview } | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const measureId = useRef(newId());
  const today = shanghaiToday();
  const dayValue = Form.useWatch('day', form);
  const categories = Form.useWatch('categories', form) ?? [];
  const status = Form.useWatch('status', form) ?? 'none';
  const lastContact = Form.useWatch('lastContact', form);
  const day = dayValue ? dayValue.format('YYYY-MM-DD') : today;
  const rules = useRulesInForce(day, open);

  useEffect(() => {
    if (!open) return;
    measureId.current = newId();
    setPreview(null);
    form.resetFields();
    form.setFieldsValue({ day: dayjs(today), categories: [], status: 'none' });
  }, [open, form, today]);

  // The rule preview, refreshed (debounced) whenever its inputs change.
  const previewKey = JSON.stringify({
    day,
    categories,
    status,
    lastContact: lastContact ? lastContact.format('YYYY-MM-DD') : null,
  });
  useEffect(() => {
    if (!open) return;
    const input = JSON.parse(previewKey) as BodyOf<'POST', '/api/health-rules/preview'>;
    if (input.categories.length === 0 && (input.status === 'none' || input.status === 'released')) {
      setPreview(null);
      return;
    }
    let alive = true;
    const timer = window.setTimeout(() => {
      setPreviewing(true);
      api
        .post('/api/health-rules/preview', { body: input })
        .then((value) => alive && setPreview({ key: previewKey, value }))
        .catch((err) => alive && showError(err))
        .finally(() => alive && setPreviewing(false));
    }, 250);
    return () => {
      alive = false;
      window.clearTimeout(timer);
    };
  }, [open, previewKey]);

  const decided = preview?.key === previewKey ? preview.value : undefined;
  const measure = decided?.measure ?? null;

  const modal = useModalSubmit(
    { open, onClose },
    form,
    (v) =>
      api.post('/api/health-persons/:id/placements', {
        params: { id: personId },
        body: {
          id: measureId.current,
          day: v.day.format('YYYY-MM-DD'),
          categories: v.categories.map((key) => ({ key })),
          ...(v.status !== 'none' ? { status: v.status } : {}),
          ...(v.lastContact ? { lastContact: v.lastContact.format('YYYY-MM-DD') } : {}),
          ...(measure ? siteBody(measure, v) : {}),
          ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
        },
      }),
    onPlaced,
    t('health.place.done'),
  );

  const noInput = categories.length === 0 && (status === 'none' || status === 'released');
  return (
    <FormModal
      {...modal}
      title={t('health.place.title')}
      okText={t('health.place.submit')}
      okTestId="place-submit"
      okExtra={{ disabled: !decided }}
      formTestId="place-form"
      width={640}
    >
      <Form.Item name="categories" label={t('health.categories')}>
        <Select
          mode="multiple"
          loading={rules.loading}
          options={(rules.data?.categories ?? []).map((c) => ({
            value: c.key,
            label: categoryLabel(t, c.key, c.label),
          }))}
          placeholder={t('health.place.categoriesHint')}
          data-testid="place-categories"
        />
      </Form.Item>
      <Form.Item name="status" label={t('health.status')}>
        <Select options={STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) }))} data-testid="place-status" />
      </Form.Item>
      <Form.Item name="lastContact" label={t('health.lastContact')} extra={t('health.lastContactHint')}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > today} />
      </Form.Item>
      <Form.Item
        name="day"
        label={t('health.place.day')}
        rules={[{ required: true }]}
        extra={t('health.place.dayHint', { days: BACK_DAYS })}
      >
        <DatePicker
          style={{ width: '100%' }}
          allowClear={false}
          disabledDate={(d) => {
            const s = d.format('YYYY-MM-DD');
            return s > today || s < addDays(today, -BACK_DAYS);
          }}
        />
      </Form.Item>

      <div data-testid="place-preview" style={{ marginBottom: 16 }}>
        {noInput ? (
          <Alert type="info" showIcon title={t('health.place.previewEmpty')} />
        ) : previewing && decided === undefined ? (
          <Spin />
        ) : decided === null ? (
          <Alert type="warning" showIcon title={t('health.place.noRule')} data-testid="place-no-rule" />
        ) : decided ? (
          <Descriptions
            bordered
            size="small"
            column={1}
            title={t('health.place.preview')}
            items={[
              {
                key: 'measure',
                label: t('health.measure'),
                children: (
                  <span data-testid="place-preview-measure">
                    <MeasureTag measure={decided.measure} />
                  </span>
                ),
              },
              { key: 'start', label: t('health.startDay'), children: decided.start },
              {
                key: 'end',
                label: t('health.plannedEnd'),
                children: <span data-testid="place-preview-end">{decided.plannedEnd ?? t('health.endByTests')}</span>,
              },
              {
                key: 'release',
                label: t('health.release'),
                children: releaseText(t, decided.release),
              },
            ]}
          />
        ) : null}
      </div>

      {needsSite(measure) && <SiteFields measure={measure} form={form} />}
      <Form.Item name="reason" label={t('health.place.note')}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}

/** 纳入管控 as a button with its modal. */
export function PlaceAction({ personId, onPlaced }: { personId: string; onPlaced: () => void }) {
  const { t } = useTranslation();
  const [placing, setPlacing] = useState(false);
  return (
    <>
      <Button type="primary" icon={<MedicineBoxOutlined />} onClick={() => setPlacing(true)} data-testid="health-place">
        {t('health.place.action')}
      </Button>
      <PlaceModal
        open={placing}
        personId={personId}
        onClose={() => setPlacing(false)}
        onPlaced={() => (setPlacing(false), onPlaced())}
      />
    </>
  );
}
