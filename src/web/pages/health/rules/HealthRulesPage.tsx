/**
 * 防控规则: the exposure categories and measure rules in force on a day, each rule's
 * versions, and (district staff) new versions and category changes, effective today
 * or later: the rule table never changes decisions already made.
 */
import { HistoryOutlined, PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Flex, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../auth/session.js';
import { RefreshButton } from '../../../components/RefreshButton.js';
import { formatTime } from '../../../lib/format.js';
import { shanghaiToday } from '../../../lib/registry.js';
import { useRulesInForce } from '../person/useRules.js';
import { categoryLabel } from '../labels.js';
import type { CategoryDto, RuleDto } from '../types.js';
import { AddCategoryModal, EndCategoryModal } from './CategoryModals.js';
import { HistoryDrawer } from './HistoryDrawer.js';
import { RuleFormModal } from './RuleFormModal.js';
import { ruleVersionColumns } from './ruleColumns.js';
import { STATUS_PREFIX, subjectLabel } from './subject.js';

export function HealthRulesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const canEdit = can('health_rules.edit');
  const today = shanghaiToday();
  const [day, setDay] = useState(today);
  const { data, loading, reload } = useRulesInForce(day);
  const categories = data?.categories ?? [];
  const rules = data?.rules ?? [];
  const [history, setHistory] = useState<RuleDto | null>(null);
  /** undefined: closed; null: a new rule; a rule: its new version. */
  const [editing, setEditing] = useState<RuleDto | null | undefined>(undefined);
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<CategoryDto | null>(null);
  const subject = (r: RuleDto) => subjectLabel(t, r.appliesTo, categories);
  const withRule = new Set(rules.map((r) => r.appliesTo));

  const ruleColumns: TableColumnsType<RuleDto> = [
    {
      title: t('rules.subject'),
      key: 'subject',
      render: (_: unknown, r) => (
        <Space size={4} wrap>
          {subject(r)}
          {r.appliesTo.startsWith(STATUS_PREFIX) ? <Tag>{t('rules.group.statuses')}</Tag> : null}
        </Space>
      ),
    },
    ...ruleVersionColumns(t),
    { title: t('rules.effectiveFrom'), dataIndex: 'effectiveFrom', width: 110 },
    { title: t('rules.note'), dataIndex: 'note', ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: t('rules.by'),
      key: 'by',
      render: (_: unknown, r) => (
        <Typography.Text type="secondary" title={formatTime(r.createdAt)}>
          {r.createdBy ?? '—'}
        </Typography.Text>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_: unknown, r) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            icon={<HistoryOutlined />}
            onClick={() => setHistory(r)}
            data-testid={`rule-history-${r.appliesTo}`}
          >
            {t('rules.history')}
          </Button>
          {canEdit && (
            <Button type="link" size="small" onClick={() => setEditing(r)} data-testid={`rule-version-${r.appliesTo}`}>
              {t('rules.newVersion')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const categoryColumns: TableColumnsType<CategoryDto> = [
    {
      title: t('rules.category.label'),
      key: 'label',
      render: (_: unknown, c) => (
        <Space size={4} wrap>
          {categoryLabel(t, c.key, c.label)}
          {!withRule.has(c.key) && <Tag color="orange">{t('rules.category.noRule')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('rules.category.key'),
      dataIndex: 'key',
      render: (k: string) => <Typography.Text code>{k}</Typography.Text>,
    },
    { title: t('rules.category.from'), dataIndex: 'from', width: 120 },
    {
      title: t('rules.category.until'),
      dataIndex: 'until',
      width: 120,
      render: (v: string | null) => v ?? t('rules.category.open'),
    },
    ...(canEdit
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, c: CategoryDto) =>
              c.until === null || c.until > today ? (
                <Button
                  type="link"
                  size="small"
                  danger
                  onClick={() => setEnding(c)}
                  data-testid={`category-end-${c.key}`}
                >
                  {t('rules.category.end')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="health-rules">
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('rules.title')}
        </Typography.Title>
        <Space wrap>
          <span>{t('rules.day')}</span>
          <DatePicker
            value={dayjs(day)}
            allowClear={false}
            onChange={(v) => v && setDay(v.format('YYYY-MM-DD'))}
            data-testid="rules-day"
          />
          <RefreshButton onClick={reload} loading={loading} />
        </Space>
      </Flex>
      <Alert type="info" showIcon icon={<SafetyCertificateOutlined />} title={t('rules.intro')} />

      <Card
        title={t('rules.table')}
        extra={
          canEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="rule-new">
              {t('rules.newRule')}
            </Button>
          )
        }
      >
        <Table<RuleDto>
          rowKey="id"
          size="small"
          loading={loading}
          columns={ruleColumns}
          dataSource={rules}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('rules.empty') }}
          data-testid="rules-table"
        />
      </Card>

      <Card
        title={t('rules.categories')}
        extra={
          canEdit && (
            <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="category-new">
              {t('rules.category.add')}
            </Button>
          )
        }
      >
        <Table<CategoryDto>
          rowKey="key"
          size="small"
          loading={loading}
          columns={categoryColumns}
          dataSource={categories}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('rules.categories.empty') }}
          data-testid="categories-table"
        />
      </Card>

      <HistoryDrawer
        rule={history}
        title={history ? t('rules.historyTitle', { subject: subject(history) }) : ''}
        onClose={() => setHistory(null)}
      />
      <RuleFormModal
        open={editing !== undefined}
        rule={editing ?? null}
        categories={categories}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          reload();
        }}
      />
      <AddCategoryModal
        open={adding}
        onClose={() => setAdding(false)}
        onSaved={() => {
          setAdding(false);
          reload();
        }}
      />
      <EndCategoryModal
        category={ending}
        name={ending ? categoryLabel(t, ending.key, ending.label) : ''}
        onClose={() => setEnding(null)}
        onSaved={() => {
          setEnding(null);
          reload();
        }}
      />
    </Space>
  );
}
