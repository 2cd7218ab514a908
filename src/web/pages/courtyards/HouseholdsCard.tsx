/** 住户: the households living in the courtyard now, their members, key persons (独居老人 …) highlighted. */
import { AlertOutlined, TeamOutlined } from '@ant-design/icons';
import { Card, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CourtyardDetailDto, DwellingDto } from '../../api/registry.js';
import { occupancyLabel, relationshipLabel } from '../../i18n/labels.js';
import { LoadMore } from '../../components/LoadMore.js';
import { isKeyTag, OCCUPANCY_COLORS, tagColor } from '../../lib/registry.js';
import { fileTable, naturalCompare, type CourtyardHousehold } from './useCourtyard.js';

interface Props {
  courtyard: CourtyardDetailDto;
  items: CourtyardHousehold[];
  dwellings: DwellingDto[];
  loading: boolean;
  hasMore: boolean;
  onMore: () => void;
  printing: boolean;
}

const RELATION_ORDER = ['head', 'spouse', 'parent', 'child', 'other'];

export function HouseholdsCard({ courtyard, items, dwellings, loading, hasMore, onMore, printing }: Props) {
  const { t } = useTranslation();

  const place = useMemo(() => {
    const buildings = new Map(courtyard.buildings.map((b) => [b.id, b]));
    const byId = new Map(dwellings.map((d) => [d.id, d]));
    return (dwellingId: string, fallback: string) => {
      const d = byId.get(dwellingId);
      if (!d) return fallback;
      const b = d.buildingId ? buildings.get(d.buildingId) : undefined;
      const u = b?.units.find((x) => x.id === d.unitId);
      return [b?.label, u?.label, d.room].filter(Boolean).join(' ');
    };
  }, [courtyard.buildings, dwellings]);

  const rows = useMemo(
    () =>
      items
        .map((h) => ({
          ...h,
          place: place(h.occupancy.dwellingId, h.occupancy.address.text ?? '—'),
          members: [...h.members].sort(
            (a, b) => RELATION_ORDER.indexOf(a.relationship) - RELATION_ORDER.indexOf(b.relationship),
          ),
        }))
        .sort((a, b) => naturalCompare(a.place, b.place)),
    [items, place],
  );
  const keyPersons = rows.flatMap((h) =>
    h.members
      .filter((m) => m.person.tags.some(isKeyTag))
      .map((m) => ({ ...m, place: h.place, householdId: h.householdId })),
  );

  const columns: TableColumnsType<(typeof rows)[number]> = [
    {
      title: t('dwelling.address'),
      key: 'place',
      render: (_: unknown, h) => <Link to={`/dwellings/${h.occupancy.dwellingId}`}>{h.place}</Link>,
    },
    {
      title: t('household.type'),
      key: 'type',
      render: (_: unknown, h) => (
        <Tag color={OCCUPANCY_COLORS[h.occupancy.type]}>{occupancyLabel(t, h.occupancy.type)}</Tag>
      ),
    },
    { title: t('courtyard.since'), key: 'since', render: (_: unknown, h) => h.occupancy.startDate },
    {
      title: t('courtyard.members'),
      key: 'members',
      render: (_: unknown, h) => (
        <Space size={[12, 4]} wrap>
          {h.members.map((m) => (
            <span key={m.person.id} className={m.person.tags.some(isKeyTag) ? 'ss-key-person' : undefined}>
              <Link to={`/persons/${m.person.id}`}>{m.person.name ?? t('person.hidden')}</Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('common.paren', { text: '', note: relationshipLabel(t, m.relationship) })}
              </Typography.Text>
              {m.person.tags.map((tag) => (
                <Tag key={tag} color={tagColor(tag)} style={{ marginInlineStart: 2 }}>
                  {tag}
                </Tag>
              ))}
            </span>
          ))}
        </Space>
      ),
    },
    {
      title: '',
      key: 'open',
      className: 'ss-no-print',
      render: (_: unknown, h) => <Link to={`/households/${h.householdId}`}>{t('dwelling.openHousehold')}</Link>,
    },
  ];

  return (
    <Card
      title={
        <Space>
          <TeamOutlined />
          {t('courtyard.households')}
          {items.length > 0 && <Tag>{items.length}</Tag>}
        </Space>
      }
      data-testid="courtyard-households"
    >
      {keyPersons.length > 0 && (
        <div className="ss-key-persons" data-testid="key-persons">
          <Typography.Text strong>
            <AlertOutlined style={{ color: '#d4380d' }} />{' '}
            {t('common.paren', { text: t('courtyard.keyPersons'), note: keyPersons.length })}
          </Typography.Text>
          <Space size={[16, 6]} wrap style={{ marginTop: 6 }}>
            {keyPersons.map((m) => (
              <span key={`${m.householdId}:${m.person.id}`}>
                <Link to={`/persons/${m.person.id}`}>{m.person.name ?? t('person.hidden')}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12, margin: '0 4px' }}>
                  {m.place}
                </Typography.Text>
                {m.person.tags.filter(isKeyTag).map((tag) => (
                  <Tag key={tag} color={tagColor(tag)}>
                    {tag}
                  </Tag>
                ))}
              </span>
            ))}
          </Space>
        </div>
      )}
      <Table
        rowKey="householdId"
        columns={columns}
        dataSource={rows}
        {...fileTable(rows.length, loading, printing)}
        locale={{ emptyText: t('courtyard.householdsEmpty') }}
        data-testid="household-table"
      />
      {hasMore && <LoadMore count={items.length} hasMore={hasMore} loading={loading} onMore={onMore} />}
    </Card>
  );
}
