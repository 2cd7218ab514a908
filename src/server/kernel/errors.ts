/**
 * The one error catalogue: stable codes, HTTP status, zh-CN and English messages.
 * Services throw AppError with a code; the error handler renders it.
 */
import type { Lang, Messages } from '../../domain/field-reasons.js';
import { FIELD_REASONS } from './field-reasons.js';

export type { Lang, Messages } from '../../domain/field-reasons.js';

export const ERRORS = {
  VALIDATION_FAILED: {
    status: 400,
    'zh-CN': '提交的内容有误，请检查标出的字段',
    en: 'Some fields are invalid; see the listed fields',
  },
  BAD_REQUEST: { status: 400, 'zh-CN': '请求格式有误', en: 'The request is malformed' },
  UNAUTHENTICATED: { status: 401, 'zh-CN': '请先登录', en: 'Please sign in' },
  SESSION_EXPIRED: {
    status: 401,
    'zh-CN': '登录已过期，请重新登录',
    en: 'Your session has expired; please sign in again',
  },
  INVALID_CREDENTIALS: { status: 401, 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  /** One client address, one username (known or not): the same answer either way, the account untouched. */
  SIGN_IN_PAUSED: {
    status: 429,
    'zh-CN': '此设备登录失败次数过多，请稍后再试',
    en: 'Too many failed sign-ins from this device; try again later',
  },
  WRONG_PASSWORD: { status: 422, 'zh-CN': '当前密码不正确', en: 'The current password is wrong' },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    'zh-CN': '请先修改初始密码',
    en: 'Please change your initial password first',
  },
  CSRF_TOKEN_INVALID: {
    status: 403,
    'zh-CN': '页面已失效，请刷新后重试',
    en: 'The page is out of date (CSRF check failed); reload and try again',
  },
  FORBIDDEN: { status: 403, 'zh-CN': '您没有执行此操作的权限', en: 'You are not allowed to do this' },
  NOT_FOUND: { status: 404, 'zh-CN': '记录不存在或不在您的管辖范围内', en: 'Not found, or outside your area' },
  ROUTE_NOT_FOUND: { status: 404, 'zh-CN': '接口不存在', en: 'No such endpoint' },
  CONFLICT: { status: 409, 'zh-CN': '与已有记录冲突', en: 'Conflicts with an existing record' },
  USERNAME_TAKEN: { status: 409, 'zh-CN': '用户名已被使用', en: 'That username is taken' },
  AREA_CODE_TAKEN: {
    status: 409,
    'zh-CN': '同一版本年份下该区划代码已存在',
    en: 'That area code already exists for this vintage',
  },
  AREA_HAS_DATA: {
    status: 409,
    'zh-CN': '该区域已有数据，不能删除，只能撤销',
    en: 'The area holds data: retire it instead of deleting it',
  },
  AREA_HAS_ACTIVE_CHILDREN: { status: 409, 'zh-CN': '请先撤销其下级区域', en: 'Retire its sub-areas first' },
  AREA_HAS_ACTIVE_USERS: {
    status: 409,
    'zh-CN': '该区域仍有在用账号，请先调整或停用',
    en: 'Active accounts still belong to this area; reassign or disable them first',
  },
  AREA_RETIRED: { status: 409, 'zh-CN': '该区域已撤销', en: 'The area is retired' },
  AREA_LEVEL_MISMATCH: { status: 422, 'zh-CN': '区域层级与上级不匹配', en: 'This level cannot sit under that parent' },
  ROLE_SCOPE_MISMATCH: {
    status: 422,
    'zh-CN': '该角色不能分配到这一层级的区域',
    en: 'This role cannot be scoped to an area of that level',
  },
  CANNOT_CHANGE_SELF: {
    status: 409,
    'zh-CN': '不能停用或降级自己的账号',
    en: 'You cannot disable or demote your own account',
  },
  PERSON_EXISTS: {
    status: 409,
    'zh-CN': '该证件号码已登记，请查看已有记录',
    en: 'A person with this document is already registered; open the existing record',
  },
  PERSON_REGISTERED_ELSEWHERE: {
    status: 409,
    'zh-CN': '该人员已在本区其他网格登记，可申请迁入',
    en: 'This person is registered elsewhere in the district; you can request a transfer',
  },
  FIELD_NOT_REVEALABLE: {
    status: 403,
    'zh-CN': '您的角色不能查看该字段的完整内容',
    en: 'Your role may not reveal this field',
  },
  JOB_NOT_CANCELLABLE: {
    status: 409,
    'zh-CN': '任务已结束，无法取消',
    en: 'The job has finished and cannot be cancelled',
  },
  NOT_A_KEY_PERSON: {
    status: 422,
    'zh-CN': '该人员不是重点人员（无人员类别、状态或管控措施），不能记录健康信息',
    en: 'This person is not a key person (no category, status or measure): health records cannot be kept',
  },
  MEASURE_ACTIVE: {
    status: 409,
    'zh-CN': '该人员已有正在执行的管控措施，请变更或延长现有措施',
    en: 'The person is already under a measure; change or extend it instead',
  },
  MEASURE_ENDED: { status: 409, 'zh-CN': '该管控措施已结束', en: 'The measure has already ended' },
  NO_RULE_APPLIES: {
    status: 422,
    'zh-CN': '按当日规则，该人员类别和状态不需要管控措施',
    en: 'Under the rules in force that day, these categories and status call for no measure',
  },
  RELEASE_BLOCKED: { status: 409, 'zh-CN': '尚不满足解除条件', en: 'The release conditions are not met yet' },
  NOT_UNDER_MEASURE: {
    status: 422,
    'zh-CN': '该人员当天没有管控措施，无需健康打卡',
    en: 'The person is under no measure that day: no check-in is needed',
  },
  ISOLATION_ROOM_FULL: { status: 409, 'zh-CN': '该隔离房间已满', en: 'The isolation room is full' },
  HOSPITAL_FULL: { status: 409, 'zh-CN': '该定点医院床位已满', en: 'The hospital has no free bed' },
  BED_TAKEN: { status: 409, 'zh-CN': '该床位已有人', en: 'That bed is taken' },
  CHECKIN_LINK_INVALID: {
    status: 404,
    'zh-CN': '打卡链接无效或已过期，请联系网格员',
    en: 'The check-in link is invalid or has expired; contact your grid worker',
  },
  CHECKIN_LINK_REVOKED: {
    status: 410,
    'zh-CN': '该打卡链接已被工作人员停用，请联系网格员获取新的链接',
    en: 'This check-in link has been revoked by staff; ask your grid worker for a new one',
  },
  NOT_ALERT_RECIPIENT: { status: 404, 'zh-CN': '提醒不存在或不在您的收件箱中', en: 'No such alert in your inbox' },
  CARE_SITE_RETIRED: { status: 409, 'zh-CN': '该隔离点或医院已停用', en: 'The site has been retired' },
  CAPACITY_BELOW_OCCUPANCY: {
    status: 409,
    'zh-CN': '容量不能低于当前在住人数',
    en: 'A capacity cannot go below the persons placed there now',
  },
  CARE_SITE_OCCUPIED: {
    status: 409,
    'zh-CN': '仍有人员在此隔离或住院，不能停用',
    en: 'Persons are still placed at the site: it cannot be retired',
  },
  ALERT_HANDLED: { status: 409, 'zh-CN': '该提醒已处理', en: 'The alert has already been handled' },
  REG_CODE_INVALID: {
    status: 404,
    'zh-CN': '二维码无效或已过期，请联系张贴二维码的工作人员',
    en: 'This registration code is invalid or has expired; contact the staff who posted it',
  },
  REG_CODE_PAUSED: {
    status: 409,
    'zh-CN': '该二维码已暂停登记，请稍后再试或联系工作人员',
    en: 'Registration with this code is paused; try later or contact the staff',
  },
  REG_CODE_NOT_REPRINTABLE: {
    status: 409,
    'zh-CN':
      '该二维码生成于系统改为只保存令牌摘要之前（或密钥已更换），无法重新打印；已张贴的海报仍可使用，如需新海报请新建二维码',
    en: 'This code was made before its token was stored hashed (or under another secret) and cannot be printed again; posted copies still work — create a new code for new posters',
  },
  REG_OUT_OF_SCOPE: {
    status: 422,
    'zh-CN': '所选房屋不在该二维码的登记范围内',
    en: 'The chosen dwelling is outside the area of this code',
  },
  REG_SUBMISSION_ID_TAKEN: {
    status: 409,
    'zh-CN': '提交编号已被使用，请刷新页面后重新提交',
    en: 'This submission id is already in use; reload the page and submit again',
  },
  REG_EDIT_LINK_INVALID: {
    status: 404,
    'zh-CN': '修改链接无效，请用家庭码和手机号找回',
    en: 'The edit link is invalid; recover it with the family code and phone number',
  },
  REG_RECOVER_FAILED: { status: 404, 'zh-CN': '家庭码或手机号不正确', en: 'The family code or phone number is wrong' },
  REG_VERSION_STALE: {
    status: 409,
    'zh-CN': '登记信息已被更新，请刷新后再修改',
    en: 'The registration has changed since you opened it; reload and edit again',
  },
  REG_NEEDS_DWELLING: {
    status: 422,
    'zh-CN': '该户填写的地址不在房屋列表中，请先选择对应的房屋',
    en: 'The family wrote an address that is not listed: choose the dwelling first',
  },
  REG_ALREADY_DECIDED: {
    status: 409,
    'zh-CN': '该登记的这一版本已审核',
    en: 'This version of the submission has already been decided',
  },
  REG_NOT_ACCEPTED: {
    status: 409,
    'zh-CN': '请先接收该登记，成员进入登记库后才能落实管控措施',
    en: 'Accept the submission first: a measure needs the member in the registry',
  },
  REG_NOT_PROPOSED: {
    status: 422,
    'zh-CN': '按该成员的填报内容和当日规则，不需要管控措施',
    en: "Under the member's answers and the rules in force, no measure is proposed",
  },
  REFERENCE_NOT_FOUND: { status: 422, 'zh-CN': '引用的记录不存在', en: 'A referenced record does not exist' },
  RATE_LIMITED: { status: 429, 'zh-CN': '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  UPLOAD_BUSY: {
    status: 429,
    'zh-CN': '已有文件正在上传，请等其完成后再试',
    en: 'Other uploads of yours are still in progress; try again when they finish',
  },
  UPLOAD_TOO_SLOW: {
    status: 408,
    'zh-CN': '文件上传太慢或中断，已停止接收，请检查网络后重新上传',
    en: 'The upload was too slow or stalled and was stopped; check the connection and upload again',
  },
  PAYLOAD_TOO_LARGE: { status: 413, 'zh-CN': '提交的内容过大', en: 'The request body is too large' },
  DATABASE_UNAVAILABLE: { status: 503, 'zh-CN': '数据库暂时不可用', en: 'The database is unavailable' },
  INTERNAL: {
    status: 500,
    'zh-CN': '服务器内部错误，请联系管理员并提供请求编号',
    en: 'Internal error; contact support with the request id',
  },
} as const satisfies Record<string, { status: number } & Messages>;

