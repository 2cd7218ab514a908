/**
 * A personal value as the server sent it (masked or hidden for the role), with an
 * eye button that reveals the full value after the user states a reason. The
 * reveal is audited on the server; the modal says so.
 */
import { EyeOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Space, Tooltip, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAY_REVEAL } from '../../domain/masking.js';
import type { Role } from '../../domain/permissions.js';
import { api, isApiError } from '../api/client.js';
import { showError, toastSuccess } from '../api/feedback.js';
import type { PersonalField, RevealedDto } from '../api/types.js';
import { useCan, useMe } from '../auth/session.js';

interface Props {
  personId: string;
  field: PersonalField;
  value: string | null;
  /** The server listed the field in `masked` (shown masked, or hidden when null). */
  masked: boolean;
  mono?: boolean;
  /** Take the surrounding font size and weight (inside a title). */
  inherit?: boolean;
  'data-testid'?: string;
}

/** Whether the signed-in role may reveal this field at all (the server decides in the end). */
export function useMayReveal(): (field: PersonalField) => boolean {
  const can = useCan();
  const me = useMe();
  const allowed = (MAY_REVEAL as Record<string, readonly string[]>)[me.user.role as Role] ?? [];
  return (field) => can('person.reveal') && allowed.includes(field);
}

export function MaskedValue({ personId, field, value, masked, mono, inherit, ...rest }: Props) {
  const { t } = useTranslation();
  const mayReveal = useMayReveal();
  const [shown, setShown] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [refused, setRefused] = useState(false);
  const testId = rest['data-testid'];

  const display = shown ?? value;
  return (
    <Space size={4} wrap={false}>
      {display === null ? (
        <Typography.Text type="secondary" data-testid={testId}>
          {masked ? t('person.hidden') : t('common.none')}
        </Typography.Text>
      ) : (
        <Typography.Text
          className={mono ? 'ss-mono' : undefined}
          style={inherit ? { fontSize: 'inherit', fontWeight: 'inherit' } : undefined}
          data-testid={testId}
          copyable={shown !== null}
        >
          {display}
        </Typography.Text>
      )}
      {shown !== null && (
        <Tooltip title={t('reveal.revealed')}>
          <SafetyCertificateOutlined style={{ color: '#d48806' }} />
        </Tooltip>
      )}
      {masked && shown === null && !refused && mayReveal(field) && (
        <Tooltip title={t('reveal.action', { field: t(`reveal.field.${field}`) })}>
          <Button
            type="text"
            size="small"
            className="ss-no-print"
            icon={<EyeOutlined />}
            onClick={() => setOpen(true)}
            aria-label={t('reveal.action', { field: t(`reveal.field.${field}`) })}
            data-testid={testId ? `${testId}-reveal` : undefined}
          />
        </Tooltip>
      )}
      <RevealModal
        open={open}
        personId={personId}
        field={field}
        onClose={() => setOpen(false)}
        onRevealed={(v) => {
          setShown(v ?? '');
          setOpen(false);
        }}
        onRefused={() => {
          setRefused(true);
          setOpen(false);
        }}
      />
    </Space>
  );
}

interface ModalProps {
  open: boolean;
  personId: string;
  field: PersonalField;
  onClose(): void;
  onRevealed(value: string | null): void;
  onRefused(): void;
}

function RevealModal({ open, personId, field, onClose, onRevealed, onRefused }: ModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const label = t(`reveal.field.${field}`);

  const submit = async () => {
    let values: { reason: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      const res = await api.post('/api/persons/:id/reveal', {
        params: { id: personId },
        body: { fields: [field], reason: values.reason.trim() },
      });
      toastSuccess(t('reveal.revealed'));
      form.resetFields();
      onRevealed(res.values[field] ?? null);
    } catch (err) {
      if (isApiError(err, 'FIELD_NOT_REVEALABLE')) {
        showError(err);
        onRefused();
      } else {
        showError(err, form);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('reveal.title', { field: label })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('reveal.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'reveal-submit' } as ButtonProps}
    >
      <Alert type="warning" showIcon title={t('reveal.audit')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" data-testid="reveal-form">
        <Form.Item
          name="reason"
          label={t('reveal.reason')}
          rules={[
            { required: true, whitespace: true, message: t('reveal.reasonRequired') },
            { min: 4, max: 200, message: t('reveal.reasonRequired') },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={200}
            showCount
            placeholder={t('reveal.reasonPlaceholder')}
            data-testid="reveal-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
