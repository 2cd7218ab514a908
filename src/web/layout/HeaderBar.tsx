import {
  DownOutlined,
  EnvironmentOutlined,
  KeyOutlined,
  LogoutOutlined,
  QuestionCircleOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Avatar, Button, Dropdown, Modal, Space, Tag, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { showError } from '../api/feedback.js';
import { useMe, useSession } from '../auth/session.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { levelLabel, permissionLabel, roleLabel } from '../i18n/labels.js';

export function HeaderBar() {
  const { t } = useTranslation();
  const me = useMe();
  const { logout } = useSession();
  const navigate = useNavigate();
  const [showPermissions, setShowPermissions] = useState(false);

  const onLogout = async () => {
    try {
      await logout();
    } catch (err) {
      showError(err);
    }
    void navigate('/login', { replace: true });
  };

  const items: MenuProps['items'] = [
    { key: 'permissions', icon: <SafetyCertificateOutlined />, label: t('header.permissions') },
    {
      key: 'password',
      icon: <KeyOutlined />,
      label: <span data-testid="menu-change-password">{t('header.changePassword')}</span>,
    },
    { type: 'divider' },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      danger: true,
      label: <span data-testid="logout">{t('header.logout')}</span>,
    },
  ];
  const onMenu: MenuProps['onClick'] = ({ key }) => {
    if (key === 'permissions') setShowPermissions(true);
    if (key === 'password') void navigate('/password');
    if (key === 'logout') void onLogout();
  };

  return (
    <>
      <Space size={8} data-testid="scope" style={{ minWidth: 0 }}>
        <EnvironmentOutlined style={{ color: '#1d5bbf' }} />
        <Typography.Text type="secondary" className="ss-hide-narrow">
          {t('header.scope')}
        </Typography.Text>
        <Typography.Text strong data-testid="scope-name">
          {me.scope.name}
        </Typography.Text>
        <Tag className="ss-hide-narrow">{levelLabel(t, me.scope.level)}</Tag>
      </Space>
      <div className="ss-header-spacer" />
      <LanguageSwitch size="small" />
      <Dropdown
        menu={{
          items: [
            {
              key: 'docs',
              icon: <ReadOutlined />,
              label: (
                <a href="/api/docs" target="_blank" rel="noopener" data-testid="api-docs">
                  {t('header.apiDocs')}
                </a>
              ),
            },
          ],
        }}
      >
        <Button
          type="text"
          icon={<QuestionCircleOutlined />}
          aria-label={t('header.help')}
          className="ss-hide-narrow"
        />
      </Dropdown>
      <Dropdown menu={{ items, onClick: onMenu }} trigger={['click']}>
        <Button type="text" style={{ height: 44 }} data-testid="user-menu" aria-label={t('header.account')}>
          <Space size={8}>
            <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1d5bbf' }} />
            <span
              className="ss-hide-narrow"
              style={{ display: 'inline-flex', flexDirection: 'column', alignItems: 'flex-start', lineHeight: 1.25 }}
            >
              <Typography.Text strong data-testid="user-name">
                {me.user.displayName}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="user-role">
                {roleLabel(t, me.user.role)}
              </Typography.Text>
            </span>
            <DownOutlined style={{ fontSize: 10 }} className="ss-hide-narrow" />
          </Space>
        </Button>
      </Dropdown>
      <Modal
        open={showPermissions}
        title={t('header.permissions')}
        footer={null}
        onCancel={() => setShowPermissions(false)}
      >
        <Typography.Paragraph>
          {me.user.displayName}（{me.user.username}）· {roleLabel(t, me.user.role)} · {me.scope.name}
        </Typography.Paragraph>
        <Space size={[6, 8]} wrap>
          {me.permissions.map((p) => (
            <Tag key={p} color="blue">
              {permissionLabel(t, p)}
            </Tag>
          ))}
        </Space>
      </Modal>
    </>
  );
}
