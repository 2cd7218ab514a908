/**
 * The Chinese texts that end up in users' files and tables: why a ledger row was
 * refused or warned about (the error report), why an area row was refused (the area
 * import's answer), and the report's own labels. One table, so a wording is changed
 * in one place; the bilingual field refusals are in the error catalogue.
 */
import { FIELD_REASONS } from '../../../kernel/errors.js';

/** Why a ledger row was refused or warned about. */
export const ROW_REASONS = {
  required: '必填项为空',
  unknownDocType: '无法识别的证件类型，按居民身份证处理',
  lostPrecision: 'Excel 将证件号码存成了数字，末尾数字已丢失；请把该列设为"文本"格式、重新填写后再导入',
  legacyId: '15 位旧身份证号，已升级为 18 位',
  unknownRegion: '地址码不在已知省份中，请核实',
  /** A document problem (a field reason of the catalogue), as the report says it. */
  document: (reason: string) => `证件号码${FIELD_REASONS[reason]?.['zh-CN'] ?? '格式不正确'}`,
  /** A name the shared name rules refuse (an invisible character, nothing visible, too long …). */
  name: (reason: string) => FIELD_REASONS[reason]?.['zh-CN'] ?? '格式不正确',
  phone: '电话号码格式不正确，未导入该电话',
  unknownRelationship: '无法识别的与户主关系，按"其他"处理',
  unknownOccupancy: '无法识别的居住类型，按"自有"处理',
  noSuchGrid: '所选社区下没有这个网格',
  gridNeeded: '导入到社区时须有"网格"列',
  duplicateRow: (row: number) => `与第 ${row} 行重复`,
  refusedByDatabase: (why: string) => `数据库拒绝了该行：${why}`,
  registeredElsewhere: '该人员已在本区其他网格登记，可在系统中申请迁入',
  inOtherHousehold: '该人员仍是另一户的成员，请先办理迁出',
} as const;

/** Column names the report uses when the ledger's own header is not known. */
export const LEDGER_COLUMNS = { grid: '网格', docNumber: '证件号码' } as const;

/** The error report's header and row kinds. */
export const REPORT = {
  header: ['行号', '列', '值', '原因', '类型'],
  error: '未导入',
  warning: '已导入（提示）',
  sheet: '错误报告',
  filename: (jobId: string, format: string) => `导入错误报告-${jobId.slice(0, 8)}.${format}`,
} as const;

/** Why a row of an area import was refused, and the columns it names. */
export const AREA_REASONS = {
  code: '代码须为 6、9、12 或 15 位数字',
  name: '名称为空或过长',
  vintage: '版本年份不合理',
  outOfScope: '该区域不在您的管辖范围内',
  district: '不能通过导入新建区县',
  codeMismatch: '代码与层级或上级代码不符',
  noParent: (parentCode: string) => `上级区域 ${parentCode} 不存在或不在您的管辖范围内`,
} as const;
export const AREA_COLUMNS = { code: '区划代码', name: '名称', vintage: '版本' } as const;
