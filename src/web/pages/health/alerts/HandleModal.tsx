/** Marks an alert handled, saying what was done (stops its escalation). */
import { Descriptions, Form, Input } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { legacyApi } from '../../../api/legacy.js';
import type { AlertDto } from '../../../api/health.js';
import { FormModal } from '../../../components/FormModal.js';
import { useSubmit } from '../../../components/useSubmit.js';
import { alertKindLabel } from '../labels.js';

const NOTE_MIN = 2;
const NOTE_MAX = 1000;

export function HandleModal({
  alert,
  onClose,
  onHandled,
}: {
  alert: AlertDto | null;
  onClose(): void;
  onHandled(a: AlertDto, note: string): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note: string }>();
  useEffect(() => {
    if (alert) form.resetFields();
  }, [alert, form]);

  const { saving, submit } = useSubmit(
    form,
    async (v) => {
      if (!alert) return null;
      const note = v.note.trim();
      await legacyApi.post(`/api/alerts/${alert.id}/handle`, { note });
      return { alert, note };
    },
    (r) => r && onHandled(r.alert, r.note),
    null,
  );

  return (
    <FormModal
      open={alert !== null}
      title={t('alerts.handleTitle')}
      okText={t('alerts.handle')}
      okTestId="alert-handle-ok"
      saving={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      form={form}
      intro={
        alert && (
          <Descriptions
            size="small"
            column={1}
            style={{ marginBottom: 12 }}
            items={[
              { key: 'kind', label: t('alerts.kind'), children: alertKindLabel(t, alert.kind) },
              {
                key: 'subject',
                label: t('alerts.subject'),
                children: alert.person ? (alert.person.name ?? t('person.hidden')) : alert.area.name,
              },
              { key: 'day', label: t('alerts.day'), children: alert.day },
            ]}
          />
        )
      }
    >
      <Form.Item
        name="note"
        label={t('alerts.note')}
        extra={t('alerts.noteHint')}
        rules={[
          { required: true, whitespace: true, message: t('alerts.noteRequired') },
          { min: NOTE_MIN, max: NOTE_MAX, message: t('alerts.noteLength', { min: NOTE_MIN, max: NOTE_MAX }) },
        ]}
      >
        <Input.TextArea rows={4} maxLength={NOTE_MAX} showCount data-testid="alert-handle-note" />
      </Form.Item>
    </FormModal>
  );
}
