/** A decision with a stated reason: pausing, re-enabling or revoking a code, returning a submission. */
import { Form, Input } from 'antd';
import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal.js';
import { useSubmit } from '../../components/useSubmit.js';
import { reasonRules } from '../health/person/ReasonModal.js';

interface Props<R> {
  open: boolean;
  title: ReactNode;
  okText: string;
  danger?: boolean;
  /** Longest reason the server takes. */
  max: number;
  hint: string;
  intro?: ReactNode;
  onClose: () => void;
  send: (reason: string) => Promise<R>;
  onDone: (r: R) => void;
  success: string;
  testId: string;
}

export function ReasonFormModal<R>({
  open,
  title,
  okText,
  danger,
  max,
  hint,
  intro,
  onClose,
  send,
  onDone,
  success,
  testId,
}: Props<R>) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const { saving, submit } = useSubmit(form, (v) => send(v.reason.trim()), onDone, success);
  const rules = reasonRules(t).map((r) =>
    'max' in r ? { ...r, max, message: t('health.reason.length', { min: 2, max }) } : r,
  );
  return (
    <FormModal
      open={open}
      title={title}
      okText={okText}
      okTestId={`${testId}-ok`}
      okExtra={{ danger }}
      saving={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      form={form}
      formTestId={testId}
      intro={intro}
    >
      <Form.Item name="reason" label={t('health.reason.label')} rules={rules} extra={hint}>
        <Input.TextArea rows={3} maxLength={max} showCount data-testid={`${testId}-reason`} />
      </Form.Item>
    </FormModal>
  );
}
