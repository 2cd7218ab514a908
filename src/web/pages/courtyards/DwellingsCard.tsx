/** 楼栋与房屋: buildings → units on the left, the dwellings with their current household on the right. */
import { DownOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Dropdown, Row, Space, Table, Tag, Tree, Typography } from 'antd';
import type { TableColumnsType, TreeDataNode } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { CourtyardDetailDto, DwellingDto } from '../../api/registry.js';
import { useCan } from '../../auth/session.js';
import { occupancyLabel, relationshipLabel } from '../../i18n/labels.js';
import { LoadMore } from '../../components/LoadMore.js';
import { OCCUPANCY_COLORS } from '../../lib/registry.js';
import { PlaceFormModal, type PlaceTarget } from './PlaceFormModal.js';
import { ALL, fileTable, NO_BUILDING, naturalCompare, type CourtyardHousehold } from './useCourtyard.js';

interface Props {
  courtyard: CourtyardDetailDto;
  /** Tree selection: ALL, a building, a unit or NO_BUILDING. */
  selected: string;
  onSelect: (key: string) => void;
  /** The dwellings of the selection loaded so far. */
  dwellings: DwellingDto[];
  loading: boolean;
  hasMore: boolean;
  onMore: () => void;
  byDwelling: Map<string, CourtyardHousehold[]>;
  /** Every household of the selection is loaded: a dwelling without one is vacant. */
  householdsComplete: boolean;
  /** While printing every dwelling is listed, unpaginated. */
  printing: boolean;
  onChanged: () => void;
}

interface Row extends DwellingDto {
  building: string;
  unit: string;
  households: CourtyardHousehold[];
}

