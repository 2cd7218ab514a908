import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client.js';
import { showError } from '../api/feedback.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { useSubmit } from '../components/useSubmit.js';
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
  const { saving, submit } = useSubmit(
    form,
    (values) =>
      api.post('/api/me/password', {
        body: { currentPassword: values.currentPassword, newPassword: values.newPassword },
      }),
    () => {
      form.resetFields();
      // The session now says the password need not change: read it again before leaving.
      void refresh().then(
        () => navigate('/', { replace: true }),
        (err: unknown) => showError(err, form),
      );
    },
    t('password.changed'),
  );

  const card = (
    <Card
      title={t('password.title')}
      style={{ maxWidth: 480, width: '100%' }}
      extra={standalone ? <LanguageSwitch size="small" /> : null}
    >
      {me.user.mustChangePassword && (
        <Alert type="warning" showIcon title={t('password.mustChange')} style={{ marginBottom: 16 }} />
      )}
      <Form<PasswordForm> form={form} layout="vertical" onFinish={() => void submit()} requiredMark={false}>
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
              validator: (_rule, value: unknown) =>
                value && value !== getFieldValue('newPassword')
                  ? Promise.reject(new Error(t('password.mismatch')))
                  : Promise.resolve(),
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
