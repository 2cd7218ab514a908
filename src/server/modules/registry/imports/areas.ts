/**
 * Importing areas (街道/镇/乡, 社区/村, 网格) from a spreadsheet: one row per area with
 * its code (6/9/12/15 digits, or the 12-digit statistical form) and name. Parents
 * come from the code itself and must exist already or earlier in the file; areas
 * that exist are renamed when the name differs. Small files: one transaction.
 */
import { type AreaLevel, checkAreaCode, statisticalCode } from '../../../../domain/areas.js';
import { shanghaiYear } from '../../../../domain/clock.js';
import { type NameReason, normaliseName, PLACE_NAME, revealHidden } from '../../../../domain/names.js';
import { authorize, type Context } from '../../../kernel/context.js';
import { AppError, fieldProblem } from '../../../kernel/errors.js';
import { audit } from '../../../kernel/audit.js';
import { areasChanged } from '../../../kernel/area-directory.js';
import { contains, inScope } from '../../../kernel/scope.js';
import { fileRefused, FileRefusal } from './limits.js';
import type { Cell, FileKind } from './reader.js';
import { readRows } from './reader.js';
import { AREA_COLUMNS, AREA_REASONS, ROW_REASONS } from './texts.js';

/** Empty or too long in the area import's own words; an invisible character and the like in the catalogue's. */
const nameReason = (reason: NameReason) =>
  reason === 'name_empty' || reason === 'too_long' ? AREA_REASONS.name : ROW_REASONS.name(reason);

const HEADERS = {
  code: ['区划代码', '代码', '统计用区划代码', '行政区划代码', '编码', '网格编码', '网格代码'],
  name: ['名称', '区划名称', '区域名称', '单位名称', '网格名称'],
  vintage: ['版本', '年份', '代码年份', '版本年份'],
} as const;

const LEVEL_BY_LENGTH: Record<number, AreaLevel> = { 6: 'district', 9: 'street', 12: 'community', 15: 'grid' };
const PARENT_LENGTH: Record<AreaLevel, number> = { district: 0, street: 6, community: 9, grid: 12 };

/** 510112005000 → 510112005: the statistical form back to its own length. */
export function canonicalCode(raw: string): string | null {
  const code = raw.replace(/\s/g, '');
  if (!/^\d+$/.test(code)) return null;
  if (code.length === 12) {
    if (code.endsWith('000000')) return code.slice(0, 6);
    if (code.endsWith('000')) return code.slice(0, 9);
  }
  return LEVEL_BY_LENGTH[code.length] ? code : null;
}

interface Row {
  n: number;
  code: string;
  name: string;
  vintage: number;
}

export async function importAreas(ctx: Context, file: string, kind: FileKind) {
  const c = authorize(ctx, 'area.create');
  authorize(ctx, 'area.update');
  const year = shanghaiYear(c.clock.now());
  const errors: { row: number; column: string; value: string; reason: string }[] = [];
  let columns: { code: number; name: number; vintage: number } | null = null;
  const rows: Row[] = [];
  try {
    for await (const r of readRows(file, kind, c.config)) {
      // A cell too long, content past the last column allowed: the file is refused, the row and column named.
      if (r.problem) throw new FileRefusal(r.problem.reason, r.problem.values);
      const text = (cells: Cell[], i: number) => (i >= 0 ? (cells[i]?.text ?? '').trim() : '');
      if (!columns) {
        const find = (names: readonly string[]) => r.cells.findIndex((cell) => names.includes(cell.text.trim()));
        const code = find(HEADERS.code);
        const name = find(HEADERS.name);
        if (code >= 0 && name >= 0) columns = { code, name, vintage: find(HEADERS.vintage) };
        if (r.n > 15 && !columns) break;
        continue;
      }
      const rawCode = text(r.cells, columns.code);
      const name = text(r.cells, columns.name);
      if (!rawCode && !name) continue;
      if (rows.length >= 20_000) throw new AppError('VALIDATION_FAILED', [fieldProblem('file', 'too_many_rows')]);
      const code = canonicalCode(rawCode);
      const vintage = Number(text(r.cells, columns.vintage) || year);
      // The shared name rules (domain/names.ts), on the cell as written.
      const named = normaliseName(r.cells[columns.name]?.text ?? '', PLACE_NAME);
      if (!code) errors.push({ row: r.n, column: AREA_COLUMNS.code, value: rawCode, reason: AREA_REASONS.code });
      else if (!named.ok)
        errors.push({
          row: r.n,
          column: AREA_COLUMNS.name,
          value: revealHidden(name),
          reason: nameReason(named.reason),
        });
      else if (!Number.isInteger(vintage) || vintage < 1980 || vintage > year + 1)
        errors.push({ row: r.n, column: AREA_COLUMNS.vintage, value: String(vintage), reason: AREA_REASONS.vintage });
      else rows.push({ n: r.n, code, name: named.value, vintage });
    }
  } catch (e) {
    throw fileRefused(e); // never a 500 for a file
  }
  if (!columns) throw new AppError('VALIDATION_FAILED', [fieldProblem('file', 'no_area_columns')]);

  // Parents before children: by code length, then code.
  rows.sort((a, b) => a.code.length - b.code.length || a.code.localeCompare(b.code));
  let created = 0;
  let renamed = 0;
  let unchanged = 0;
  for (const r of rows) {
    const level = LEVEL_BY_LENGTH[r.code.length]!;
    const existing = await c.db
      .selectFrom('areas')
      .select(['id', 'name', 'path'])
      .where('code', '=', r.code)
      .where('vintage', '=', r.vintage)
      .where('retired_at', 'is', null)
      .executeTakeFirst();
    if (existing) {
      if (!contains(c, existing.path))
        errors.push({ row: r.n, column: AREA_COLUMNS.code, value: r.code, reason: AREA_REASONS.outOfScope });
      else if (existing.name === r.name) unchanged++;
      else {
        await c.db.updateTable('areas').set({ name: r.name }).where('id', '=', existing.id).execute();
        renamed++;
      }
      continue;
    }
    if (level === 'district') {
      errors.push({ row: r.n, column: AREA_COLUMNS.code, value: r.code, reason: AREA_REASONS.district });
      continue;
    }
    const parentCode = r.code.slice(0, PARENT_LENGTH[level]);
    const parent = await c.db
      .selectFrom('areas')
      .select(['id', 'path', 'code'])
      .where('code', '=', parentCode)
      .where('retired_at', 'is', null)
      .where(inScope(c, 'path'))
      .orderBy('vintage', 'desc')
      .executeTakeFirst();
    const problems = checkAreaCode(level, r.code, parentCode);
    if (problems.length) {
      errors.push({ row: r.n, column: AREA_COLUMNS.code, value: r.code, reason: AREA_REASONS.codeMismatch });
      continue;
    }
    if (!parent) {
      errors.push({ row: r.n, column: AREA_COLUMNS.code, value: r.code, reason: AREA_REASONS.noParent(parentCode) });
      continue;
    }
    await c.db
      .insertInto('areas')
      .values({
        parent_id: parent.id,
        level,
        code: r.code,
        stat_code: statisticalCode(level, r.code),
        vintage: r.vintage,
        name: r.name,
      })
      .execute();
    created++;
  }
  if (created + renamed > 0) await areasChanged(c);
  await audit(c, {
    action: 'area.import',
    resourceType: 'area',
    details: { created, renamed, unchanged, rejected: errors.length },
  });
  return { created, renamed, unchanged, rejected: errors.length, errors: errors.sort((a, b) => a.row - b.row) };
}
