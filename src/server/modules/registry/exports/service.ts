/**
 * Exports of persons (a courtyard, an area or a name search) as CSV or XLSX,
 * streamed from a database cursor at constant memory. Masked by default; an
 * unmasked export needs person.export_unmasked and a reason. Every export is
 * audited and carries a watermark line (who, when, masked or not); every cell is
 * safe against spreadsheet formulas.
 */
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { DOCUMENT_TYPE_LABELS } from '../../../../domain/id-number.js';
import { MASKED, type Presenter, UNMASKED } from '../../../kernel/present.js';
import { areaInScope, inScope } from '../../../kernel/scope.js';
import { authorize, type Context } from '../../../kernel/context.js';
import { AppError, fieldProblem, notFound } from '../../../kernel/errors.js';
import { auditApart } from '../../../kernel/audit.js';
import { csvLine, safeCell, UTF8_BOM, XLSX_DATA_ROWS_PER_SHEET } from './cells.js';
import { type ExportRow, exportRows } from './query.js';

export interface ExportRequest {
  format: 'csv' | 'xlsx';
  areaId?: string;
  courtyardId?: string;
  q?: string;
  unmasked: boolean;
  reason?: string;
  /** Only check permission, scope and reason; no file, no audit. */
  check?: boolean;
}

const HEADER = [
  '姓名',
  '证件类型',
  '证件号码',
  '性别',
  '出生日期',
  '联系电话',
  '人口类型',
  '户籍地',
  '工作单位',
  '标签',
  '网格',
  '住址',
  '与户主关系',
  '居住类型',
];
const GENDER = { male: '男', female: '女' } as const;
const POPULATION = { registered: '户籍', floating: '流动', overseas: '境外' } as const;
const RELATIONSHIP = { head: '户主', spouse: '配偶', child: '子女', parent: '父母', other: '其他' } as const;
const OCCUPANCY = { owned: '自有', rented: '租住', lodging: '寄居', temporary: '临时' } as const;

function cells(r: ExportRow, shown: Presenter): string[] {
  const address = r.courtyard
    ? (shown.address({ courtyard: r.courtyard, building: r.building, unit: r.unit, room: r.room }, r.area_path).text ??
      '')
    : '';
  return [
    shown.value('name', r.name) ?? '',
    DOCUMENT_TYPE_LABELS[r.doc_type],
    shown.value('idNumber', r.doc_number) ?? '',
    r.gender ? GENDER[r.gender] : '',
    shown.value('birthDate', r.birth_date) ?? '',
    shown.value('phone', r.phone) ?? '',
    POPULATION[r.population_type],
    r.hukou_place ?? '',
    r.work_unit ?? '',
    r.tags.join('、'),
    r.grid,
    address,
    r.relationship ? RELATIONSHIP[r.relationship] : '',
    r.occupancy ? OCCUPANCY[r.occupancy] : '',
  ].map(safeCell);
}

function shanghaiTime(at: Date): string {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'short',
    timeStyle: 'medium',
    hour12: false,
  }).format(at);
}

export async function exportPersons(
  ctx: Context,
  req: ExportRequest,
): Promise<{ filename: string; contentType: string; body: Readable } | null> {
  const c = authorize(ctx, 'person.export');
  if (req.unmasked) {
    authorize(ctx, 'person.export_unmasked');
    if (!req.reason || req.reason.trim().length < 4)
      throw new AppError('VALIDATION_FAILED', [fieldProblem('reason', 'too_short')]);
  }
  const area = await areaInScope(c, req.areaId ?? c.actor.areaId);
  let title = area.name;
  if (req.courtyardId) {
    const yard = await c.db
      .selectFrom('courtyards')
      .select('name')
      .where('id', '=', req.courtyardId)
      .where(inScope(area.scope, 'area_path'))
      .executeTakeFirst();
    if (!yard) throw notFound();
    title = yard.name;
  }
  if (req.check) return null;
  const now = c.clock.now();
  const masked = !req.unmasked;
  await auditApart(c, {
    action: masked ? 'person.export' : 'person.export_unmasked',
    resourceType: 'person',
    area: { id: area.id, path: area.path, districtId: area.district_id },
    details: {
      format: req.format,
      masked,
      reason: req.reason ?? null,
      areaId: area.id,
      courtyardId: req.courtyardId ?? null,
      q: req.q ?? null,
    },
  });
  const watermark = `${masked ? '脱敏导出' : '未脱敏导出（敏感个人信息，严禁外传）'}｜导出人：${c.actor.username}（${c.actor.displayName}）｜导出时间：${shanghaiTime(now)}（北京时间）｜范围：${title}｜请求编号：${c.requestId}`;
  const rows = exportRows(c, { scope: area.scope, courtyardId: req.courtyardId, nameFragment: req.q }).stream(1000);
  const stamp = now.toISOString().slice(0, 10);
  const filename = `实有人口-${title}-${stamp}${masked ? '' : '-未脱敏'}.${req.format}`;
  if (req.format === 'csv') {
    async function* lines() {
      yield UTF8_BOM + csvLine([safeCell(watermark)]) + csvLine(HEADER);
      let batch = '';
      let n = 0;
      for await (const r of rows) {
        batch += csvLine(cells(r, masked ? MASKED : UNMASKED));
        if (++n % 500 === 0) {
          yield batch;
          batch = '';
        }
      }
      if (batch) yield batch;
    }
    return { filename, contentType: 'text/csv; charset=utf-8', body: Readable.from(lines()) };
  }
  return {
    filename,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: xlsx(rows, masked, watermark, c.actor.username),
  };
}

/** XLSX written row by row into the response; a new sheet every 1,048,574 data rows. */
export function xlsx(
  rows: AsyncIterable<ExportRow>,
  masked: boolean,
  watermark: string,
  creator: string,
  perSheet = XLSX_DATA_ROWS_PER_SHEET,
): Readable {
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  book.creator = creator;
  book.title = watermark;
  void (async () => {
    let sheetNo = 0;
    let sheet: ExcelJS.Worksheet | null = null;
    let inSheet = 0;
    const newSheet = () => {
      sheet?.commit();
      sheet = book.addWorksheet(`实有人口${++sheetNo}`);
      sheet.headerFooter.oddHeader = watermark;
      sheet.headerFooter.oddFooter = watermark;
      sheet.addRow([safeCell(watermark)]).commit();
      sheet.addRow(HEADER).commit();
      inSheet = 0;
    };
    newSheet();
    for await (const r of rows) {
      if (inSheet === perSheet) newSheet();
      sheet!.addRow(cells(r, masked ? MASKED : UNMASKED)).commit();
      inSheet++;
      // Let a slow client set the pace instead of buffering the export in memory.
      while (out.readableLength > 4 * 1024 * 1024) await new Promise((res) => setTimeout(res, 5));
    }
    (sheet as ExcelJS.Worksheet | null)?.commit();
    await book.commit();
  })().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}
