import { DownOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Dropdown, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../domain/permissions.js';
import { api, type BodyOf } from '../../api/client.js';
import { showError, toastSuccess } from '../../api/feedback.js';
import { useCan } from '../../auth/session.js';
import { AreaTreeSelect } from '../../components/AreaTreeSelect.js';
import { FilterActions } from '../../components/FilterActions.js';
import { LoadMore } from '../../components/LoadMore.js';
import { usePagedEdits } from '../../components/usePagedEdits.js';
import { levelLabel, roleLabel } from '../../i18n/labels.js';
import { formatTime } from '../../lib/format.js';
import { usePaged } from '../../lib/usePaged.js';
import { ResetPasswordModal } from './ResetPasswordModal.js';
import { UserFormModal, type UserDto, type UserFormTarget } from './UserFormModal.js';

interface Filters {
  q?: string;
  role?: Role;
  areaId?: string;
  includeDisabled?: boolean;
}

export function UsersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const manage = can('user.manage');
  const [filterForm] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [version, setVersion] = useState(0);
  const [formTarget, setFormTarget] = useState<UserFormTarget | null>(null);
  const [resetting, setResetting] = useState<UserDto | null>(null);
  const key = `${JSON.stringify(filters)}:${version}`;
  const list = usePaged(
    '/api/users',
    {
      query: {
        q: filters.q?.trim(),
        role: filters.role,
        areaId: filters.areaId,
        includeDisabled: filters.includeDisabled ? 'true' : undefined,
        limit: 50,
      },
    },
    key,
  );
  const { rows: items, put } = usePagedEdits(list.items, key);

  const patch = async (user: UserDto, body: BodyOf<'PATCH', '/api/users/:id'>, okText: string) => {
    try {
      put(await api.patch('/api/users/:id', { params: { id: user.id }, body }));
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
              onConfirm={() => void patch(u, { disabled: true }, t('common.saved'))}
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
        <Form<Filters>
          form={filterForm}
          layout="inline"
          onFinish={(v) => {
            setFilters({ ...v });
            setVersion((n) => n + 1);
          }}
          style={{ rowGap: 16 }}
        >
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
          <FilterActions
            onReset={() => {
              filterForm.resetFields();
              setFilters({});
            }}
            onRefresh={() => setVersion((n) => n + 1)}
          />
        </Form>
      </Card>
      <Card styles={{ body: { padding: 0 } }}>
        <Table<UserDto>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={list.loading}
          pagination={false}
          scroll={{ x: 1200 }}
          rowClassName={(u) => (u.disabled ? 'ss-retired-row' : '')}
          data-testid="users-table"
        />
        <LoadMore count={items.length} hasMore={list.hasMore} loading={list.loading} onMore={() => void list.more()} />
      </Card>
      <UserFormModal
        target={formTarget}
        onClose={() => setFormTarget(null)}
        onSaved={(u) => {
          setFormTarget(null);
          put(u);
        }}
      />
      <ResetPasswordModal
        user={resetting}
        onClose={() => setResetting(null)}
        onSaved={(u) => {
          setResetting(null);
          put(u);
        }}
      />
    </>
  );
}
