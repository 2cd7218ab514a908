/**
 * Area picker: a lazily loaded TreeSelect rooted at the user's scope, backed by
 * GET /api/areas?parentId=. Used as a Form control (value = area id).
 */
import { TreeSelect } from 'antd';
import type { CSSProperties } from 'react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Result } from '../api/client.js';
import { showError } from '../api/feedback.js';
import { levelLabel } from '../i18n/labels.js';

type AreaDto = Result<'GET', '/api/areas'>['items'][number];

export type AreaRef = Pick<AreaDto, 'id' | 'name' | 'level'>;

interface Props {
  value?: string | null;
  onChange?: (id: string | undefined) => void;
  /** Called with the picked area (or null when cleared), e.g. to check its level. */
  onPick?: (area: AreaRef | null) => void;
  /** The current area when it may not be loaded yet (editing an existing user). */
  known?: AreaRef | null;
  placeholder?: string;
  allowClear?: boolean;
  /** Only grids (网格) can be picked; the levels above only open. */
  onlyGrids?: boolean;
  /** Only areas of these levels can be picked (e.g. grids and communities); the others only open. */
  levels?: readonly AreaDto['level'][];
  style?: CSSProperties;
  id?: string;
  'data-testid'?: string;
}

export function AreaTreeSelect({
  value,
  onChange,
  onPick,
  known,
  placeholder,
  allowClear,
  onlyGrids,
  levels,
  style,
  id,
  ...rest
}: Props) {
  const { t } = useTranslation();
  const [areas, setAreas] = useState<Map<string, AreaDto>>(new Map());
  const [rootId, setRootId] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    api
      .get('/api/areas', { query: { limit: 500 } })
      .then((page) => {
        if (!alive) return;
        setAreas(new Map([page.scopeRoot, ...page.items].map((a) => [a.id, a])));
        setRootId(page.scopeRoot.id);
      })
      .catch(showError);
    return () => {
      alive = false;
    };
  }, []);

  const loadChildren = async (parentId: string) => {
    const page = await api.get('/api/areas', { query: { parentId, limit: 500 } });
    setAreas((current) => {
      const next = new Map(current);
      for (const a of page.items) next.set(a.id, a);
      return next;
    });
  };

  const treeData = useMemo(
    () =>
      [...areas.values()].map((a) => ({
        id: a.id,
        pId: a.parentId && areas.has(a.parentId) ? a.parentId : undefined,
        value: a.id,
        title: `${a.name}（${levelLabel(t, a.level)}）`,
        label: a.name,
        isLeaf: a.level === 'grid' || a.childCount === 0,
        selectable: (!onlyGrids || a.level === 'grid') && (!levels || levels.includes(a.level)),
      })),
    [areas, t, onlyGrids, levels],
  );

  const label = value ? (areas.get(value)?.name ?? (known?.id === value ? known.name : value)) : undefined;

  return (
    <TreeSelect
      {...rest}
      key={rootId ?? 'loading'}
      treeDefaultExpandedKeys={rootId ? [rootId] : []}
      id={id}
      style={style}
      treeDataSimpleMode
      treeData={treeData}
      loadData={(node) => loadChildren(String(node.value)).catch(showError)}
      labelInValue
      value={value ? { value, label } : undefined}
      onChange={(picked: { value: string; label?: unknown } | undefined) => {
        const pickedId = picked?.value;
        onChange?.(pickedId);
        const area = pickedId ? (areas.get(pickedId) ?? (known?.id === pickedId ? known : null)) : null;
        onPick?.(area ? { id: area.id, name: area.name, level: area.level } : null);
      }}
      placeholder={placeholder}
      allowClear={allowClear}
      showSearch
      treeNodeFilterProp="title"
      treeNodeLabelProp="label"
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 420, overflow: 'auto', minWidth: 280 } } }}
    />
  );
}
