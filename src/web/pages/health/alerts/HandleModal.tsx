/** Marks an alert handled, saying what was done (stops its escalation). */
import { Descriptions, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.js';
import { showError } from '../../../api/feedback.js';
import type { AlertDto } from '../../../api/health.js';
import { alertKindLabel } from '../labels.js';
import { buttonProps } from '../ui.js';

const NOTE_MIN = 2;
const NOTE_MAX = 1000;

export function HandleModal({ alert, onClose, onHandled }: { alert: AlertDto | null; onClose(): void; onHandled(a: AlertDto, note: string): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note: string }>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (alert) form.resetFields();
  }, [alert, form]);

  const submit = async () => {
    if (!alert) return;
    let v: { note: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      const note = v.note.trim();
      await api.post(`/api/alerts/${alert.id}/handle`, { note });
      onHandled(alert, note);
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={alert !== null}
      title={t('alerts.handleTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      okText={t('alerts.handle')}
      cancelText={t('common.cancel')}
      okButtonProps={buttonProps('alert-handle-ok')}
      destroyOnHidden
    >
      {alert && (
        <Descriptions
          size="small"
          column={1}
          style={{ marginBottom: 12 }}
          items={[
            { key: 'kind', label: t('alerts.kind'), children: alertKindLabel(t, alert.kind) },
            { key: 'subject', label: t('alerts.subject'), children: alert.person ? (alert.person.name ?? t('person.hidden')) : alert.area.name },
            { key: 'day', label: t('alerts.day'), children: alert.day },
          ]}
        />
      )}
      <Form form={form} layout="vertical">
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
      </Form>
    </Modal>
  );
}
