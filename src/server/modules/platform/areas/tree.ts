/** Ordering and shaping of in-memory area nodes, matching the SQL order (code, then id). */
import { areaKind } from '../../../../domain/areas.js';
import type { AreaNode } from '../../../kernel/area-directory.js';
import type { AreaDto } from './schemas.js';

/** bigint ids as strings: shorter is smaller, then lexicographic. */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function byCode(a: { code: string; id: string }, b: { code: string; id: string }): number {
  return compareText(a.code, b.code) || compareIds(a.id, b.id);
}

export function bySearchKey(
  a: { depth: number; code: string; id: string },
  b: { depth: number; code: string; id: string },
): number {
  return a.depth - b.depth || byCode(a, b);
}

/** The node and everything below it. */
export function subtree(root: AreaNode): AreaNode[] {
  const out: AreaNode[] = [];
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    out.push(n);
    stack.push(...n.children);
  }
  return out;
}

type AreaFields = Omit<AreaNode, 'children'>;

export function areaDto(n: AreaFields, childCount: number): AreaDto {
  return {
    id: n.id,
    parentId: n.parent_id,
    level: n.level,
    kind: areaKind(n.level, n.code),
    code: n.code,
    statCode: n.stat_code,
    vintage: n.vintage,
    name: n.name,
    path: n.path,
    depth: n.depth,
    retiredAt: n.retired_at ? n.retired_at.toISOString() : null,
    demo: n.demo,
    childCount,
  };
}

export function toDto(n: AreaNode, countRetired: boolean): AreaDto {
  return areaDto(n, countRetired ? n.children.length : n.children.filter((ch) => !ch.retired_at).length);
}
