import { Button, Card, Col, Empty, Input, Row, Space, Spin, Switch, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { pathIds } from '../../../domain/areas.js';
import { api } from '../../api/client.js';
import { showError } from '../../api/feedback.js';
import { kindLabel, levelLabel } from '../../i18n/labels.js';
import { AreaDetail } from './AreaDetail.js';
import { AreaFormModal, type AreaFormTarget } from './AreaFormModal.js';
import { type AreaDetailDto, type AreaDto, useAreaTree } from './useAreaTree.js';

const MORE_PREFIX = 'more:';

export function AreasPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('id');
  const [includeRetired, setIncludeRetired] = useState(false);
  const tree = useAreaTree(includeRetired);
  const { state, current: currentTree, ensureChildren, init } = tree;
  const [expanded, setExpanded] = useState<string[]>([]);
  const [loadingTree, setLoadingTree] = useState(true);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<AreaDto[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [formTarget, setFormTarget] = useState<AreaFormTarget | null>(null);
  const [version, setVersion] = useState(0);
  const revealedRef = useRef<string | null>(null);
  /** An area to reveal once the tree's root has loaded (deep link /areas?id=…). */
  const pendingRevealRef = useRef<Pick<AreaDto, 'id' | 'path'> | null>(null);

  const select = useCallback((id: string | null) => setParams(id ? { id } : {}, { replace: false }), [setParams]);

  /** Loads every ancestor below the scope root and expands them so the area is visible. */
  const reveal = useCallback(
    async (area: Pick<AreaDto, 'id' | 'path'>) => {
      const root = currentTree().root;
      if (!root) {
        pendingRevealRef.current = area;
        return;
      }
      const ids = pathIds(area.path);
      const start = ids.indexOf(root.id);
      if (start < 0) return;
      const ancestors = ids.slice(start, ids.indexOf(area.id) >= 0 ? ids.indexOf(area.id) : ids.length);
      try {
        for (const id of ancestors) await ensureChildren(id);
      } catch (err) {
        showError(err);
      }
      setExpanded((keys) => [...new Set([...keys, ...ancestors])]);
      revealedRef.current = area.id;
    },
    [currentTree, ensureChildren],
  );

  // (Re)load the tree from the scope root whenever "include retired" changes.
  useEffect(() => {
    let alive = true;
    setLoadingTree(true);
    revealedRef.current = null;
    init()
      .then((root) => {
        if (!alive) return;
        setExpanded([root.id]);
        const pending = pendingRevealRef.current;
        pendingRevealRef.current = null;
        if (pending) void reveal(pending);
      })
      .catch(showError)
      .finally(() => alive && setLoadingTree(false));
    return () => {
      alive = false;
    };
  }, [init, reveal]);

  const onDetailLoaded = useCallback(
    (area: AreaDetailDto) => {
      if (revealedRef.current !== area.id) void reveal(area);
    },
    [reveal],
  );

  const search = async (value: string) => {
    const q = value.trim();
    setQuery(value);
    if (!q) {
      setResults(null);
      return;
    }
    setSearching(true);
    try {
      const page = await api.get('/api/areas', {
        query: { q, includeRetired: includeRetired ? 'true' : 'false', limit: 100 },
      });
      setResults(page.items);
    } catch (err) {
      showError(err);
    } finally {
      setSearching(false);
    }
  };

  const pickResult = (area: AreaDto) => {
    setResults(null);
    revealedRef.current = null;
    select(area.id);
    void reveal(area);
  };

  const treeData = useMemo<TreeDataNode[]>(() => {
    const build = (area: AreaDto): TreeDataNode => {
      const kids = state.children[area.id];
      const cursor = state.cursors[area.id];
      const retired = area.retiredAt !== null;
      const node: TreeDataNode = {
        key: area.id,
        // childCount follows the includeRetired flag of the list the area came from.
        isLeaf: area.level === 'grid' || (area.childCount === 0 && !kids?.length),
        title: (
          <span data-testid={`area-node-${area.id}`}>
            <span className={retired ? 'ss-retired' : undefined}>{area.name}</span>
            <span className="ss-tree-title-code">{area.code}</span>
            {retired && (
              <Tag style={{ marginLeft: 6 }} variant="filled">
                {t('areas.retired')}
              </Tag>
            )}
          </span>
        ),
      };
      if (kids) {
        node.children = kids.map(build);
        if (cursor) {
          node.children.push({
            key: `${MORE_PREFIX}${area.id}`,
            isLeaf: true,
            selectable: true,
            title: <Typography.Link>{t('areas.moreChildren')}</Typography.Link>,
          });
        }
      }
      return node;
    };
    return state.root ? [build(state.root)] : [];
  }, [state, t]);

  const onSelectNode = (keys: React.Key[]) => {
    const key = keys[0];
    if (key === undefined) return;
    const id = String(key);
    if (id.startsWith(MORE_PREFIX)) {
      void tree.loadMore(id.slice(MORE_PREFIX.length)).catch(showError);
      return;
    }
    revealedRef.current = id;
    select(id);
    // Selecting a node also opens it, so its sub-areas show without a second click.
    const area = findArea(state, id);
    if (area && area.level !== 'grid' && area.childCount > 0) {
      void tree
        .ensureChildren(id)
        .then(() => setExpanded((keys) => (keys.includes(id) ? keys : [...keys, id])))
        .catch(showError);
    }
  };

  const onSaved = (saved: AreaDto, mode: 'create' | 'edit') => {
    setFormTarget(null);
    if (mode === 'create' && saved.parentId) {
      const parentId = saved.parentId;
      void tree
        .fetchChildren(parentId)
        .then(() => setExpanded((keys) => [...new Set([...keys, parentId])]))
        .catch(showError);
      void api
        .get('/api/areas/:id', { params: { id: parentId } })
        .then(tree.replaceArea)
        .catch(() => undefined);
      revealedRef.current = saved.id;
      select(saved.id);
    } else {
      tree.replaceArea(saved);
      setVersion((v) => v + 1);
    }
  };

  const onRetired = (area: AreaDto) => {
    if (includeRetired) tree.replaceArea(area);
    else tree.removeArea(area);
    setVersion((v) => v + 1);
  };

  const onDeleted = (area: AreaDto) => {
    tree.removeArea(area);
    select(area.parentId);
  };

  return (
    <>
      <Typography.Title level={4} className="ss-page-title">
        {t('areas.title')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10} xl={9}>
          <Card styles={{ body: { padding: 16 } }}>
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              <Input.Search
                allowClear
                placeholder={t('areas.searchPlaceholder')}
                value={query}
                onChange={(e) => {
                  setQuery(e.target.value);
                  if (!e.target.value) setResults(null);
                }}
                onSearch={(v) => void search(v)}
                loading={searching}
                data-testid="area-search"
                aria-label={t('areas.searchPlaceholder')}
              />
              <Space>
                <Switch
                  size="small"
                  checked={includeRetired}
                  onChange={(v) => {
                    setIncludeRetired(v);
                    setResults(null);
                  }}
                  data-testid="area-include-retired"
                  aria-label={t('areas.includeRetired')}
                />
                <Typography.Text>{t('areas.includeRetired')}</Typography.Text>
              </Space>
              {results ? (
                <SearchResults results={results} onPick={pickResult} onBack={() => setResults(null)} />
              ) : (
                <div data-testid="area-tree">
                  <Spin spinning={loadingTree}>
                    {state.root ? (
                      <Tree
                        key={includeRetired ? 'with-retired' : 'active'}
                        showLine
                        blockNode
                        height={600}
                        treeData={treeData}
                        expandedKeys={expanded}
                        onExpand={(keys) => setExpanded(keys.map(String))}
                        selectedKeys={selectedId ? [selectedId] : []}
                        onSelect={onSelectNode}
                        loadData={(node) => tree.ensureChildren(String(node.key)).then(() => undefined, showError)}
                      />
                    ) : (
                      <Empty />
                    )}
                  </Spin>
                </div>
              )}
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={14} xl={15}>
          <AreaDetail
            areaId={selectedId}
            version={version}
            scopeRootId={state.root?.id ?? null}
            onLoaded={onDetailLoaded}
            onAddChild={(parent) => setFormTarget({ mode: 'create', parent })}
            onEdit={(area) => setFormTarget({ mode: 'edit', area })}
            onRetired={onRetired}
            onDeleted={onDeleted}
            onNavigate={(id) => {
              revealedRef.current = null;
              select(id);
            }}
          />
        </Col>
      </Row>
      <AreaFormModal target={formTarget} onClose={() => setFormTarget(null)} onSaved={onSaved} />
    </>
  );
}

function findArea(
  state: { root: AreaDto | null; children: Record<string, AreaDto[]> },
  id: string,
): AreaDto | undefined {
  if (state.root?.id === id) return state.root;
  for (const list of Object.values(state.children)) {
    const hit = list.find((a) => a.id === id);
    if (hit) return hit;
  }
  return undefined;
}

function SearchResults({
  results,
  onPick,
  onBack,
}: {
  results: AreaDto[];
  onPick: (a: AreaDto) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div data-testid="area-search-results">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
        <Typography.Text strong>{t('areas.results', { count: results.length })}</Typography.Text>
        <Button type="link" size="small" onClick={onBack}>
          {t('areas.clearSearch')}
        </Button>
      </Space>
      {results.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('areas.noResults')} />
      ) : (
        <ul className="ss-result-list">
          {results.map((a) => (
            <li key={a.id}>
              <button type="button" className="ss-result-item" onClick={() => onPick(a)}>
                <Space>
                  <span className={a.retiredAt ? 'ss-retired' : undefined}>{a.name}</span>
                  <Tag>{kindLabel(t, a.kind)}</Tag>
                  {a.retiredAt && <Tag>{t('areas.retired')}</Tag>}
                </Space>
                <Typography.Text type="secondary" className="ss-mono" style={{ fontSize: 12, display: 'block' }}>
                  {a.code} · {levelLabel(t, a.level)}
                </Typography.Text>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
