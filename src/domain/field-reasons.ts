/**
 * Why a field was refused, in both languages, for the rules that live in the domain
 * (documents, phones, temperatures, the self-registration form). The server's error
 * catalogue includes these; phone pages show them inline without asking the server.
 */
export type Lang = 'zh-CN' | 'en';
export type Messages = Record<Lang, string>;

export const DOMAIN_FIELD_REASONS: Record<string, Messages> = {
  empty: { 'zh-CN': '必填', en: 'is required' },
  checksum: { 'zh-CN': '校验位不正确，请核对号码', en: 'has a wrong check character; check the number' },
  birth_date_invalid: { 'zh-CN': '出生日期不存在', en: 'contains a birth date that does not exist' },
  birth_date_future: { 'zh-CN': '出生日期晚于今天', en: 'contains a birth date in the future' },
  birth_date_too_old: { 'zh-CN': '出生日期过早', en: 'contains an implausibly early birth date' },
  hmt_number_as_resident_id: {
    'zh-CN': '这是港澳台居民居住证号码，请选择对应证件类型',
    en: 'is a Hong Kong/Macao/Taiwan residence permit number; choose that document type',
  },
  foreign_number_as_resident_id: {
    'zh-CN': '这是外国人永久居留身份证号码，请选择对应证件类型',
    en: 'is a foreign permanent residence card number; choose that document type',
  },
  not_hmt_number: {
    'zh-CN': '港澳台居民居住证号码应以810000、820000或830000开头',
    en: 'must start with 810000, 820000 or 830000',
  },
  not_foreign_number: { 'zh-CN': '外国人永久居留身份证号码应以9开头', en: 'must start with 9' },
  phone_format: {
    'zh-CN': '电话号码格式不正确（手机11位，或带区号的固定电话）',
    en: 'is not a mobile number or a landline with its area code',
  },
  required_for_measure: { 'zh-CN': '该管控措施须填写', en: 'is required for this measure' },
  not_for_measure: { 'zh-CN': '该管控措施不需要此项', en: 'does not apply to this measure' },
  future_day: { 'zh-CN': '不能晚于今天', en: 'cannot be later than today' },
  too_far_back: { 'zh-CN': '超出可补录的天数', en: 'is too far in the past' },
  temperature_range: { 'zh-CN': '体温须在34.0–42.5℃之间', en: 'must be between 34.0 and 42.5 °C' },
  temperature_precision: { 'zh-CN': '体温保留一位小数', en: 'takes one decimal place' },
  unknown_symptom: { 'zh-CN': '不在症状列表中', en: 'is not a listed symptom' },
  // The self-registration form (src/domain/self-registration.ts).
  one_head: {
    'zh-CN': '每户须有且只有一名户主，且排在第一位',
    en: 'needs exactly one head of household, listed first',
  },
  duplicate_document: { 'zh-CN': '同一证件号码填写了两次', en: 'appears twice in this family' },
  name: { 'zh-CN': '请填写2–30个字的姓名', en: 'must be a name of 2–30 characters' },
  required_health: { 'zh-CN': '请填写今天的体温', en: "today's temperature is needed for this person" },
  return_after_today: { 'zh-CN': '返回日期不能晚于今天', en: 'cannot be after today' },
  return_too_old: { 'zh-CN': '只需填写近30天内的行程', en: 'only trips of the last 30 days are asked for' },
  unknown_member: { 'zh-CN': '请选择本户的成员', en: 'must name members of this household' },
  unknown_place: {
    'zh-CN': '请从列表中选择地区，或选择“其他地区”并填写',
    en: 'choose a listed place, or "other" and write it',
  },
  gender_needed: { 'zh-CN': '证件号码不含性别，请选择', en: 'is needed: the document number does not carry it' },
  birth_date_needed: {
    'zh-CN': '证件号码不含出生日期，请填写',
    en: 'is needed: the document number does not carry it',
  },
  date_not_real: { 'zh-CN': '日期不存在', en: 'is not a real date' },
  too_early: { 'zh-CN': '日期过早', en: 'is implausibly early' },
  address_needed: { 'zh-CN': '请选择房屋，或填写详细地址', en: 'choose a dwelling or write the full address' },
  // Names of persons and places (src/domain/names.ts).
  name_empty: {
    'zh-CN': '没有可见的文字或数字（不能只有空格、符号或不可见字符）',
    en: 'has no visible letter or digit (only spaces, symbols or invisible characters)',
  },
  invisible_character: {
    'zh-CN': '含有不可见的字符（如零宽空格、文字方向控制符），请删除后重新输入',
    en: 'contains an invisible character (a zero-width space, a text-direction override …); delete it and type again',
  },
  control_character: {
    'zh-CN': '含有不可见的控制字符，请删除后重试',
    en: 'contains an invisible control character; remove it and retry',
  },
  invalid_character: {
    'zh-CN': '含有无效的字符，请删除后重新输入',
    en: 'contains an invalid character (a noncharacter or half of a surrogate pair); delete it and type again',
  },
};
