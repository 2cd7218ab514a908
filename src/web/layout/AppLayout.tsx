import {
  AlertOutlined,
  AuditOutlined,
  BarChartOutlined,
  BankOutlined,
  DatabaseOutlined,
  FileDoneOutlined,
  MedicineBoxOutlined,
  SolutionOutlined,
  ClusterOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  FormOutlined,
  ProfileOutlined,
  QrcodeOutlined,
  HomeOutlined,
  IdcardOutlined,
  ImportOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  ScheduleOutlined,
  SwapOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Badge, Button, Layout, Menu, Spin } from 'antd';
import type { MenuProps } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { useCan } from '../auth/session.js';
import { useNarrow } from '../lib/useMedia.js';
import { useAlertCount } from '../pages/health/alerts/alertCount.js';
import { HeaderBar } from './HeaderBar.js';

type Group = 'health' | 'selfreg';

interface NavItem {
  key: string;
  path: string;
  label: string;
  icon: ReactNode;
  /** Needed permission (any of a list); null for everyone. */
  permission: string | string[] | null;
  /** Shown in a sub-menu: 重点人群 or 扫码登记. */
  group?: Group;
  badge?: number;
}

export function AppLayout() {
  const { t } = useTranslation();
  const can = useCan();
  const location = useLocation();
  const narrow = useNarrow();
  const [collapsed, setCollapsed] = useState(narrow);
  // On a phone the menu is an overlay: closed by default and after each navigation.
  useEffect(() => {
    if (narrow) setCollapsed(true);
  }, [narrow, location.pathname]);

  const alertCount = useAlertCount(can('health.read'));
  // The 重点人群 and 扫码登记 groups start open: they are the daily work of those who have them.
  // A folded menu opens its groups as pop-ups, tracked apart so unfolding restores the group.
  const [openKeys, setOpenKeys] = useState<string[]>(['health-group', 'selfreg-group']);
  const [popupKeys, setPopupKeys] = useState<string[]>([]);
  useEffect(() => setPopupKeys([]), [location.pathname, collapsed]);
  const groups: Record<Group, { icon: ReactNode; label: string }> = {
    health: { icon: <MedicineBoxOutlined />, label: t('menu.health') },
    selfreg: { icon: <QrcodeOutlined />, label: t('menu.selfreg') },
  };
  const nav: NavItem[] = [
    { key: 'home', path: '/', label: t('menu.home'), icon: <DashboardOutlined />, permission: null },
    { key: 'persons', path: '/persons', label: t('menu.persons'), icon: <IdcardOutlined />, permission: 'person.read' },
    {
      key: 'courtyards',
      path: '/courtyards',
      label: t('menu.courtyards'),
      icon: <HomeOutlined />,
      permission: 'place.read',
    },
    {
      key: 'register',
      path: '/register',
      label: t('menu.register'),
      icon: <FormOutlined />,
      permission: 'person.create',
    },
    {
      key: 'imports',
      path: '/imports',
      label: t('menu.imports'),
      icon: <ImportOutlined />,
      permission: 'person.create',
    },
    {
      key: 'transfers',
      path: '/transfers',
      label: t('menu.transfers'),
      icon: <SwapOutlined />,
      permission: ['person.create', 'transfer.approve'],
    },
    {
      key: 'selfreg',
      path: '/self-registration',
      label: t('menu.selfreg.overview'),
      icon: <QrcodeOutlined />,
      permission: 'selfreg.read',
      group: 'selfreg',
    },
    {
      key: 'selfreg-queue',
      path: '/self-registration/queue',
      label: t('menu.selfreg.queue'),
      icon: <FileSearchOutlined />,
      permission: 'selfreg.read',
      group: 'selfreg',
    },
    {
      key: 'health',
      path: '/health',
      label: t('menu.health.worklists'),
      icon: <SolutionOutlined />,
      permission: 'health.read',
      group: 'health',
    },
    {
      key: 'alerts',
      path: '/health/alerts',
      label: t('menu.health.alerts'),
      icon: <AlertOutlined />,
      permission: 'health.read',
      group: 'health',
      badge: alertCount,
    },
    {
      key: 'health-figures',
      path: '/health/figures',
      label: t('menu.health.figures'),
      icon: <BarChartOutlined />,
      permission: 'health.read',
      group: 'health',
    },
    {
      key: 'daily-reports',
      path: '/health/reports',
      label: t('menu.health.reports'),
      icon: <FileDoneOutlined />,
      permission: ['daily_report.read', 'daily_report.file'],
      group: 'health',
    },
    {
      key: 'care-sites',
      path: '/health/sites',
      label: t('menu.health.sites'),
      icon: <BankOutlined />,
      permission: 'care_site.read',
      group: 'health',
    },
    {
      key: 'health-rules',
      path: '/health/rules',
      label: t('menu.health.rules'),
      icon: <ProfileOutlined />,
      permission: 'health_rules.read',
      group: 'health',
    },
    {
      key: 'health-datasets',
      path: '/health/datasets',
      label: t('menu.health.datasets'),
      icon: <DatabaseOutlined />,
      permission: 'health_data.admin',
      group: 'health',
    },
    { key: 'areas', path: '/areas', label: t('menu.areas'), icon: <ClusterOutlined />, permission: 'area.read' },
    { key: 'users', path: '/users', label: t('menu.users'), icon: <TeamOutlined />, permission: 'user.read' },
    { key: 'audit', path: '/audit', label: t('menu.audit'), icon: <AuditOutlined />, permission: 'audit.read' },
    { key: 'jobs', path: '/jobs', label: t('menu.jobs'), icon: <ScheduleOutlined />, permission: 'job.read' },
  ];
  const allowed = (p: NavItem['permission']) => p === null || (Array.isArray(p) ? p.some(can) : can(p));
  const visible = nav.filter((item) => allowed(item.permission));
  const entry = (item: NavItem) => ({
    key: item.key,
    icon: item.icon,
    label: (
      <Link to={item.path} data-testid={`menu-${item.key}`}>
        {item.label}
        {item.badge ? (
          <Badge count={item.badge} size="small" offset={[6, -2]} data-testid={`menu-${item.key}-badge`} />
        ) : null}
      </Link>
    ),
  });
  const items: MenuProps['items'] = [];
  for (const item of visible) {
    const group = item.group;
    if (!group) {
      items.push(entry(item));
      continue;
    }
    const members = visible.filter((x) => x.group === group);
    if (item !== members[0]) continue;
    const key = `${group}-group`;
    const badge = members.reduce((n, x) => n + (x.badge ?? 0), 0);
    const folded = !openKeys.includes(key) || collapsed;
    items.push({
      key,
      icon: groups[group].icon,
      label: (
        <span data-testid={`menu-${key}`}>
          {groups[group].label}
          {badge > 0 && folded ? <Badge dot offset={[4, -6]} /> : null}
        </span>
      ),
      children: members.map(entry),
    });
  }
  // Detail pages belong to their list's menu entry; the longest matching path wins.
  const owner: Record<string, string> = {
    '/dwellings': '/courtyards',
    '/households': '/courtyards',
    '/health/persons': '/health',
    '/self-registration/submissions': '/self-registration/queue',
  };
  const ownerKey = Object.keys(owner).find((k) => location.pathname === k || location.pathname.startsWith(`${k}/`));
  const path = ownerKey ? owner[ownerKey]! : location.pathname;
  const selected =
    visible
      .filter((item) => item.path !== '/' && (path === item.path || path.startsWith(`${item.path}/`)))
      .sort((a, b) => b.path.length - a.path.length)[0]?.key ?? (location.pathname === '/' ? 'home' : '');

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {narrow && !collapsed && <div className="ss-sider-mask" onClick={() => setCollapsed(true)} aria-hidden />}
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={(value, type) => {
          // The lg breakpoint folds the menu on tablets; phones handle it themselves.
          if (!(narrow && type === 'responsive')) setCollapsed(value);
        }}
        trigger={null}
        width={220}
        collapsedWidth={narrow ? 0 : 80}
        breakpoint="lg"
        className="ss-sider"
        style={
          narrow
            ? { position: 'fixed', zIndex: 1001, top: 0, left: 0, height: '100vh', overflow: 'auto' }
            : { position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }
        }
        data-testid="app-sider"
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
          openKeys={collapsed ? popupKeys : openKeys}
          onOpenChange={collapsed ? setPopupKeys : setOpenKeys}
          items={items}
          data-testid="main-menu"
          aria-label={t('menu.label')}
        />
      </Layout.Sider>
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header className="ss-header" data-testid="app-header">
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
