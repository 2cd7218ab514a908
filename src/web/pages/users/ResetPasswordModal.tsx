import { Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { legacyApi } from '../../api/legacy.js';
import { showError, toastSuccess } from '../../api/feedback.js';
import type { UserDto } from '../../api/types.js';
import { passwordPolicyText, passwordRules } from '../../auth/passwordRules.js';

/** Sets a new initial password; the user must change it at the next sign-in. */
export function ResetPasswordModal({
  user,
  onClose,
  onSaved,
}: {
  user: UserDto | null;
  onClose(): void;
  onSaved(u: UserDto): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ resetPassword: string }>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (user) form.resetFields();
  }, [user, form]);

  const submit = async () => {
    if (!user) return;
    let values: { resetPassword: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      const saved = await legacyApi.patch<UserDto>(`/api/users/${user.id}`, { resetPassword: values.resetPassword });
      toastSuccess(t('users.resetOk'));
      onSaved(saved);
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={user !== null}
      title={user ? t('users.resetTitle', { name: user.displayName }) : ''}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="resetPassword"
          label={t('users.initialPassword')}
          extra={passwordPolicyText(t)}
          rules={passwordRules(t, () => user?.username)}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
