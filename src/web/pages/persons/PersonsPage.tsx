/** 实有人口: one search box (name fragment, document number, mobile or its tail), keyset "load more". */
import { SearchOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { classifySearch } from '../../../domain/person-search.js';
import { api } from '../../api/client.js';
import type { PersonDto } from '../../api/registry.js';
import { useCan, useMe } from '../../auth/session.js';
import { AreaTreeSelect, type AreaRef } from '../../components/AreaTreeSelect.js';
import { ExportButton } from '../../components/ExportButton.js';
import { PagedMore, pagedTable } from '../../components/PagedMore.js';
import { docTypeLabel, genderLabel, populationTypeLabel } from '../../i18n/labels.js';
import { shanghaiToday, tagColor } from '../../lib/registry.js';
import { type Paged, usePaged } from '../../lib/usePaged.js';
import { PersonFormModal } from './PersonFormModal.js';

const PAGE = 50;

export function PersonsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const gridId = params.get('gridId') ?? '';
  const query = q.trim();
  const [text, setText] = useState(q);
  const [creating, setCreating] = useState(false);
  const [area, setArea] = useState<AreaRef | null>(null);
  /** Searching the same words again reloads them. */
  const [round, setRound] = useState(0);
  // How the server reads the words (the same rule): a name fragment, a document, a phone…
  const matchedBy = query ? classifySearch(query, shanghaiToday()).by : null;

  useEffect(() => setText(q), [q]);

  const update = (next: { q?: string; gridId?: string | undefined }) => {
    const merged = { q, gridId, ...next };
    setParams(Object.fromEntries(Object.entries(merged).filter(([, v]) => v)));
  };

  // The chosen area's name (for the export's scope) when it came with the URL.
  useEffect(() => {
    if (!gridId || area?.id === gridId) return;
    let alive = true;
    api
      .get('/api/areas/:id', { params: { id: gridId } })
      .then((a) => alive && setArea({ id: a.id, name: a.name, level: a.level }))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [gridId, area?.id]);

  // The export follows the search: the chosen area (or the whole scope) and, when the
  // search is a name fragment, only the matching names.
  const byName = matchedBy === 'name';
  const areaName = gridId ? (area?.id === gridId ? area.name : t('persons.area')) : me.scope.name;
  const exportScope = byName ? t('export.scopeSearch', { scope: areaName, q: query }) : areaName;

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('persons.title')}
        </Typography.Title>
        <Space wrap>
          <ExportButton
            target={{ areaId: gridId || undefined, q: byName ? query : undefined }}
            scopeLabel={exportScope}
            data-testid="person-export"
          />
          {can('person.create') && (
            <Button
              type="primary"
              icon={<UserAddOutlined />}
              onClick={() => setCreating(true)}
              data-testid="person-create"
            >
              {t('persons.create')}
            </Button>
          )}
        </Space>
      </Space>
      <Card styles={{ body: { padding: 16 } }} style={{ marginBottom: 16 }}>
        <Flex wrap gap={12}>
          <Input.Search
            allowClear
            enterButton={
              <Space size={4}>
                <SearchOutlined />
                {t('common.search')}
              </Space>
            }
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => (v.trim() === query ? setRound((n) => n + 1) : update({ q: v.trim() }))}
            placeholder={t('persons.searchPlaceholder')}
            aria-label={t('persons.searchPlaceholder')}
            maxLength={40}
            style={{ flex: '1 1 360px', maxWidth: 640 }}
            data-testid="person-search"
          />
          <AreaTreeSelect
            value={gridId || undefined}
            onChange={(id) => update({ gridId: id })}
            onPick={setArea}
            allowClear
            placeholder={t('persons.area')}
            style={{ flex: '0 1 240px', minWidth: 200 }}
            data-testid="person-area"
          />
        </Flex>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('persons.searchHint')}
          {matchedBy && (
            <Tag style={{ marginLeft: 8 }} color="blue" data-testid="person-matched-by">
              {t('persons.matchedBy', { by: t(`persons.matchedBy.${matchedBy}`) })}
            </Tag>
          )}
        </Typography.Paragraph>
      </Card>
      <Card styles={{ body: { padding: 0 } }}>
        {query ? <SearchResults q={query} gridId={gridId} round={round} /> : <ResultsTable list={NOT_SEARCHED} />}
      </Card>
      <PersonFormModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

/** The persons matching the words, in keyset pages ("load more"). */
function SearchResults({ q, gridId, round }: { q: string; gridId: string; round: number }) {
  const list = usePaged(
    '/api/persons',
    { query: { q, gridId: gridId || undefined, limit: PAGE } },
    `${q}|${gridId}|${round}`,
  );
  return (
    <>
      <ResultsTable list={list} />
      {list.items.length > 0 && <PagedMore list={list} />}
    </>
  );
}

/** Before any search: no rows, nothing to load. */
const NOT_SEARCHED: Paged<PersonDto> = {
  items: [],
  hasMore: false,
  loading: false,
  loaded: false,
  error: null,
  more: () => Promise.resolve(),
  all: () => Promise.resolve([]),
};

function ResultsTable({ list }: { list: Paged<PersonDto> }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<PersonDto> = [
    {
      title: t('person.name'),
      key: 'name',
      render: (_: unknown, p) => (
        <Link to={`/persons/${p.id}`} data-testid="person-result-name">
          {p.name ?? t('person.hidden')}
        </Link>
      ),
    },
    {
      title: t('person.docNumber'),
      key: 'doc',
      render: (_: unknown, p) => (
        <Space orientation="vertical" size={0}>
          <span className="ss-mono">{p.docNumber ?? t('person.hidden')}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {docTypeLabel(t, p.docType)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('person.gender'),
      dataIndex: 'gender',
      key: 'gender',
      width: 72,
      render: (g: string | null) => genderLabel(t, g),
    },
    {
      title: t('person.birthDate'),
      dataIndex: 'birthDate',
      key: 'birth',
      render: (b: string | null) => b ?? t('common.none'),
    },
    {
      title: t('person.phone'),
      dataIndex: 'phone',
      key: 'phone',
      className: 'ss-mono',
      render: (v: string | null) => v ?? t('common.none'),
    },
    { title: t('person.grid'), key: 'grid', render: (_: unknown, p) => p.grid.name },
    {
      title: t('person.tags'),
      key: 'tags',
      render: (_: unknown, p) =>
        p.tags.length ? (
          <Space size={[4, 4]} wrap>
            {p.tags.map((tag) => (
              <Tag key={tag} color={tagColor(tag)}>
                {tag}
              </Tag>
            ))}
          </Space>
        ) : (
          t('common.none')
        ),
    },
    {
      title: t('person.populationType'),
      dataIndex: 'populationType',
      key: 'pop',
      render: (v: string) => <Tag>{populationTypeLabel(t, v)}</Tag>,
    },
  ];
  return (
    <Table<PersonDto>
      {...pagedTable(list)}
      columns={columns}
      scroll={{ x: 900 }}
      locale={{ emptyText: <Empty description={list.loaded ? t('persons.noResults') : t('persons.searchHint')} /> }}
      data-testid="person-results"
    />
  );
}
