import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../api/client.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { useSession } from './session.js';

interface LoginForm {
  username: string;
  password: string;
}

export function LoginPage() {
  const { t } = useTranslation();
  const { login, ended } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const from = (location.state as { from?: { pathname?: string; search?: string } } | null)?.from;
  const target = from?.pathname && from.pathname !== '/login' ? `${from.pathname}${from.search ?? ''}` : '/';

  const onFinish = async (values: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      const me = await login(values.username.trim(), values.password);
      void navigate(me.user.mustChangePassword ? '/password' : target, { replace: true });
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setSubmitting(false);
    }
  };

  const alert = error ? describeLoginError(error, t) : null;

  return (
    <div className="ss-login-bg">
      <div className="ss-login-lang">
        <LanguageSwitch />
      </div>
      <Card className="ss-login-card" variant="borderless">
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <div
            className="ss-logo-mark"
            style={{ margin: '0 auto 12px', width: 48, height: 48, fontSize: 22, color: '#fff' }}
          >
            双
          </div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('app.fullName')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
        </div>
        {ended && !alert && <Alert type="info" showIcon title={t('login.sessionEnded')} style={{ marginBottom: 16 }} />}
        {alert && (
          <Alert
            type={alert.type}
            showIcon
            title={alert.title}
            description={alert.description}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        )}
        <Form<LoginForm>
          layout="vertical"
          size="large"
          onFinish={(values) => void onFinish(values)}
          requiredMark={false}
          data-testid="login-form"
        >
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph
          type="secondary"
          style={{ marginTop: 20, marginBottom: 0, fontSize: 12, textAlign: 'center' }}
        >
          {t('login.footer')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}

function describeLoginError(
  err: Error,
  t: (key: string, options?: Record<string, unknown>) => string,
): { type: 'error' | 'warning'; title: string; description?: string } {
  if (!(err instanceof ApiError)) return { type: 'error', title: t('error.title') };
  if (err.code === 'NETWORK') return { type: 'error', title: t('error.network') };
  if (err.code === 'SIGN_IN_PAUSED') {
    const seconds = Number(err.details?.retryAfterSeconds);
    const minutes = Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : 15;
    return { type: 'warning', title: t('login.paused'), description: t('login.pausedFor', { minutes }) };
  }
  if (err.code === 'RATE_LIMITED')
    return { type: 'warning', title: t('login.rateLimited'), description: err.localized() };
  const description =
    err.code === 'INTERNAL' && err.requestId ? t('error.requestId', { id: err.requestId }) : undefined;
  return description
    ? { type: 'error', title: err.localized(), description }
    : { type: 'error', title: err.localized() };
}