export type ErrorCode = keyof typeof ERRORS;

/** Why one field was refused. Reasons are stable codes with both languages. */
export interface FieldProblem {
  field: string;
  reason: string;
  messages: Messages;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly fields: FieldProblem[] = [],
    readonly details?: Record<string, unknown>,
  ) {
    super(ERRORS[code].en);
    this.status = ERRORS[code].status;
  }
}

/**
 * Returned — not thrown — by a write handler that refuses but must keep what it wrote
 * (a failed sign-in: the failure count and its audit rows): the request's transaction
 * commits, then the request is answered with `error`. Thrown, the error would roll
 * the evidence back; written apart, it would need a second pool connection while the
 * request holds one.
 */
export class Refusal {
  constructor(readonly error: AppError) {}
}

export const notFound = () => new AppError('NOT_FOUND');
export const forbidden = () => new AppError('FORBIDDEN');

export { FIELD_REASONS } from './field-reasons.js';

/**
 * A field's problem, its texts from the catalogue; `{name}` in them is filled from
 * `values` (the date, count or label that makes the message clear).
 */
export function fieldProblem(
  field: string,
  reason: string,
  values: Record<string, string | number> = {},
): FieldProblem {
  const texts = FIELD_REASONS[reason] ?? FIELD_REASONS.invalid!;
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (all, key: string) => String(values[key] ?? all));
  return { field, reason, messages: { 'zh-CN': fill(texts['zh-CN']), en: fill(texts.en) } };
}

export function validationError(problems: FieldProblem[]): AppError {
  return new AppError('VALIDATION_FAILED', problems);
}

export function pickLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'zh-CN';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}
