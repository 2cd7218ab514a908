/**
 * 台账 (ledger) spreadsheets as communities keep them: which column means what,
 * where the header row is, and the words people write for relationships and
 * occupancy types. Pure rules, shared by the importer and the console.
 */
import { toHalfWidth } from './text.js';

export const LEDGER_FIELDS = [
  { key: 'name', label: '姓名', required: true, headers: ['姓名', '人员姓名', '居民姓名', '成员姓名', '名字'] },
  { key: 'docType', label: '证件类型', required: false, headers: ['证件类型', '证件种类'] },
  {
    key: 'docNumber',
    label: '证件号码',
    required: true,
    headers: ['身份证号', '身份证号码', '证件号码', '证件号', '公民身份号码', '身份证'],
  },
  {
    key: 'phone',
    label: '联系电话',
    required: false,
    headers: ['联系电话', '手机号', '手机号码', '电话', '电话号码', '联系方式'],
  },
  { key: 'gender', label: '性别', required: false, headers: ['性别'] },
  { key: 'birthDate', label: '出生日期', required: false, headers: ['出生日期', '出生年月', '生日'] },
  { key: 'grid', label: '网格', required: false, headers: ['网格', '所属网格', '网格名称'] },
  {
    key: 'courtyard',
    label: '小区/院落',
    required: true,
    headers: ['小区', '小区名称', '院落', '小区/院落', '小区（院落）', '小区(院落)', '院落名称', '居住小区'],
  },
  { key: 'building', label: '楼栋', required: false, headers: ['楼栋', '栋', '楼栋号', '栋号', '楼号'] },
  { key: 'unit', label: '单元', required: false, headers: ['单元', '单元号'] },
  { key: 'room', label: '房号', required: true, headers: ['房号', '门牌号', '房间号', '户号', '门牌'] },
  { key: 'headName', label: '户主姓名', required: false, headers: ['户主姓名', '户主'] },
  { key: 'relationship', label: '与户主关系', required: false, headers: ['与户主关系', '关系', '家庭关系'] },
  {
    key: 'occupancyType',
    label: '居住类型',
    required: false,
    headers: ['居住类型', '居住性质', '住房性质', '居住方式'],
  },
  { key: 'populationType', label: '人口类型', required: false, headers: ['人口类型', '人员类型', '人口性质'] },
  { key: 'hukouPlace', label: '户籍地', required: false, headers: ['户籍地', '户籍地址', '户籍所在地', '籍贯'] },
  { key: 'workUnit', label: '工作单位', required: false, headers: ['工作单位', '单位', '就业单位'] },
  { key: 'tags', label: '标签', required: false, headers: ['标签', '人员标签', '重点人群'] },
  { key: 'note', label: '备注', required: false, headers: ['备注', '说明'] },
] as const;

export type LedgerField = (typeof LEDGER_FIELDS)[number]['key'];

/** Header cells compared without spaces, punctuation or full-width forms. */
function canonical(header: string): string {
  return toHalfWidth(header)
    .replace(/[\s:：*＊()（）[\]【】]/g, '')
    .toLowerCase();
}

const BY_HEADER = new Map<string, LedgerField>(
  LEDGER_FIELDS.flatMap((f) => f.headers.map((h) => [canonical(h), f.key] as const)),
);

export function guessField(header: string): LedgerField | null {
  return BY_HEADER.get(canonical(header)) ?? null;
}

/**
 * The header row among the first rows of a sheet: the one where most cells name a
 * known column (title rows and merged group headings above it are skipped).
 */
export function findHeaderRow(rows: string[][]): { index: number; fields: (LedgerField | null)[] } | null {
  let best: { index: number; fields: (LedgerField | null)[]; hits: number } | null = null;
  rows.forEach((row, index) => {
    const fields = row.map((c) => (c ? guessField(c) : null));
    const hits = new Set(fields.filter(Boolean)).size;
    if (hits >= 3 && (!best || hits > best.hits)) best = { index, fields, hits };
  });
  return best
    ? { index: (best as { index: number }).index, fields: (best as { fields: (LedgerField | null)[] }).fields }
    : null;
}

const RELATIONSHIPS: Record<string, 'head' | 'spouse' | 'child' | 'parent' | 'other'> = {
  户主: 'head',
  本人: 'head',
  配偶: 'spouse',
  妻子: 'spouse',
  丈夫: 'spouse',
  妻: 'spouse',
  夫: 'spouse',
  子女: 'child',
  子: 'child',
  女: 'child',
  儿子: 'child',
  女儿: 'child',
  长子: 'child',
  次子: 'child',
  长女: 'child',
  次女: 'child',
  父母: 'parent',
  父亲: 'parent',
  母亲: 'parent',
  父: 'parent',
  母: 'parent',
  岳父: 'parent',
  岳母: 'parent',
  公公: 'parent',
  婆婆: 'parent',
  其他: 'other',
  孙子: 'other',
  孙女: 'other',
  兄弟: 'other',
  姐妹: 'other',
  租户: 'other',
  保姆: 'other',
};

export function parseRelationship(text: string): 'head' | 'spouse' | 'child' | 'parent' | 'other' | null {
  const t = text.trim();
  return t === '' ? null : (RELATIONSHIPS[t] ?? null);
}

const OCCUPANCY: Record<string, 'owned' | 'rented' | 'lodging' | 'temporary'> = {
  自有: 'owned',
  自住: 'owned',
  产权: 'owned',
  自有住房: 'owned',
  自购: 'owned',
  租住: 'rented',
  租赁: 'rented',
  出租: 'rented',
  租房: 'rented',
  承租: 'rented',
  寄居: 'lodging',
  借住: 'lodging',
  投亲靠友: 'lodging',
  临时: 'temporary',
  暂住: 'temporary',
  临时居住: 'temporary',
};

export function parseOccupancy(text: string): 'owned' | 'rented' | 'lodging' | 'temporary' | null {
  const t = text.trim();
  return t === '' ? null : (OCCUPANCY[t] ?? null);
}

const POPULATION: Record<string, 'registered' | 'floating' | 'overseas'> = {
  户籍: 'registered',
  户籍人口: 'registered',
  本地: 'registered',
  流动: 'floating',
  流动人口: 'floating',
  外来: 'floating',
  境外: 'overseas',
  境外人员: 'overseas',
};

export function parsePopulation(text: string): 'registered' | 'floating' | 'overseas' | null {
  const t = text.trim();
  return t === '' ? null : (POPULATION[t] ?? null);
}

/** A number Excel stored as a number, printed in scientific notation: its last digits are gone. */
export function looksLikeLostPrecision(text: string): boolean {
  return /^\d(\.\d+)?e\+?\d+$/i.test(text.trim());
}
