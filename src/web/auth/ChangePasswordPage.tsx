import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { legacyApi } from '../api/legacy.js';
import { showError, toastSuccess } from '../api/feedback.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { passwordPolicyText, passwordRules } from './passwordRules.js';
import { useMe, useSession } from './session.js';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** /password — inside the app shell, or standalone when the user must change it first. */
export function ChangePasswordPage({ standalone = false }: { standalone?: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const { refresh, logout } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<PasswordForm>();
  const [saving, setSaving] = useState(false);

  const onFinish = async (values: PasswordForm) => {
    setSaving(true);
    try {
      await legacyApi.post<void>('/api/me/password', {
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
      });
      toastSuccess(t('password.changed'));
      form.resetFields();
      await refresh();
      navigate('/', { replace: true });
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  const card = (
    <Card
      title={t('password.title')}
      style={{ maxWidth: 480, width: '100%' }}
      extra={standalone ? <LanguageSwitch size="small" /> : null}
    >
      {me.user.mustChangePassword && (
        <Alert type="warning" showIcon title={t('password.mustChange')} style={{ marginBottom: 16 }} />
      )}
      <Form<PasswordForm> form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        {/* Lets password managers tie the new password to this account. */}
        <input type="text" name="username" autoComplete="username" value={me.user.username} readOnly hidden />
        <Form.Item
          name="currentPassword"
          label={t('password.current')}
          rules={[{ required: true, message: t('password.required') }]}
        >
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          extra={passwordPolicyText(t)}
          rules={passwordRules(t, () => me.user.username)}
        >
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.required') },
            ({ getFieldValue }) => ({
              validator: async (_rule, value: unknown) => {
                if (value && value !== getFieldValue('newPassword')) throw new Error(t('password.mismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="password-submit">
            {t('password.submit')}
          </Button>
          {standalone && <Button onClick={() => void logout()}>{t('header.logout')}</Button>}
        </Space>
      </Form>
    </Card>
  );

  if (!standalone) {
    return (
      <>
        <Typography.Title level={4} className="ss-page-title">
          {t('password.title')}
        </Typography.Title>
        {card}
      </>
    );
  }
  return <div className="ss-login-bg">{card}</div>;
}
