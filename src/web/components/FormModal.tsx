/** A modal around one vertical form, with the usual OK/cancel buttons. */
import { Form, Modal, type ButtonProps, type FormInstance, type ModalProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { buttonProps } from './buttonProps.js';

interface Props<V> extends Omit<
  ModalProps,
  'open' | 'title' | 'okText' | 'onOk' | 'onCancel' | 'confirmLoading' | 'children'
> {
  open: boolean;
  title: ReactNode;
  okText?: ReactNode;
  /** The OK button's data-testid. */
  okTestId?: string;
  /** Further OK button props (danger, disabled…). */
  okExtra?: ButtonProps;
  saving: boolean;
  onOk: () => void;
  onCancel: () => void;
  form: FormInstance<V>;
  /** The form's data-testid. */
  formTestId?: string;
  /** Shown above the form. */
  intro?: ReactNode;
  children: ReactNode;
}

export function FormModal<V>({
  open,
  title,
  okText,
  okTestId,
  okExtra,
  saving,
  onOk,
  onCancel,
  form,
  formTestId,
  intro,
  children,
  ...rest
}: Props<V>) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onCancel}
      onOk={onOk}
      confirmLoading={saving}
      okText={okText}
      cancelText={t('common.cancel')}
      okButtonProps={okTestId ? buttonProps(okTestId, okExtra) : okExtra}
      destroyOnHidden
      {...rest}
    >
      {intro}
      <Form form={form} layout="vertical" data-testid={formTestId}>
        {children}
      </Form>
    </Modal>
  );
}
