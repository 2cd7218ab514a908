/**
 * 重点人员 work lists for today: under a measure, not yet checked in, symptomatic,
 * ending today or tomorrow (with the release checklist), overdue. Names come masked
 * by role, ID numbers always masked; keyset "load more".
 */
import { Card, Empty, Flex, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../../api/client.js';
import { useCan } from '../../../auth/session.js';
import { AreaTreeSelect } from '../../../components/AreaTreeSelect.js';
import { LoadMore } from '../../../components/LoadMore.js';
import { RefreshButton } from '../../../components/RefreshButton.js';
import { usePaged } from '../../../lib/usePaged.js';
import { useLoad } from '../../../lib/useLoad.js';
import { Blockers } from '../person/Checklist.js';
import { DayStateTag, MeasureTag, symptomLabel, Temperature } from '../labels.js';
import type { WorkItemDto, WorkListKey } from '../types.js';

const LISTS: WorkListKey[] = ['under', 'not_checked_in', 'symptomatic', 'ending', 'overdue'];
const PAGE = 50;

export function WorkListsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const list = (LISTS as string[]).includes(params.get('list') ?? '') ? (params.get('list') as WorkListKey) : 'under';
  const areaId = params.get('areaId') ?? '';
  const update = (next: { list?: WorkListKey; areaId?: string | undefined }) => {
    const merged = { list, areaId, ...next };
    setParams(Object.fromEntries(Object.entries(merged).filter(([, v]) => v)));
  };
  const [version, setVersion] = useState(0);
  const key = `${list}:${areaId}:${version}`;
  const area = areaId || undefined;
  const paged = usePaged('/api/measures', { query: { list, areaId: area, limit: PAGE } }, key);
  // The day and cut-off come with every page; read them once for the header.
  const head = useLoad(
    (signal) => api.get('/api/measures', { query: { list: 'under', areaId: area, limit: 1 }, signal }),
    `head:${areaId}:${version}`,
  );
  const withChecklist = list === 'ending' || list === 'overdue';

  const columns: TableColumnsType<WorkItemDto> = [
    {
      title: t('health.person'),
      key: 'name',
      fixed: 'left',
      render: (_: unknown, r) =>
        can('health.open') ? (
          <Link to={`/health/persons/${r.personId}`} data-testid="worklist-person">
            {r.name ?? t('person.hidden')}
          </Link>
        ) : (
          <span data-testid="worklist-person">{r.name ?? t('person.hidden')}</span>
        ),
    },
    {
      title: t('person.docNumber'),
      dataIndex: 'docNumber',
      key: 'doc',
      className: 'ss-mono ss-nowrap',
      render: (v: string | null) => v ?? t('person.hidden'),
    },
    {
      title: t('person.phone'),
      dataIndex: 'phone',
      key: 'phone',
      className: 'ss-mono ss-nowrap',
      render: (v: string | null) => v ?? t('common.none'),
    },
    { title: t('person.grid'), key: 'grid', render: (_: unknown, r) => r.grid.name },
    { title: t('health.measure'), key: 'measure', render: (_: unknown, r) => <MeasureTag measure={r.measure} /> },
    { title: t('health.startDay'), dataIndex: 'startDay', key: 'start' },
    {
      title: t('health.plannedEnd'),
      dataIndex: 'plannedEnd',
      key: 'end',
      render: (v: string | null) => v ?? t('health.endByTests'),
    },
    { title: t('health.dayState'), key: 'state', render: (_: unknown, r) => <DayStateTag state={r.dayState} /> },
    {
      title: t('health.todayCheckin'),
      key: 'checkin',
      render: (_: unknown, r) =>
        r.dayState === null || r.dayState === 'not_reported' ? (
          t('common.none')
        ) : (
          <Space size={[4, 4]} wrap>
            <Temperature value={r.temperature} />
            {r.symptoms.map((s) => (
              <Tag key={s} color="red">
                {symptomLabel(t, s)}
              </Tag>
            ))}
          </Space>
        ),
    },
    ...(withChecklist
      ? [
          {
            title: t('health.checklist'),
            key: 'checklist',
            render: (_: unknown, r: WorkItemDto) =>
              r.checklist ? <Blockers checklist={r.checklist} compact /> : t('common.none'),
          },
        ]
      : []),
  ];

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('health.worklists.title')}
        </Typography.Title>
        {head.data && (
          <Typography.Text type="secondary" data-testid="worklist-day">
            {t('health.worklists.day', { day: head.data.day, cutOff: head.data.cutOff })}
          </Typography.Text>
        )}
      </Flex>
      <Card styles={{ body: { padding: '0 16px 16px' } }} style={{ marginBottom: 16 }}>
        <Tabs
          activeKey={list}
          onChange={(k) => update({ list: k as WorkListKey })}
          items={LISTS.map((l) => ({
            key: l,
            label: <span data-testid={`worklist-tab-${l}`}>{t(`health.list.${l}`)}</span>,
          }))}
        />
        <Flex wrap gap={12} align="center">
          <AreaTreeSelect
            value={areaId || undefined}
            onChange={(id) => update({ areaId: id })}
            allowClear
            placeholder={t('health.worklists.area')}
            style={{ flex: '0 1 280px', minWidth: 220 }}
            data-testid="worklist-area"
          />
          <Typography.Text type="secondary">{t(`health.listHint.${list}`)}</Typography.Text>
          <div style={{ flex: 1 }} />
          <RefreshButton onClick={() => setVersion((v) => v + 1)} loading={paged.loading} />
        </Flex>
      </Card>
      <Card styles={{ body: { padding: 0 } }}>
        <Table<WorkItemDto>
          rowKey="measureId"
          size="middle"
          columns={columns}
          dataSource={paged.items}
          loading={paged.loading && paged.items.length === 0}
          pagination={false}
          scroll={{ x: 1100 }}
          locale={{ emptyText: <Empty description={t('health.worklists.empty')} /> }}
          data-testid="worklist-table"
        />
        {paged.items.length > 0 && (
          <LoadMore
            count={paged.items.length}
            hasMore={paged.hasMore}
            loading={paged.loading}
            onMore={() => void paged.more()}
          />
        )}
      </Card>
    </>
  );
}
