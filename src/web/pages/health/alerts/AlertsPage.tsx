/**
 * The alert inbox (new → acknowledged → handled with a note): fever or symptoms,
 * not reported by the cut-off, period ending, overdue release, daily report missing.
 * An alert is shared by its recipients: whoever handles it handles it for all.
 */
import { CheckOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Empty, Flex, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../../api/client.js';
import { showError, toastSuccess } from '../../../api/feedback.js';
import { useCan } from '../../../auth/session.js';
import { LoadMore } from '../../../components/LoadMore.js';
import { RefreshButton } from '../../../components/RefreshButton.js';
import { formatTime } from '../../../lib/format.js';
import { usePaged } from '../../../lib/usePaged.js';
import { alertKindLabel, AlertStateTag, measureLabel, symptomLabel } from '../labels.js';
import type { AlertDto, AlertFilter } from '../types.js';
import { refreshAlertCount, useAlertCounts } from './alertCount.js';
import { HandleModal } from './HandleModal.js';

const FILTERS: AlertFilter[] = ['open', 'new', 'acknowledged', 'handled', 'all'];
const PAGE = 50;
const KIND_COLORS: Record<string, string> = {
  symptomatic: 'red',
  not_reported: 'orange',
  period_ending: 'blue',
  overdue_release: 'purple',
  report_missing: 'gold',
};

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** What the alert is about, in one line. */
function detailsOf(t: TFunction, a: AlertDto): string {
  const d = a.details;
  if (a.kind === 'symptomatic') {
    const temp = typeof d.temperature === 'number' ? `${d.temperature.toFixed(1)}℃` : '';
    const symptoms = Array.isArray(d.symptoms) ? d.symptoms.map((s) => symptomLabel(t, String(s))).join('、') : '';
    return [temp, symptoms].filter(Boolean).join(' · ');
  }
  if (a.kind === 'period_ending' || a.kind === 'overdue_release')
    return t('alerts.plannedEnd', {
      day: str(d.plannedEnd) || '—',
      measure: measureLabel(t, str(d.measure)),
    });
  if (a.kind === 'not_reported') return t('alerts.cutOff', { time: str(d.cutOff) });
  return '';
}

export function AlertsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const state = (FILTERS as string[]).includes(params.get('state') ?? '')
    ? (params.get('state') as AlertFilter)
    : 'open';
  const [version, setVersion] = useState(0);
  const key = `${state}:${version}`;
  const paged = usePaged('/api/alerts', { query: { state, limit: PAGE } }, key);
  const counts = useAlertCounts();
  // The filters' counts are read with each (re)load of the list.
  useEffect(() => void refreshAlertCount(), [key]);
  const [handling, setHandling] = useState<AlertDto | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  // A state change shows on its row in place (the filter may no longer match: it stays until refresh).
  const [changes, setChanges] = useState<{ key: string; byId: Record<string, Partial<AlertDto>> }>({ key, byId: {} });
  const changed = changes.key === key ? changes.byId : {};
  const patch = (id: string, next: Partial<AlertDto>) =>
    setChanges((c) => {
      const byId = c.key === key ? c.byId : {};
      return { key, byId: { ...byId, [id]: { ...byId[id], ...next } } };
    });
  const items = paged.items.map((a) => ({ ...a, ...changed[a.id] }));

  const acknowledge = async (a: AlertDto) => {
    setBusy(a.id);
    try {
      const r = await api.post('/api/alerts/:id/acknowledge', { params: { id: a.id } });
      patch(a.id, { state: r.state });
      void refreshAlertCount();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(null);
    }
  };

  const columns: TableColumnsType<AlertDto> = [
    {
      title: t('alerts.kind'),
      key: 'kind',
      render: (_: unknown, a) => (
        <Space size={4} wrap>
          <Tag color={KIND_COLORS[a.kind]}>{alertKindLabel(t, a.kind)}</Tag>
          {a.level > 0 && (
            <Tag color="magenta">
              {t(`alerts.level.${a.kind === 'report_missing' ? 'community' : 'person'}.${a.level}`, {
                defaultValue: String(a.level),
              })}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('alerts.subject'),
      key: 'subject',
      render: (_: unknown, a) =>
        a.person ? (
          can('health.open') ? (
            <Link to={`/health/persons/${a.person.id}`} data-testid="alert-person">
              {a.person.name ?? t('person.hidden')}
            </Link>
          ) : (
            <span data-testid="alert-person">{a.person.name ?? t('person.hidden')}</span>
          )
        ) : (
          a.area.name
        ),
    },
    { title: t('alerts.area'), key: 'area', render: (_: unknown, a) => a.area.name },
    {
      title: t('alerts.details'),
      key: 'details',
      render: (_: unknown, a) => <span data-testid="alert-details">{detailsOf(t, a)}</span>,
    },
    { title: t('alerts.day'), dataIndex: 'day', key: 'day' },
    {
      title: t('alerts.createdAt'),
      dataIndex: 'createdAt',
      key: 'created',
      render: (v: string) => formatTime(v).slice(5, 16),
    },
    {
      title: t('alerts.state'),
      key: 'state',
      render: (_: unknown, a) => (
        <Space orientation="vertical" size={0}>
          <span data-testid="alert-state">
            <AlertStateTag state={a.state} />
          </span>
          {a.state === 'handled' && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="alert-note">
              {a.handledBy ? `${a.handledBy}：` : ''}
              {a.note}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_: unknown, a) =>
        a.state === 'handled' ? null : (
          <Space size={4}>
            {a.state === 'new' && (
              <Button
                size="small"
                icon={<CheckOutlined />}
                loading={busy === a.id}
                onClick={() => void acknowledge(a)}
                data-testid="alert-ack"
              >
                {t('alerts.acknowledge')}
              </Button>
            )}
            <Button size="small" type="primary" onClick={() => setHandling(a)} data-testid="alert-handle">
              {t('alerts.handle')}
            </Button>
          </Space>
        ),
    },
  ];

  const label = (f: AlertFilter) => {
    const n =
      f === 'new'
        ? counts?.new
        : f === 'acknowledged'
          ? counts?.acknowledged
          : f === 'open' && counts
            ? counts.new + counts.acknowledged
            : undefined;
    return (
      <span data-testid={`alerts-filter-${f}`}>
        {t(`alerts.filter.${f}`)}
        {n ? (
          <Badge count={n} size="small" style={{ marginLeft: 6 }} color={f === 'acknowledged' ? 'blue' : undefined} />
        ) : null}
      </span>
    );
  };

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('alerts.title')}
        </Typography.Title>
        <RefreshButton onClick={() => setVersion((v) => v + 1)} loading={paged.loading} />
      </Flex>
      <Card styles={{ body: { padding: 16 } }} style={{ marginBottom: 16 }}>
        <Segmented<AlertFilter>
          value={state}
          onChange={(s) => setParams({ state: s })}
          options={FILTERS.map((f) => ({ value: f, label: label(f) }))}
          data-testid="alerts-filter"
        />
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('alerts.hint')}
        </Typography.Paragraph>
      </Card>
      <Card styles={{ body: { padding: 0 } }}>
        <Table<AlertDto>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={paged.loading && items.length === 0}
          pagination={false}
          scroll={{ x: 1000 }}
          onRow={(a) =>
            ({
              'data-testid': 'alert-row',
              'data-alert-id': a.id,
              'data-person-id': a.person?.id ?? '',
              'data-kind': a.kind,
              'data-state': a.state,
            }) as React.HTMLAttributes<HTMLElement>
          }
          locale={{ emptyText: <Empty description={t('alerts.empty')} /> }}
          data-testid="alerts-table"
        />
        {items.length > 0 && (
          <LoadMore
            count={items.length}
            hasMore={paged.hasMore}
            loading={paged.loading}
            onMore={() => void paged.more()}
          />
        )}
      </Card>
      <HandleModal
        alert={handling}
        onClose={() => setHandling(null)}
        onHandled={(a, note) => {
          setHandling(null);
          patch(a.id, { state: 'handled', note });
          toastSuccess(t('alerts.handled'));
          void refreshAlertCount();
        }}
      />
    </>
  );
}