export function DwellingsCard({
  courtyard,
  selected,
  onSelect,
  dwellings,
  loading,
  hasMore,
  onMore,
  byDwelling,
  householdsComplete,
  printing,
  onChanged,
}: Props) {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const [target, setTarget] = useState<PlaceTarget | null>(null);

  const labels = useMemo(() => {
    const buildings = new Map(courtyard.buildings.map((b) => [b.id, b.label]));
    const units = new Map(courtyard.buildings.flatMap((b) => b.units.map((u) => [u.id, u.label] as const)));
    return { buildings, units };
  }, [courtyard.buildings]);

  const rows = useMemo<Row[]>(
    () =>
      dwellings
        .map((d) => ({
          ...d,
          building: d.buildingId ? (labels.buildings.get(d.buildingId) ?? '') : '',
          unit: d.unitId ? (labels.units.get(d.unitId) ?? '') : '',
          households: byDwelling.get(d.id) ?? [],
        }))
        .sort(
          (a, b) =>
            naturalCompare(a.building, b.building) || naturalCompare(a.unit, b.unit) || naturalCompare(a.room, b.room),
        ),
    [dwellings, labels, byDwelling],
  );

  const sortedBuildings = [...courtyard.buildings].sort((a, b) => naturalCompare(a.label, b.label));
  const treeData: TreeDataNode[] = [
    {
      key: ALL,
      title: t('common.paren', {
        text: t('courtyard.allBuildings'),
        note: courtyard.figures['registry.dwellings'] ?? 0,
      }),
      children: [
        ...sortedBuildings.map((b) => ({
          key: b.id,
          title: b.label,
          children: [...b.units]
            .sort((x, y) => naturalCompare(x.label, y.label))
            .map((u) => ({ key: u.id, title: u.label, isLeaf: true })),
        })),
        ...(courtyard.kind === 'rural_scattered' && courtyard.buildings.length > 0
          ? [{ key: NO_BUILDING, title: t('courtyard.noBuilding'), isLeaf: true }]
          : []),
      ],
    },
  ];

  const selectedBuilding = courtyard.buildings.find((b) => b.id === selected || b.units.some((u) => u.id === selected));
  const selectedUnit = selectedBuilding?.units.find((u) => u.id === selected);

  const hasBuildings = courtyard.buildings.length > 0;
  const columns: TableColumnsType<Row> = [
    ...(hasBuildings
      ? [
          {
            title: t('courtyard.building'),
            dataIndex: 'building',
            key: 'building',
            render: (v: string) => v || t('common.none'),
          },
          { title: t('courtyard.unit'), dataIndex: 'unit', key: 'unit', render: (v: string) => v || t('common.none') },
        ]
      : []),
    {
      title: t('courtyard.room'),
      key: 'room',
      render: (_: unknown, r) => (
        <Link to={`/dwellings/${r.id}`} data-testid="dwelling-link">
          {r.room}
        </Link>
      ),
    },
    {
      title: t('courtyard.floor'),
      dataIndex: 'floor',
      key: 'floor',
      align: 'right',
      render: (v: number | null) => v ?? t('common.none'),
    },
    {
      title: t('courtyard.area'),
      dataIndex: 'areaM2',
      key: 'area',
      align: 'right',
      render: (v: number | null) => v ?? t('common.none'),
    },
    {
      title: t('courtyard.currentHousehold'),
      key: 'household',
      render: (_: unknown, r) =>
        r.households.length === 0
          ? t('common.none')
          : r.households.map((h) => {
              const head = h.members.find((m) => m.relationship === 'head') ?? h.members[0];
              return (
                <div key={h.householdId}>
                  <Link to={`/households/${h.householdId}`}>{head?.person.name ?? t('dwelling.household')}</Link>
                  {head && head.relationship === 'head' && (
                    <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 4 }}>
                      {relationshipLabel(t, 'head')}
                    </Typography.Text>
                  )}
                </div>
              );
            }),
    },
    {
      title: t('courtyard.memberCount'),
      key: 'members',
      align: 'right',
      render: (_: unknown, r) => r.households.reduce((n, h) => n + h.members.length, 0) || t('common.none'),
    },
    {
      title: t('courtyard.status'),
      key: 'status',
      render: (_: unknown, r) =>
        !r.occupied ? (
          <Tag data-testid="dwelling-vacant">{t('courtyard.vacant')}</Tag>
        ) : r.households.length === 0 && !householdsComplete ? (
          <Typography.Text type="secondary">…</Typography.Text>
        ) : (
          <Space size={4}>
            {[...new Set(r.households.map((h) => h.occupancy.type))].map((type) => (
              <Tag key={type} color={OCCUPANCY_COLORS[type]}>
                {occupancyLabel(t, type)}
              </Tag>
            ))}
          </Space>
        ),
    },
  ];

  const addMenu = [
    { key: 'building', label: t('courtyard.addBuilding') },
    ...(courtyard.buildings.length ? [{ key: 'unit', label: t('courtyard.addUnit') }] : []),
    { key: 'dwelling', label: t('courtyard.addDwelling') },
  ];
  const openForm = (kind: string) => {
    if (kind === 'building') setTarget({ kind: 'building' });
    if (kind === 'unit') setTarget({ kind: 'unit', ...(selectedBuilding ? { buildingId: selectedBuilding.id } : {}) });
    if (kind === 'dwelling')
      setTarget({ kind: 'dwelling', buildingId: selectedBuilding?.id ?? null, unitId: selectedUnit?.id ?? null });
  };

  return (
    <Card
      title={t('courtyard.buildings')}
      extra={
        can('place.manage') && (
          <Space.Compact className="ss-no-print">
            <Button icon={<PlusOutlined />} onClick={() => openForm('dwelling')} data-testid="place-add">
              {t('courtyard.addDwelling')}
            </Button>
            <Dropdown menu={{ items: addMenu, onClick: ({ key }) => openForm(key) }} trigger={['click']}>
              <Button icon={<DownOutlined />} aria-label={t('common.create')} data-testid="place-add-more" />
            </Dropdown>
          </Space.Compact>
        )
      }
      data-testid="courtyard-dwellings"
    >
      <Row gutter={[16, 16]}>
        {hasBuildings && (
          <Col xs={24} md={7} xl={5} className="ss-no-print">
            <Tree
              blockNode
              showLine
              defaultExpandAll
              selectedKeys={[selected]}
              onSelect={(keys) => keys[0] !== undefined && onSelect(String(keys[0]))}
              treeData={treeData}
              data-testid="building-tree"
            />
          </Col>
        )}
        <Col xs={24} md={hasBuildings ? 17 : 24} xl={hasBuildings ? 19 : 24} className="ss-print-full">
          <Table<Row>
            rowKey="id"
            columns={columns}
            dataSource={rows}
            {...fileTable(rows.length, loading, printing)}
            locale={{ emptyText: t('courtyard.dwellingsEmpty') }}
            rowClassName={() => 'ss-clickable-row'}
            onRow={(r) => ({
              onClick: (e) => {
                if (!(e.target as HTMLElement).closest('a')) void navigate(`/dwellings/${r.id}`);
              },
            })}
            data-testid="dwelling-table"
          />
          {hasMore && <LoadMore count={rows.length} hasMore={hasMore} loading={loading} onMore={onMore} />}
        </Col>
      </Row>
      <PlaceFormModal
        courtyard={courtyard}
        target={target}
        onClose={() => setTarget(null)}
        onSaved={() => {
          setTarget(null);
          onChanged();
        }}
      />
    </Card>
  );
}
