import { Form, Input } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { passwordPolicyText, passwordRules } from '../../auth/passwordRules.js';
import { FormModal } from '../../components/FormModal.js';
import { useSubmit } from '../../components/useSubmit.js';
import type { UserDto } from './UserFormModal.js';

/** Sets a new initial password; the user must change it at the next sign-in. */
export function ResetPasswordModal({
  user,
  onClose,
  onSaved,
}: {
  user: UserDto | null;
  onClose: () => void;
  onSaved: (u: UserDto) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ resetPassword: string }>();

  useEffect(() => {
    if (user) form.resetFields();
  }, [user, form]);

  const { saving, submit } = useSubmit(
    form,
    (values) =>
      api.patch('/api/users/:id', { params: { id: user!.id }, body: { resetPassword: values.resetPassword } }),
    onSaved,
    t('users.resetOk'),
  );

  return (
    <FormModal
      open={user !== null}
      title={user ? t('users.resetTitle', { name: user.displayName }) : ''}
      okText={t('common.save')}
      saving={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      form={form}
    >
      <Form.Item
        name="resetPassword"
        label={t('users.initialPassword')}
        extra={passwordPolicyText(t)}
        rules={passwordRules(t, () => user?.username)}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormModal>
  );
}
