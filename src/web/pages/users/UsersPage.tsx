import { DownOutlined, PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Dropdown, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../../domain/permissions.js';
import { legacyApi } from '../../api/legacy.js';
import { showError, toastSuccess } from '../../api/feedback.js';
import type { Page, UserDto } from '../../api/types.js';
import { useCan } from '../../auth/session.js';
import { AreaTreeSelect } from '../../components/AreaTreeSelect.js';
import { LoadMore } from '../../components/LoadMore.js';
import { levelLabel, roleLabel } from '../../i18n/labels.js';
import { formatTime } from '../../lib/format.js';
import { ResetPasswordModal } from './ResetPasswordModal.js';
import { UserFormModal, type UserFormTarget } from './UserFormModal.js';

interface Filters {
  q?: string;
  role?: string;
  areaId?: string;
  includeDisabled?: boolean;
}

export function UsersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const manage = can('user.manage');
  const [filterForm] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [items, setItems] = useState<UserDto[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [formTarget, setFormTarget] = useState<UserFormTarget | null>(null);
  const [resetting, setResetting] = useState<UserDto | null>(null);
  const requestRef = useRef(0);

  const load = useCallback(async (f: Filters, after?: string) => {
    const ticket = ++requestRef.current;
    setLoading(true);
    try {
      const page = await legacyApi.get<Page<UserDto>>('/api/users', {
        q: f.q?.trim(),
        role: f.role,
        areaId: f.areaId,
        includeDisabled: f.includeDisabled ? 'true' : undefined,
        after,
        limit: 50,
      });
      if (ticket !== requestRef.current) return;
      setItems((current) => (after ? [...current, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (err) {
      showError(err);
    } finally {
      if (ticket === requestRef.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(filters);
  }, [filters, load]);

  const replace = (user: UserDto) => setItems((list) => list.map((u) => (u.id === user.id ? user : u)));

  const patch = async (user: UserDto, body: Record<string, unknown>, okText: string) => {
    try {
      replace(await legacyApi.patch<UserDto>(`/api/users/${user.id}`, body));
      toastSuccess(okText);
    } catch (err) {
      showError(err);
    }
  };

  const columns: TableColumnsType<UserDto> = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      key: 'username',
      width: 170,
      render: (v: string) => <span className="ss-mono ss-nowrap">{v}</span>,
    },
    { title: t('users.displayName'), dataIndex: 'displayName', key: 'displayName' },
    { title: t('users.role'), dataIndex: 'role', key: 'role', render: (r: string) => roleLabel(t, r) },
    {
      title: t('users.area'),
      key: 'area',
      render: (_, u) => (
        <Space orientation="vertical" size={0}>
          <span>{u.area.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {levelLabel(t, u.area.level)}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('users.phone'), dataIndex: 'phone', key: 'phone', render: (p: string | null) => p ?? t('common.none') },
    {
      title: t('users.status'),
      key: 'status',
      render: (_, u) => (
        <Space size={[4, 4]} wrap>
          {u.disabled ? <Tag>{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>}
          {u.locked && <Tag color="red">{t('users.locked')}</Tag>}
          {u.mustChangePassword && <Tag color="orange">{t('users.mustChange')}</Tag>}
        </Space>
      ),
    },
    { title: t('users.lastLogin'), dataIndex: 'lastLoginAt', key: 'lastLoginAt', render: formatTime, width: 170 },
  ];
  if (manage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 200,
      render: (_, u) => (
        <Space size={4}>
          <Button size="small" type="link" onClick={() => setFormTarget({ mode: 'edit', user: u })}>
            {t('common.edit')}
          </Button>
          {u.disabled ? (
            <Button size="small" type="link" onClick={() => void patch(u, { disabled: false }, t('common.saved'))}>
              {t('users.enable')}
            </Button>
          ) : (
            <Popconfirm
              title={t('users.disableConfirm', { name: u.displayName })}
              okText={t('users.disable')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => patch(u, { disabled: true }, t('common.saved'))}
            >
              <Button size="small" type="link" danger>
                {t('users.disable')}
              </Button>
            </Popconfirm>
          )}
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'reset', label: t('users.resetPassword') },
                { key: 'unlock', label: t('users.unlock'), disabled: !u.locked },
              ],
              onClick: ({ key }) => {
                if (key === 'reset') setResetting(u);
                if (key === 'unlock') void patch(u, { unlock: true }, t('users.unlockOk'));
              },
            }}
          >
            <Button size="small" type="link">
              {t('users.more')} <DownOutlined />
            </Button>
          </Dropdown>
        </Space>
      ),
    });
  }

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
        <Typography.Title level={4} className="ss-page-title">
          {t('users.title')}
        </Typography.Title>
        {manage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setFormTarget({ mode: 'create' })}
            data-testid="user-create"
          >
            {t('users.create')}
          </Button>
        )}
      </Space>
      <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 0 } }}>
        <Form<Filters> form={filterForm} layout="inline" onFinish={(v) => setFilters({ ...v })} style={{ rowGap: 16 }}>
          <Form.Item name="q">
            <Input allowClear placeholder={t('users.q')} prefix={<SearchOutlined />} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="role">
            <Select
              allowClear
              placeholder={t('users.role')}
              style={{ width: 180 }}
              options={ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))}
            />
          </Form.Item>
          <Form.Item name="areaId">
            <AreaTreeSelect allowClear placeholder={t('users.area')} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="includeDisabled" valuePropName="checked">
            <Checkbox>{t('users.includeDisabled')}</Checkbox>
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">
                {t('common.search')}
              </Button>
              <Button
                onClick={() => {
                  filterForm.resetFields();
                  setFilters({});
                }}
              >
                {t('common.reset')}
              </Button>
              <Button icon={<ReloadOutlined />} onClick={() => void load(filters)} aria-label={t('common.refresh')} />
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <Card styles={{ body: { padding: 0 } }}>
        <Table<UserDto>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={loading}
          pagination={false}
          scroll={{ x: 1200 }}
          rowClassName={(u) => (u.disabled ? 'ss-retired-row' : '')}
          data-testid="users-table"
        />
        <LoadMore
          count={items.length}
          hasMore={cursor !== null}
          loading={loading}
          onMore={() => void load(filters, cursor ?? undefined)}
        />
      </Card>
      <UserFormModal
        target={formTarget}
        onClose={() => setFormTarget(null)}
        onSaved={(u) => {
          setFormTarget(null);
          if (items.some((x) => x.id === u.id)) replace(u);
          else setItems((list) => [u, ...list]);
        }}
      />
      <ResetPasswordModal
        user={resetting}
        onClose={() => setResetting(null)}
        onSaved={(u) => {
          setResetting(null);
          replace(u);
        }}
      />
    </>
  );
}
