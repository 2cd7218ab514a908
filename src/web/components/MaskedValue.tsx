/**
 * A personal value as the server sent it (masked or hidden for the role), with an
 * eye button that reveals the full value after the user states a reason. The
 * reveal is audited on the server; the modal says so.
 */
import { EyeOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAY_REVEAL } from '../../domain/masking.js';
import { api, isApiError } from '../api/client.js';
import { showError } from '../api/feedback.js';
import type { PersonalField } from '../api/registry.js';
import { useCan, useMe } from '../auth/session.js';
import { FormModal } from './FormModal.js';
import { useSubmit } from './useSubmit.js';

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
  const allowed = (MAY_REVEAL as Record<string, readonly string[]>)[me.user.role] ?? [];
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
  onClose: () => void;
  onRevealed: (value: string | null) => void;
  onRefused: () => void;
}

function RevealModal({ open, personId, field, onClose, onRevealed, onRefused }: ModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const label = t(`reveal.field.${field}`);

  // A role that may not reveal the field is told once, and the eye goes away (null: nothing revealed).
  const { saving, submit } = useSubmit(
    form,
    async (values) => {
      try {
        const res = await api.post('/api/persons/:id/reveal', {
          params: { id: personId },
          body: { fields: [field], reason: values.reason.trim() },
        });
        return { value: res.values[field] ?? null };
      } catch (err) {
        if (!isApiError(err, 'FIELD_NOT_REVEALABLE')) throw err;
        showError(err);
        return null;
      }
    },
    (revealed) => {
      if (!revealed) return onRefused();
      form.resetFields();
      onRevealed(revealed.value);
    },
    (revealed) => (revealed ? t('reveal.revealed') : null),
  );

  return (
    <FormModal
      open={open}
      title={t('reveal.title', { field: label })}
      okText={t('reveal.submit')}
      okTestId="reveal-submit"
      saving={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      form={form}
      formTestId="reveal-form"
      intro={<Alert type="warning" showIcon title={t('reveal.audit')} style={{ marginBottom: 16 }} />}
    >
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
    </FormModal>
  );
}
