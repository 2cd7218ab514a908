/** Marks an alert handled, saying what was done (stops its escalation). */
import { Descriptions, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.js';
import { FormModal } from '../../../components/FormModal.js';
import { alertKindLabel } from '../labels.js';
import type { AlertDto } from '../types.js';
import { useModalSubmit } from '../modal.js';

const NOTE_MIN = 2;
const NOTE_MAX = 1000;

export function HandleModal({
  alert,
  onClose,
  onHandled,
}: {
  alert: AlertDto | null;
  onClose: () => void;
  onHandled: (a: AlertDto, note: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note: string }>();
  const modal = useModalSubmit(
    { open: alert !== null, onClose, reset: true },
    form,
    async (v) => {
      if (!alert) return null;
      const note = v.note.trim();
      await api.post('/api/alerts/:id/handle', { params: { id: alert.id }, body: { note } });
      return { alert, note };
    },
    (r) => r && onHandled(r.alert, r.note),
    null,
  );

  return (
    <FormModal
      {...modal}
      title={t('alerts.handleTitle')}
      okText={t('alerts.handle')}
      okTestId="alert-handle-ok"
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
