/** A decision that needs a stated reason (kept in the timeline and the audit log). */
import { Form, Input, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmit } from '../../../components/useSubmit.js';
import { buttonProps } from '../ui.js';

export const REASON_MIN = 2;
export const REASON_MAX = 500;

/** The reason field's rules: required, 2–500 characters after trimming. */
export function reasonRules(t: (k: string, o?: Record<string, unknown>) => string, min = REASON_MIN) {
  return [
    { required: true, whitespace: true, message: t('health.reason.required') },
    { min, max: REASON_MAX, message: t('health.reason.length', { min, max: REASON_MAX }) },
  ];
}

export function ReasonField({ testId = 'reason', min = REASON_MIN }: { testId?: string; min?: number }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="reason"
      label={t('health.reason.label')}
      rules={reasonRules(t, min)}
      extra={t('health.reason.hint')}
    >
      <Input.TextArea rows={3} maxLength={REASON_MAX} showCount data-testid={testId} />
    </Form.Item>
  );
}

interface Props {
  open: boolean;
  title: string;
  okText?: string;
  danger?: boolean;
  /** Shown above the reason (what the decision does, what blocks it). */
  children?: ReactNode;
  okDisabled?: boolean;
  onClose: () => void;
  onSubmit: (reason: string) => Promise<void>;
  testId?: string;
}

export function ReasonModal({
  open,
  title,
  okText,
  danger,
  children,
  okDisabled,
  onClose,
  onSubmit,
  testId = 'reason-modal',
}: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const { saving, submit } = useSubmit(
    form,
    (v) => onSubmit(v.reason.trim()),
    () => undefined,
    null,
  );

  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={okText ?? t('common.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={buttonProps(`${testId}-ok`, { danger, disabled: okDisabled })}
      confirmLoading={saving}
      destroyOnHidden
    >
      <div data-testid={testId}>
        {children}
        <Form form={form} layout="vertical">
          <ReasonField testId={`${testId}-reason`} />
        </Form>
      </div>
    </Modal>
  );
}
