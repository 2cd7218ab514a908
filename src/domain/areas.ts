/**
 * Administrative areas and grids (BRIEF §2). Pure rules, no I/O.
 *
 * 区/县 (6-digit GB/T 2260) → 街道/镇/乡 (9-digit) → 社区/村 (12-digit) → 网格
 * (community code + 3-digit sequence). Every code is also stored in the 12-digit
 * statistical form (grids have none) together with the code's vintage year.
 */
export const AREA_LEVELS = ['district', 'street', 'community', 'grid'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

export const CODE_LENGTH: Record<AreaLevel, number> = {
  district: 6,
  street: 9,
  community: 12,
  grid: 15,
};

export function levelDepth(level: AreaLevel): number {
  return AREA_LEVELS.indexOf(level);
}

export function childLevel(level: AreaLevel): AreaLevel | null {
  return AREA_LEVELS[levelDepth(level) + 1] ?? null;
}

/** Sub-kind a Chinese user reads from the code: 街道/镇/乡 and 社区(居委会)/村. */
export type AreaKind = 'district' | 'subdistrict' | 'town' | 'township' | 'residential' | 'village' | 'grid';

export function areaKind(level: AreaLevel, code: string): AreaKind {
  if (level === 'district') return 'district';
  if (level === 'grid') return 'grid';
  if (level === 'street') {
    const seq = Number(code.slice(6, 9));
    if (seq < 100) return 'subdistrict';
    if (seq < 200) return 'town';
    return 'township';
  }
  const seq = Number(code.slice(9, 12));
  return seq < 200 ? 'residential' : 'village';
}

/** The 12-digit statistical form of a code; grids have none. */
export function statisticalCode(level: AreaLevel, code: string): string | null {
  if (level === 'grid') return null;
  return code.padEnd(12, '0');
}

export interface AreaCodeProblem {
  field: 'code' | 'vintage';
  reason: 'format' | 'parent_prefix' | 'street_range' | 'community_range' | 'grid_range' | 'vintage_range';
}

/**
 * Checks a code against its level and its parent's code. Returns the list of
 * problems (empty when valid).
 */
export function checkAreaCode(level: AreaLevel, code: string, parentCode: string | null): AreaCodeProblem[] {
  const problems: AreaCodeProblem[] = [];
  if (!new RegExp(`^\\d{${CODE_LENGTH[level]}}$`).test(code)) {
    problems.push({ field: 'code', reason: 'format' });
    return problems;
  }
  if (parentCode !== null && !code.startsWith(parentCode)) {
    problems.push({ field: 'code', reason: 'parent_prefix' });
  }
  const own = Number(code.slice(CODE_LENGTH[level] - 3));
  if (level === 'district' && code.endsWith('00')) problems.push({ field: 'code', reason: 'format' });
  if (level === 'street' && (own < 1 || own > 399)) problems.push({ field: 'code', reason: 'street_range' });
  if (level === 'community' && (own < 1 || own > 399)) problems.push({ field: 'code', reason: 'community_range' });
  if (level === 'grid' && own < 1) problems.push({ field: 'code', reason: 'grid_range' });
  return problems;
}

export function checkVintage(vintage: number, currentYear: number): AreaCodeProblem[] {
  return vintage >= 1980 && vintage <= currentYear + 1 ? [] : [{ field: 'vintage', reason: 'vintage_range' }];
}

/** Materialized path helpers: a path is "/id/id/…/id/" from the district down. */
export function childPath(parentPath: string | null, id: number | string): string {
  return `${parentPath ?? '/'}${id}/`;
}

export function pathIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}

export function isWithin(path: string, scopePath: string): boolean {
  return path.startsWith(scopePath);
}
