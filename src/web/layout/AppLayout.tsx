import {
  AuditOutlined,
  ClusterOutlined,
  DashboardOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  ScheduleOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Spin } from 'antd';
import type { MenuProps } from 'antd';
import { Suspense, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { useCan } from '../auth/session.js';
import { HeaderBar } from './HeaderBar.js';

interface NavItem {
  key: string;
  path: string;
  label: string;
  icon: ReactNode;
  permission: string | null;
}

export function AppLayout() {
  const { t } = useTranslation();
  const can = useCan();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);

  const nav: NavItem[] = [
    { key: 'home', path: '/', label: t('menu.home'), icon: <DashboardOutlined />, permission: null },
    { key: 'areas', path: '/areas', label: t('menu.areas'), icon: <ClusterOutlined />, permission: 'area.read' },
    { key: 'users', path: '/users', label: t('menu.users'), icon: <TeamOutlined />, permission: 'user.read' },
    { key: 'audit', path: '/audit', label: t('menu.audit'), icon: <AuditOutlined />, permission: 'audit.read' },
    { key: 'jobs', path: '/jobs', label: t('menu.jobs'), icon: <ScheduleOutlined />, permission: 'job.read' },
  ];
  const visible = nav.filter((item) => item.permission === null || can(item.permission));
  const items: MenuProps['items'] = visible.map((item) => ({
    key: item.key,
    icon: item.icon,
    label: (
      <Link to={item.path} data-testid={`menu-${item.key}`}>
        {item.label}
      </Link>
    ),
  }));
  const selected = visible.find((item) => item.path !== '/' && location.pathname.startsWith(item.path))?.key
    ?? (location.pathname === '/' ? 'home' : '');

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        trigger={null}
        width={220}
        breakpoint="lg"
        style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
      >
        <Link to="/" className="ss-logo">
          <span className="ss-logo-mark">双</span>
          {!collapsed && (
            <span>
              <div className="ss-logo-text">{t('app.name')}</div>
              <div className="ss-logo-sub">{t('app.subtitle')}</div>
            </span>
          )}
        </Link>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          items={items}
          data-testid="main-menu"
          aria-label={t('menu.label')}
        />
      </Layout.Sider>
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header className="ss-header">
          <Button
            type="text"
            icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={() => setCollapsed(!collapsed)}
            aria-label={collapsed ? t('header.expand') : t('header.collapse')}
          />
          <HeaderBar />
        </Layout.Header>
        <Layout.Content className="ss-content">
          <Suspense
            fallback={
              <div style={{ padding: 80, textAlign: 'center' }}>
                <Spin />
              </div>
            }
          >
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
