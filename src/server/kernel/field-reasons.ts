/**
 * The texts of field reasons: one per reason code, zh-CN and English (the domain's own
 * reasons included). `fieldProblem` in errors.ts picks from here.
 */
import { DOMAIN_FIELD_REASONS, type Messages } from '../../domain/field-reasons.js';

export const FIELD_REASONS: Record<string, Messages> = {
  required: { 'zh-CN': '必填', en: 'is required' },
  too_short: { 'zh-CN': '长度不足', en: 'is too short' },
  too_long: { 'zh-CN': '超出长度限制', en: 'is too long' },
  format: { 'zh-CN': '格式不正确', en: 'has the wrong format' },
  needs_letter_and_digit: { 'zh-CN': '须同时包含字母和数字', en: 'must contain letters and digits' },
  same_as_username: { 'zh-CN': '不能包含用户名', en: 'must not contain the username' },
  parent_prefix: { 'zh-CN': '代码须以上级区划代码开头', en: "must start with the parent area's code" },
  street_range: { 'zh-CN': '街道/镇/乡代码末三位须在001–399之间', en: 'street/town code must end in 001–399' },
  community_range: { 'zh-CN': '社区/村代码末三位须在001–399之间', en: 'community/village code must end in 001–399' },
  grid_range: { 'zh-CN': '网格序号须大于000', en: 'grid sequence must be above 000' },
  vintage_range: { 'zh-CN': '代码版本年份不合理', en: 'the code vintage year is out of range' },
  mobile: { 'zh-CN': '手机号码格式不正确', en: 'is not a valid mainland mobile number' },
  invalid: { 'zh-CN': '取值不正确', en: 'is invalid' },
  weak_secret: {
    'zh-CN': '编辑密钥不够随机，请刷新页面后重新提交',
    en: 'The edit secret is not random enough; reload the page and submit again',
  },
  upload_removed: {
    'zh-CN': '该文件已按规定删除（导入已结束或超过保存期限），请重新上传',
    en: 'The file has been deleted (its import ended or its retention passed); upload it again',
  },
  unstorable_text: {
    'zh-CN': '含有无法保存的字符',
    en: 'contains a character that cannot be stored',
  },
  username: {
    'zh-CN': '须为3–40位小写字母、数字或 . _ -，以字母或数字开头',
    en: 'must be 3–40 lowercase letters, digits, . _ or -, starting with a letter or digit',
  },
  digits_only: { 'zh-CN': '只能包含数字', en: 'must contain digits only' },
  area_id: { 'zh-CN': '区域编号格式不正确', en: 'is not an area id' },
  before_start: { 'zh-CN': '结束日期不能早于开始日期', en: 'cannot be before the start date' },
  conflict: { 'zh-CN': '与已有记录冲突', en: 'conflicts with an existing record' },
  wrong_password: { 'zh-CN': '当前密码不正确', en: 'is not the current password' },
  role_scope: { 'zh-CN': '该角色不能分配到这一层级的区域', en: 'does not fit the level of the chosen area' },
  ...DOMAIN_FIELD_REASONS,
  unknown_field: { 'zh-CN': '不允许的字段', en: 'is not an accepted field' },

  // ── platform ──
  same_as_current: { 'zh-CN': '新密码不能与当前密码相同', en: 'must differ from the current password' },

  // ── registry ──
  building_required: {
    'zh-CN': '小区的户室须属于某一楼栋（散居院落除外）',
    en: 'is required: only rural scattered courtyards hold dwellings directly',
  },
  person_not_in_scope: { 'zh-CN': '人员不存在或不在管辖范围内', en: 'no such person in your area' },
  in_other_household: {
    'zh-CN': '该人员仍是另一户的成员，请先办理迁出',
    en: 'still belongs to another household; record their leaving first',
  },
  both_in_households: {
    'zh-CN': '两条记录都仍在户中，请先办理其中一条的迁出',
    en: 'both records still belong to a household; record one of them leaving first',
  },
  not_living_anywhere: { 'zh-CN': '该户当前没有居住记录', en: 'the household has no current dwelling' },
  not_after_current: {
    'zh-CN': '迁入日期须晚于现住址的入住日期',
    en: 'must be after the start of the current occupancy',
  },
  transfer_pending: { 'zh-CN': '已有待审批的迁入申请', en: 'a transfer request is already waiting for approval' },
  already_decided: { 'zh-CN': '该申请已处理', en: 'has already been decided' },
  grid_or_community: { 'zh-CN': '请选择一个网格或社区/村', en: 'choose a grid or a community/village' },
  duplicate_field: { 'zh-CN': '同一字段对应了多列', en: 'a field is mapped to more than one column' },
  missing_required: { 'zh-CN': '缺少必需的列', en: 'required columns are missing' },
  no_header: {
    'zh-CN': '未能识别表头：请确认前 15 行中有"姓名、身份证号码、小区、房号"等列名',
    en: 'no header row found in the first 15 rows (姓名, 身份证号码, 小区, 房号 …)',
  },
  unsupported_type: {
    'zh-CN': '仅支持 .xlsx 或 .csv 文件（旧版 .xls 请另存为 .xlsx）',
    en: 'only .xlsx or .csv files (save old .xls files as .xlsx)',
  },
  too_large: { 'zh-CN': '文件超过 50 MB', en: 'the file is larger than 50 MB' },
  empty_file: { 'zh-CN': '文件是空的', en: 'the file is empty' },
  unreadable: {
    'zh-CN': '文件无法读取，可能已损坏：请用 Excel 打开后另存为 .xlsx 再上传',
    en: 'the file cannot be read (damaged?); open it in Excel and save it as .xlsx again',
  },
  too_many_rows: { 'zh-CN': '区域文件最多 20,000 行', en: 'at most 20,000 areas per file' },
  cell_too_long: {
    'zh-CN': '第 {row} 行 {column} 列的单元格超过 {max} 个字符',
    en: 'the cell in row {row}, column {column} is longer than {max} characters',
  },
  too_many_columns: { 'zh-CN': '第 {row} 行超过 {max} 列', en: 'row {row} has more than {max} columns' },
  text_too_long: {
    'zh-CN': '文件中有超过 {max} 个字符的单元格或文字，不像是台账：请检查后重新保存再上传',
    en: 'the file holds a cell or text far longer than {max} characters; check it, save it again and upload',
  },
  file_too_expanded: {
    'zh-CN': '文件解压后超过 {max} MB（.xlsx 是压缩文件）：请只保留台账工作表，另存后再上传',
    en: 'unpacks to more than {max} MB (an .xlsx is a zip archive); keep only the ledger sheet, save and upload again',
  },
  compressed_too_much: {
    'zh-CN': '文件中的 {part} 压缩比超过 {ratio}:1，疑似“压缩炸弹”，已拒绝',
    en: 'its part {part} is compressed more than {ratio}:1, as a zip bomb is; refused',
  },
  too_many_entries: {
    'zh-CN': '压缩包内的文件超过 {max} 个，不像是台账工作簿',
    en: 'the archive holds more than {max} parts; not a ledger workbook',
  },
  no_area_columns: { 'zh-CN': '未找到"区划代码"和"名称"列', en: 'no 区划代码 and 名称 columns found' },

  // ── health ──
  no_retroactive: {
    'zh-CN': '只能从今天或以后生效，不能改变过去',
    en: 'takes effect today or later; never in the past',
  },
  unknown: { 'zh-CN': '没有这个人员类别或状态', en: 'no such category or status' },
  before_from: { 'zh-CN': '须晚于开始日期', en: 'must be after the start' },
  already_ended: { 'zh-CN': '该类别已于 {day} 停用', en: 'the category ended on {day}' },
  unknown_category: { 'zh-CN': '没有这个人员类别', en: 'no such category' },
  category_not_in_force: {
    'zh-CN': '该类别适用于 {from} 至 {until}，这一天不在其内',
    en: 'the category is in force from {from} until {until}, not on that day',
  },
  not_later: { 'zh-CN': '须晚于 {day}', en: 'must be after {day}' },
  final: { 'zh-CN': '检测结果已确定，不能修改', en: 'the result is final and cannot change' },
  period_not_complete: { 'zh-CN': '管控期未满', en: 'the period is not complete' },
  recent_symptoms: { 'zh-CN': '近期有发热或症状', en: 'fever or symptoms in the last days' },
  tests_missing: {
    'zh-CN': '核酸检测阴性次数不足（须间隔足够时间）',
    en: 'not enough negative tests, far enough apart',
  },
  positive_test: { 'zh-CN': '有阳性检测结果', en: 'a test came back positive' },
  not_head: { 'zh-CN': '只有户主可以为全家打卡', en: 'only the household head reports for the household' },
  duplicate_label: { 'zh-CN': '房间号“{label}”重复', en: 'room “{label}” appears twice' },
  hospital_only: { 'zh-CN': '只有定点医院有床位数', en: 'only hospitals have a number of beds' },
  isolation_site_only: { 'zh-CN': '只有集中隔离点有房间', en: 'only isolation sites have rooms' },
  below_occupancy: {
    'zh-CN': '不能少于当前已安置的{placed}人',
    en: 'cannot be below the {placed} persons placed there now',
  },
  not_in_site: { 'zh-CN': '该房间不属于这个隔离点', en: 'is not a room of this site' },
  not_community: { 'zh-CN': '日报告按社区/村填报', en: 'reports are filed per community or village' },
  id_reused: { 'zh-CN': '该编号已用于另一份日报告', en: 'this id already belongs to another report' },
  report_day_closed: { 'zh-CN': '只能填报今天或昨天的日报告', en: 'reports are filed for today or yesterday only' },

  // ── self-registration ──
  expiry_past: { 'zh-CN': '有效期不能早于今天', en: 'cannot end before today' },
  too_far: { 'zh-CN': '有效期最长一年', en: 'a code lasts a year at most' },
  campaign_only: {
    'zh-CN': '只有区级工作人员可以要求所有人填写健康信息',
    en: 'only district staff may ask everyone for health answers',
  },
  code_scope: { 'zh-CN': '请选择社区（村）、网格或院落', en: 'choose a community, grid or courtyard' },
  code_revoked: {
    'zh-CN': '二维码已作废，不能再修改或启用',
    en: 'the code is revoked for good: it cannot be changed or used again',
  },
  out_of_scope: { 'zh-CN': '不在该二维码的登记范围内', en: 'is outside the area of this code' },
  registered_elsewhere: {
    'zh-CN': '该成员已在其他地区登记：请跳过，或先申请迁入',
    en: 'is registered elsewhere: skip them, or request a transfer first',
  },
};
