import { AutoComplete, Card, DatePicker, Descriptions, Form, Input, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../api/client.js';
import { showError } from '../../api/feedback.js';
import { AreaTreeSelect } from '../../components/AreaTreeSelect.js';
import { FilterActions } from '../../components/FilterActions.js';
import { LoadMore } from '../../components/LoadMore.js';
import { actionLabel, resourceLabel } from '../../i18n/labels.js';
import { formatTime, toShanghaiIso } from '../../lib/format.js';
import { usePaged } from '../../lib/usePaged.js';

type AuditEntryDto = Result<'GET', '/api/audit'>['items'][number];

const KNOWN_ACTIONS = [
  'auth.',
  'auth.login',
  'auth.logout',
  'auth.login_failed',
  'auth.lockout',
  'auth.login_refused_locked',
  'auth.guessing_suspected',
  'auth.password_changed',
  'area.',
  'area.create',
  'area.update',
  'area.retire',
  'area.delete',
  'user.',
  'user.create',
  'user.update',
];
const KNOWN_RESOURCES = ['area', 'user', 'session', 'job'];

interface Filters {
  action?: string;
  actor?: string;
  resourceType?: string;
  areaId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

export function AuditPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [version, setVersion] = useState(0);
  const [from, to] = filters.range ?? [null, null];
  const list = usePaged(
    '/api/audit',
    {
      query: {
        action: filters.action?.trim(),
        actor: filters.actor?.trim().toLowerCase(),
        resourceType: filters.resourceType?.trim(),
        areaId: filters.areaId,
        from: from ? toShanghaiIso(from) : undefined,
        to: to ? toShanghaiIso(to) : undefined,
        limit: 50,
      },
    },
    `${JSON.stringify(filters)}:${version}`,
    {
      // A refused filter is shown on its field.
      quiet: (err) => {
        showError(err, form);
        return true;
      },
    },
  );
  const entries = list.items;

  const columns: TableColumnsType<AuditEntryDto> = [
    {
      title: t('audit.time'),
      dataIndex: 'at',
      key: 'at',
      width: 180,
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatTime(v)}</span>,
    },
    {
      title: t('audit.actor'),
      dataIndex: 'actorUsername',
      key: 'actor',
      render: (v: string | null) => v ?? t('common.none'),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      key: 'action',
      render: (a: string) => (
        <Tag color={/fail|lock/.test(a) ? 'red' : a.startsWith('auth.') ? 'blue' : 'geekblue'} title={a}>
          {actionLabel(t, a)}
        </Tag>
      ),
    },
    {
      title: t('audit.resource'),
      key: 'resource',
      render: (_, e) =>
        e.resourceType ? (
          <span>
            {resourceLabel(t, e.resourceType)}
            {e.resourceId && (
              <Typography.Text type="secondary" className="ss-mono" style={{ fontSize: 12, marginLeft: 6 }}>
                {e.resourceId.length > 13 ? `${e.resourceId.slice(0, 8)}…` : e.resourceId}
              </Typography.Text>
            )}
          </span>
        ) : (
          t('common.none')
        ),
    },
    { title: t('audit.area'), dataIndex: 'areaName', key: 'area', render: (v: string | null) => v ?? t('common.none') },
    {
      title: t('audit.ip'),
      dataIndex: 'ip',
      key: 'ip',
      className: 'ss-mono',
      render: (v: string | null) => v ?? t('common.none'),
    },
    {
      title: t('audit.requestId'),
      dataIndex: 'requestId',
      key: 'requestId',
      render: (v: string | null) =>
        v ? (
          <Typography.Text copyable={{ text: v }} className="ss-mono" style={{ fontSize: 12 }}>
            {v.length > 12 ? `${v.slice(0, 12)}…` : v}
          </Typography.Text>
        ) : (
          t('common.none')
        ),
    },
  ];

  return (
    <>
      <Typography.Title level={4} className="ss-page-title">
        {t('audit.title')}
      </Typography.Title>
      <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 0 } }}>
        <Form<Filters>
          form={form}
          layout="inline"
          onFinish={(v) => {
            setFilters({ ...v });
            setVersion((n) => n + 1);
          }}
          style={{ rowGap: 16 }}
        >
          <Form.Item name="action">
            <AutoComplete
              allowClear
              placeholder={t('audit.actionPlaceholder')}
              style={{ width: 240 }}
              options={KNOWN_ACTIONS.map((a) => ({
                value: a,
                label: a.endsWith('.') ? a : `${actionLabel(t, a)}（${a}）`,
              }))}
              filterOption={(input, option) =>
                String(option?.value ?? '').includes(input) || String(option?.label ?? '').includes(input)
              }
              aria-label={t('audit.action')}
            />
          </Form.Item>
          <Form.Item name="actor">
            <Input allowClear placeholder={t('audit.actor')} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="resourceType">
            <AutoComplete
              allowClear
              placeholder={t('audit.resourceType')}
              style={{ width: 150 }}
              options={KNOWN_RESOURCES.map((r) => ({ value: r, label: `${resourceLabel(t, r)}（${r}）` }))}
            />
          </Form.Item>
          <Form.Item name="areaId">
            <AreaTreeSelect allowClear placeholder={t('audit.area')} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="range">
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              allowEmpty={[true, true]}
            />
          </Form.Item>
          <FilterActions
            onReset={() => {
              form.resetFields();
              setFilters({});
            }}
            onRefresh={() => setVersion((n) => n + 1)}
          />
        </Form>
      </Card>
      <Card styles={{ body: { padding: 0 } }}>
        <Table<AuditEntryDto>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={entries}
          loading={list.loading}
          pagination={false}
          scroll={{ x: 1000 }}
          expandable={{ expandedRowRender: (e) => <AuditExtra entry={e} /> }}
          data-testid="audit-table"
        />
        <LoadMore
          count={entries.length}
          hasMore={list.hasMore}
          loading={list.loading}
          onMore={() => void list.more()}
        />
      </Card>
    </>
  );
}

function AuditExtra({ entry }: { entry: AuditEntryDto }) {
  const { t } = useTranslation();
  const blocks: Array<{ key: string; label: string; value: unknown }> = [];
  if (entry.changes && Object.keys(entry.changes).length)
    blocks.push({ key: 'changes', label: t('audit.changes'), value: entry.changes });
  if (entry.details && Object.keys(entry.details).length)
    blocks.push({ key: 'details', label: t('audit.details'), value: entry.details });
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      items={[
        { key: 'action', label: t('audit.action'), children: <span className="ss-mono">{entry.action}</span> },
        {
          key: 'resource',
          label: t('audit.resource'),
          children: (
            <span className="ss-mono">
              {[entry.resourceType, entry.resourceId].filter(Boolean).join(' / ') || t('common.none')}
            </span>
          ),
        },
        {
          key: 'request',
          label: t('audit.requestId'),
          children: <span className="ss-mono">{entry.requestId ?? t('common.none')}</span>,
        },
        ...(blocks.length
          ? blocks.map((b) => ({
              key: b.key,
              label: b.label,
              children: <pre className="ss-json">{JSON.stringify(b.value, null, 2)}</pre>,
            }))
          : [{ key: 'none', label: t('audit.details'), children: t('audit.noExtra') }]),
      ]}
    />
  );
}
