/**
 * The registration page's words: Chinese first, English on a switch. A local
 * dictionary and a tiny `t()` — no i18n library, to keep the page light. Field
 * reasons come from the shared domain catalogue (the server's own wording).
 */
import { DOMAIN_FIELD_REASONS, type Lang } from '../../domain/field-reasons.js';

export type { Lang };

const zh = {
  title: '家庭信息登记',
  langSwitch: 'EN',
  loading: '加载中…',
  responsible: '负责人',
  registered: '已登记过？修改信息',
  step_dwelling: '房屋',
  step_living: '居住',
  step_members: '成员',
  step_travel: '行程',
  step_health: '健康',
  step_confirm: '确认',
  next: '下一步',
  back: '上一步',
  submit: '确认提交',
  sending: '提交中…',
  retry: '重试',
  reload: '重新加载',
  fixErrors: '请按提示修改标红的内容',
  // Dwelling
  dwellingIntro: '请选择您家的房屋',
  courtyard: '小区 / 院落',
  building: '楼栋',
  unit: '单元',
  room: '房号',
  noUnit: '无单元',
  noBuilding: '散居房屋',
  treeEmpty: '该院落暂无房屋列表，请填写详细地址',
  treeFailed: '房屋列表加载失败',
  notListed: '房屋不在列表中',
  courtyardSearch: '输入小区/院落名称查找',
  courtyardNone: '没有名称相符的小区，可清空重新输入，或勾选“房屋不在列表中”',
  address: '详细地址',
  addressHint: '如：东华村3组12号，或××小区5栋2单元301',
  keepDwelling: '已选房屋（保持不变）',
  // Living
  livingIntro: '您家在这里的居住类型',
  living_owned: '自有住房',
  living_rented: '租住',
  living_lodging: '寄居（亲友家）',
  living_temporary: '临时居住',
  // Members
  membersIntro: '请填写全部家庭成员，户主排在第一位',
  head: '户主',
  member: '成员',
  addMember: '添加家庭成员',
  remove: '删除',
  name: '姓名',
  docType: '证件类型',
  docNumber: '证件号码',
  phone: '手机号',
  phoneOptional: '手机号（选填）',
  relationship: '与户主关系',
  hukouPlace: '户籍地',
  hukouHint: '如：四川省成都市龙泉驿区',
  localHukou: '成都本地户籍',
  gender: '性别',
  gender_male: '男',
  gender_female: '女',
  birthDate: '出生日期',
  notOnDocument: '该证件号码不含此项，请填写',
  rel_head: '户主',
  rel_spouse: '配偶',
  rel_child: '子女',
  rel_parent: '父母',
  rel_other: '其他',
  doc_resident_id: '居民身份证',
  doc_hmt_residence_permit: '港澳台居民居住证',
  doc_foreign_permanent_id: '外国人永久居留身份证',
  doc_passport: '护照',
  doc_other: '其他证件',
  maxMembers: '每户最多20人',
  // Travel
  travelQ: '近14天内家庭成员是否从外地返回？',
  yes: '是',
  no: '否',
  trip: '行程',
  addTrip: '添加一段行程',
  place: '来源地',
  otherPlace: '请填写地区',
  returnDate: '返回日期',
  transport: '交通方式',
  transportNo: '车次 / 航班 / 车牌',
  travellers: '同行的家庭成员',
  transport_train: '火车',
  transport_plane: '飞机',
  transport_coach: '大巴',
  transport_car: '自驾',
  transport_other: '其他',
  contactQ: '近14天内是否接触过确诊或疑似病例？',
  contactWho: '接触过的成员',
  lastContact: '最后接触日期',
  // Health
  healthIntro: '以下成员请填写今天的体温和症状',
  temperature: '体温（℃）',
  fever: '发热，请尽快联系负责人或就医',
  symptoms: '症状（没有可不选）',
  // Confirm
  confirmIntro: '请核对以下信息',
  edit: '修改',
  none: '无',
  // Done
  done: '登记成功',
  familyCode: '家庭码',
  editLink: '修改链接',
  copy: '复制',
  copied: '已复制',
  copyFailed: '请长按链接手动复制',
  screenshot: '请截图保存：凭家庭码和手机号可找回修改链接',
  openEdit: '查看或修改登记',
  another: '再登记一户',
  // Edit
  editTitle: '修改登记信息',
  version: '第{n}版',
  saved: '已保存第{n}版',
  saveEdit: '保存修改',
  continueEdit: '继续修改',
  status_new: '待审核',
  status_accepted: '已接收',
  status_rejected: '已退回',
  // Recover
  recoverTitle: '找回修改链接',
  recoverIntro: '输入登记成功时显示的家庭码和登记时填写的任一手机号',
  recover: '找回',
  backToForm: '返回登记',
  // Errors
  err_NETWORK: '网络不稳定，请重试',
  err_REG_CODE_INVALID: '二维码已失效或不存在，请联系负责人获取新的二维码',
  err_REG_CODE_PAUSED: '登记暂停中，请稍后再试或联系负责人',
  err_RATE_LIMITED: '提交过于频繁，请稍后再试',
  err_PAYLOAD_TOO_LARGE: '提交的内容过多，请精简后再试',
  err_VALIDATION_FAILED: '有内容填写有误，请按提示修改',
  err_REG_VERSION_STALE: '信息已在别处更新，请重新加载后再修改',
  err_REG_EDIT_LINK_INVALID: '修改链接无效或已更换，请用家庭码和手机号找回',
  err_REG_SUBMISSION_ID_TAKEN: '提交编号冲突，已重新生成，请再点一次提交',
  err_default: '服务暂时不可用，请稍后重试',
  badLink: '链接不完整，请重新扫描二维码',
  reason_required: '必填',
  reason_format: '格式不正确',
  reason_choose: '请选择',
};

