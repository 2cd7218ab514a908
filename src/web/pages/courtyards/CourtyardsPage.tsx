/** 小区院落: courtyards in scope with their figures, filters (grid, name), create, today's rental changes. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Input, Row, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { CourtyardDto } from '../../api/registry.js';
import { useCan, useMe } from '../../auth/session.js';
import { AreaTreeSelect } from '../../components/AreaTreeSelect.js';
import { PagedMore, pagedTable } from '../../components/PagedMore.js';
import { courtyardKindLabel } from '../../i18n/labels.js';
import { usePaged } from '../../lib/usePaged.js';
import { CourtyardFormModal } from './CourtyardFormModal.js';
import { GateTag } from './GateTag.js';
import { RentalsChangedCard } from './RentalsChangedCard.js';

const PAGE = 50;
const FIGURES = ['dwellings', 'households', 'rentals', 'vacant'] as const;

export function CourtyardsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const gridId = params.get('gridId') ?? '';
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const [creating, setCreating] = useState(false);
  const list = usePaged(
    '/api/courtyards',
    { query: { gridId: gridId || undefined, q: q || undefined, limit: PAGE } },
    `${gridId}|${q}`,
  );

  useEffect(() => setText(q), [q]);

  const update = (next: { gridId?: string | undefined; q?: string }) => {
    const merged = { gridId, q, ...next };
    setParams(Object.fromEntries(Object.entries(merged).filter(([, v]) => v)));
  };

  const columns: TableColumnsType<CourtyardDto> = [
    {
      title: t('courtyards.name'),
      key: 'name',
      render: (_: unknown, c) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/courtyards/${c.id}`} data-testid="courtyard-link">
            {c.name}
          </Link>
          {c.address && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.address}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: t('courtyards.kind'), key: 'kind', render: (_: unknown, c) => <Tag>{courtyardKindLabel(t, c.kind)}</Tag> },
    { title: t('courtyards.grid'), key: 'grid', render: (_: unknown, c) => c.grid.name },
    { title: t('courtyards.gate'), key: 'gate', render: (_: unknown, c) => <GateTag courtyard={c} /> },
    ...FIGURES.map((f) => ({
      title: t(`figure.${f}`),
      key: f,
      align: 'right' as const,
      render: (_: unknown, c: CourtyardDto) => (c.figures[`registry.${f}`] ?? 0).toLocaleString(),
    })),
  ];

  const rentalsGrid = gridId || (me.scope.level === 'grid' ? me.scope.id : null);

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('courtyards.title')}
        </Typography.Title>
        {can('place.manage') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="courtyard-create"
          >
            {t('courtyards.create')}
          </Button>
        )}
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={17}>
          <Card styles={{ body: { padding: 0 } }}>
            <Space wrap style={{ padding: 16 }} size={12}>
              <AreaTreeSelect
                onlyGrids
                value={gridId || undefined}
                onChange={(id) => update({ gridId: id })}
                allowClear
                placeholder={t('courtyards.gridPlaceholder')}
                style={{ minWidth: 240 }}
                data-testid="courtyard-grid-filter"
              />
              <Input.Search
                allowClear
                value={text}
                onChange={(e) => setText(e.target.value)}
                onSearch={(v) => update({ q: v.trim() })}
                placeholder={t('courtyards.namePlaceholder')}
                style={{ width: 260 }}
                maxLength={50}
                data-testid="courtyard-search"
              />
            </Space>
            <Table<CourtyardDto>
              {...pagedTable(list)}
              columns={columns}
              scroll={{ x: 720 }}
              rowClassName={() => 'ss-clickable-row'}
              onRow={(c) => ({
                onClick: (e) => {
                  if (!(e.target as HTMLElement).closest('a')) void navigate(`/courtyards/${c.id}`);
                },
              })}
              locale={{ emptyText: t('courtyards.empty') }}
              data-testid="courtyard-table"
            />
            <PagedMore list={list} />
          </Card>
        </Col>
        <Col xs={24} xl={7}>
          <RentalsChangedCard gridId={rentalsGrid} />
        </Col>
      </Row>
      <CourtyardFormModal
        open={creating}
        gridId={gridId || undefined}
        onClose={() => setCreating(false)}
        onCreated={(c) => {
          setCreating(false);
          void navigate(`/courtyards/${c.id}`);
        }}
      />
    </>
  );
}