const en: Record<keyof typeof zh, string> = {
  title: 'Family registration',
  langSwitch: '中文',
  loading: 'Loading…',
  responsible: 'Contact',
  registered: 'Registered already? Edit',
  step_dwelling: 'Home',
  step_living: 'Tenure',
  step_members: 'Family',
  step_travel: 'Travel',
  step_health: 'Health',
  step_confirm: 'Confirm',
  next: 'Next',
  back: 'Back',
  submit: 'Submit',
  sending: 'Sending…',
  retry: 'Retry',
  reload: 'Reload',
  fixErrors: 'Please correct the fields marked in red',
  dwellingIntro: 'Choose your home',
  courtyard: 'Compound',
  building: 'Building',
  unit: 'Unit',
  room: 'Room',
  noUnit: 'No unit',
  noBuilding: 'Houses',
  treeEmpty: 'No homes are listed here; write the full address',
  treeFailed: 'Could not load the list of homes',
  notListed: 'My home is not listed',
  courtyardSearch: 'Type a courtyard name to find it',
  courtyardNone: 'No courtyard has that name: clear the search, or tick "My home is not listed"',
  address: 'Full address',
  addressHint: 'e.g. Group 3 No. 12, Donghua village',
  keepDwelling: 'Chosen home (unchanged)',
  livingIntro: 'How does your family live here?',
  living_owned: 'Own home',
  living_rented: 'Rented',
  living_lodging: 'Lodging with relatives/friends',
  living_temporary: 'Temporary',
  membersIntro: 'List every family member, the head of household first',
  head: 'Head',
  member: 'Member',
  addMember: 'Add a family member',
  remove: 'Remove',
  name: 'Name',
  docType: 'Document type',
  docNumber: 'Document number',
  phone: 'Mobile',
  phoneOptional: 'Mobile (optional)',
  relationship: 'Relationship to head',
  hukouPlace: 'Registered residence (hukou)',
  hukouHint: 'e.g. Longquanyi, Chengdu, Sichuan',
  localHukou: 'Chengdu hukou',
  gender: 'Gender',
  gender_male: 'Male',
  gender_female: 'Female',
  birthDate: 'Date of birth',
  notOnDocument: 'This document number does not show it; please fill it in',
  rel_head: 'Head',
  rel_spouse: 'Spouse',
  rel_child: 'Child',
  rel_parent: 'Parent',
  rel_other: 'Other',
  doc_resident_id: 'Resident ID card',
  doc_hmt_residence_permit: 'HK/Macao/Taiwan residence permit',
  doc_foreign_permanent_id: 'Foreign permanent residence ID',
  doc_passport: 'Passport',
  doc_other: 'Other document',
  maxMembers: 'At most 20 people per household',
  travelQ: 'Has anyone in the family come back from elsewhere in the last 14 days?',
  yes: 'Yes',
  no: 'No',
  trip: 'Trip',
  addTrip: 'Add a trip',
  place: 'Coming from',
  otherPlace: 'Which place',
  returnDate: 'Arrived back on',
  transport: 'Transport',
  transportNo: 'Train / flight / plate',
  travellers: 'Who travelled',
  transport_train: 'Train',
  transport_plane: 'Plane',
  transport_coach: 'Coach',
  transport_car: 'Car',
  transport_other: 'Other',
  contactQ: 'Has anyone been in contact with a confirmed or suspected case in the last 14 days?',
  contactWho: 'Who had contact',
  lastContact: 'Last contact on',
  healthIntro: "Today's temperature and symptoms for these members",
  temperature: 'Temperature (°C)',
  fever: 'Fever: contact the responsible person or a doctor soon',
  symptoms: 'Symptoms (leave empty if none)',
  confirmIntro: 'Please check the information',
  edit: 'Edit',
  none: 'None',
  done: 'Registered',
  familyCode: 'Family code',
  editLink: 'Edit link',
  copy: 'Copy',
  copied: 'Copied',
  copyFailed: 'Long-press the link to copy it',
  screenshot: 'Take a screenshot: the family code and a phone number recover the edit link',
  openEdit: 'View or edit the registration',
  another: 'Register another family',
  editTitle: 'Edit registration',
  version: 'version {n}',
  saved: 'Version {n} saved',
  saveEdit: 'Save changes',
  continueEdit: 'Keep editing',
  status_new: 'Awaiting review',
  status_accepted: 'Accepted',
  status_rejected: 'Returned',
  recoverTitle: 'Recover the edit link',
  recoverIntro: 'Enter the family code shown after registering and a phone number you gave',
  recover: 'Recover',
  backToForm: 'Back to the form',
  err_NETWORK: 'The connection is unstable; please retry',
  err_REG_CODE_INVALID: 'This QR code is no longer valid; ask the responsible person for a new one',
  err_REG_CODE_PAUSED: 'Registration is paused; try later or contact the responsible person',
  err_RATE_LIMITED: 'Too many attempts; try again later',
  err_PAYLOAD_TOO_LARGE: 'Too much content; shorten it and retry',
  err_VALIDATION_FAILED: 'Some answers need correcting; see the marks',
  err_REG_VERSION_STALE: 'This registration was changed elsewhere; reload before editing',
  err_REG_EDIT_LINK_INVALID:
    'This edit link is not valid (or was replaced); recover it with the family code and a phone number',
  err_REG_SUBMISSION_ID_TAKEN: 'The submission id clashed and was renewed; tap submit again',
  err_default: 'The service is unavailable; try again later',
  badLink: 'The link is incomplete; scan the QR code again',
  reason_required: 'Required',
  reason_format: 'Wrong format',
  reason_choose: 'Please choose',
};

export type Key = keyof typeof zh;
const LANG_KEY = 'ss-reg:lang';

function initialLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export let lang: Lang = initialLang();

export function setLang(next: Lang): void {
  lang = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(LANG_KEY, next);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

export function t(key: Key, vars?: Record<string, string | number>): string {
  let s = (lang === 'en' ? en : zh)[key];
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replace(`{${k}}`, String(v));
  return s;
}

/** Whether a key exists (error codes come from the server). */
export function has(key: string): key is Key {
  return key in zh;
}

/** The message for a field reason: the domain catalogue first, then the page's own. */
export function reasonText(reason: string): string {
  const m = DOMAIN_FIELD_REASONS[reason];
  if (m) return m[lang];
  const k = `reason_${reason}`;
  return has(k) ? t(k) : t('reason_format');
}
