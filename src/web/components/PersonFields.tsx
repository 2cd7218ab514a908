/**
 * A person's identity fields (姓名, 证件类型/号码, 电话, 性别, 出生日期, 人口类型 …)
 * for any form: the person form, a registration member, a household's new member.
 * The document number is checked as it is typed with the shared domain rules;
 * a valid number fills in gender and birth date. Leaving a valid number asks where it
 * is known (audited): elsewhere in the district, or only "in another district".
 */
import { Alert, Col, DatePicker, Form, Input, Radio, Row, Select, Typography } from 'antd';
import type { FormInstance, RadioChangeEvent } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { api } from '../api/client.js';
import type { CreatePersonBody, DocType, PopulationType } from '../api/registry.js';
import { useCan } from '../auth/session.js';
import { docTypeLabel, genderLabel, populationTypeLabel } from '../i18n/labels.js';
import {
  checkDoc,
  DOC_TYPES,
  docNumberValidator,
  isGb11643Family,
  isIncomplete,
  normalPhone,
  phoneValidator,
  TAG_SUGGESTIONS,
} from '../lib/registry.js';

type Path = Array<string | number>;

export interface PersonValues {
  id?: string;
  name?: string;
  docType?: DocType;
  docNumber?: string;
  phone?: string;
  gender?: 'male' | 'female' | null;
  birthDate?: Dayjs | null;
  populationType?: PopulationType;
  hukouPlace?: string;
  workUnit?: string;
  tags?: string[];
}

export const EMPTY_PERSON: PersonValues = { docType: 'resident_id', populationType: 'registered', tags: [] };

/** The request body for a person (without gridId) from the form values. */
export function personBody(v: PersonValues): Omit<CreatePersonBody, 'gridId'> {
  const docType = v.docType ?? 'resident_id';
  const check = checkDoc(docType, v.docNumber);
  const text = (s: string | undefined) => (s && s.trim() ? s.trim() : null);
  return {
    ...(v.id ? { id: v.id } : {}),
    name: (v.name ?? '').trim(),
    docType,
    docNumber: check.number,
    phone: normalPhone(v.phone),
    gender: v.gender ?? null,
    birthDate: v.birthDate ? v.birthDate.format('YYYY-MM-DD') : null,
    populationType: v.populationType ?? 'registered',
    hukouPlace: text(v.hukouPlace),
    workUnit: text(v.workUnit),
    tags: (v.tags ?? []).map((x) => x.trim()).filter(Boolean),
  };
}

interface Props {
  form: FormInstance;
  /** Name prefix of the fields inside their Form.List item (or [] at top level). */
  prefix?: Path;
  /** The same fields' absolute path in the form. */
  absolute?: Path;
  /** Also show 户籍地, 工作单位 and tags. */
  extended?: boolean;
  /** Show gender and birth date even when the number gives them (read-only then). */
  showDerived?: boolean;
  testIdPrefix?: string;
}

export function PersonFields({
  form,
  prefix = [],
  absolute = prefix,
  extended,
  showDerived,
  testIdPrefix = 'person',
}: Props) {
  const { t } = useTranslation();
  const at = (name: string): Path => [...prefix, name];
  const abs = (name: string): Path => [...absolute, name];
  const docType = (Form.useWatch(abs('docType'), form) as DocType | undefined) ?? 'resident_id';
  const docNumber = Form.useWatch(abs('docNumber'), form) as string | undefined;
  const check = docNumber ? checkDoc(docType, docNumber) : null;
  const derived = check?.ok && isGb11643Family(docType);
  const tid = (name: string) => `${testIdPrefix}-${name}`;
  const can = useCan();
  const [known, setKnown] = useState<{ number: string; where: 'in_district' | 'another_district' | null } | null>(null);
  const lookUp = () => {
    if (!check?.ok || !can('person.create') || known?.number === check.number) return;
    const number = check.number;
    api
      .post('/api/persons/document-lookup', { body: { docType, docNumber: number } })
      .then((a) =>
        setKnown({
          number,
          where: a.known === 'in_district' ? 'in_district' : a.knownInAnotherDistrict ? 'another_district' : null,
        }),
      )
      .catch(() => setKnown(null));
  };
  const whereKnown = known && check?.ok && known.number === check.number ? known.where : null;

  const applyDerived = (type: DocType, value: string) => {
    const c = checkDoc(type, value);
    if (c.ok && c.birthDate) form.setFieldValue(abs('birthDate'), dayjs(c.birthDate));
    if (c.ok && c.gender) form.setFieldValue(abs('gender'), c.gender);
  };

  const onNumberChange = (value: string) => {
    if (!isIncomplete(docType, value)) void form.validateFields([abs('docNumber')]).catch(() => undefined);
    applyDerived(docType, value);
  };

  let extra: React.ReactNode = null;
  if (docNumber && isIncomplete(docType, docNumber)) {
    extra = t('doc.typing', { count: docNumber.replace(/\s/g, '').length });
  } else if (check?.ok) {
    const lines: string[] = [];
    if (check.birthDate)
      lines.push(t('doc.derived', { gender: genderLabel(t, check.gender), birthDate: check.birthDate }));
    for (const w of check.warnings) lines.push(t(`doc.warning.${w}`, { number: check.number }));
    extra = lines.length ? (
      <Typography.Text type={check.warnings.length ? 'warning' : 'success'}>{lines.join('；')}</Typography.Text>
    ) : null;
  }

  const showGender = showDerived || docType === 'passport' || docType === 'other' || docType === 'foreign_permanent_id';
  const showBirth = showDerived || docType === 'passport' || docType === 'other';
  const lockGender = derived && docType !== 'foreign_permanent_id';

  return (
    <Row gutter={16}>
      <Col xs={24} sm={12}>
        <Form.Item
          name={at('name')}
          label={t('person.name')}
          rules={[{ required: true, whitespace: true, message: t('person.nameRequired') }]}
        >
          <Input maxLength={50} autoComplete="off" data-testid={tid('name')} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name={at('docType')} label={t('person.docType')} rules={[{ required: true }]}>
          <Select
            data-testid={tid('docType')}
            options={DOC_TYPES.map((d) => ({ value: d, label: docTypeLabel(t, d) }))}
            onChange={(type: DocType) => {
              if (form.getFieldValue(abs('docNumber'))) {
                void form.validateFields([abs('docNumber')]).catch(() => undefined);
                applyDerived(type, String(form.getFieldValue(abs('docNumber'))));
              }
            }}
          />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item
          name={at('docNumber')}
          label={t('person.docNumber')}
          validateTrigger={['onBlur']}
          rules={[
            { validator: docNumberValidator(t, () => form.getFieldValue(abs('docType')) as DocType | undefined) },
          ]}
          extra={extra}
          required
        >
          <Input
            className="ss-mono"
            maxLength={40}
            autoComplete="off"
            inputMode={isGb11643Family(docType) ? 'text' : undefined}
            onChange={(e) => onNumberChange(e.target.value)}
            onBlur={lookUp}
            data-testid={tid('docNumber')}
          />
        </Form.Item>
        {whereKnown && (
          <Alert
            type={whereKnown === 'in_district' ? 'warning' : 'info'}
            showIcon
            style={{ marginBottom: 16 }}
            title={whereKnown === 'in_district' ? t('persons.elsewhere') : t('doc.anotherDistrict')}
            description={whereKnown === 'in_district' ? t('persons.elsewhereHint') : t('doc.anotherDistrictHint')}
            data-testid={tid('known')}
          />
        )}
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item
          name={at('phone')}
          label={t('person.phone')}
          validateTrigger={['onBlur']}
          rules={[{ validator: phoneValidator(t) }]}
        >
          <Input maxLength={20} inputMode="tel" autoComplete="off" data-testid={tid('phone')} />
        </Form.Item>
      </Col>
      {showGender && (
        <Col xs={24} sm={12}>
          <Form.Item
            name={at('gender')}
            label={t('person.gender')}
            extra={lockGender ? t('person.derivedHint') : undefined}
          >
            <Radio.Group disabled={!!lockGender} data-testid={tid('gender')}>
              <Radio value="male">{genderLabel(t, 'male')}</Radio>
              <Radio value="female">{genderLabel(t, 'female')}</Radio>
            </Radio.Group>
          </Form.Item>
        </Col>
      )}
      {showBirth && (
        <Col xs={24} sm={12}>
          <Form.Item
            name={at('birthDate')}
            label={t('person.birthDate')}
            extra={derived ? t('person.derivedHint') : undefined}
          >
            <DatePicker
              disabled={!!derived}
              style={{ width: '100%' }}
              disabledDate={(d) => d.isAfter(dayjs())}
              data-testid={tid('birthDate')}
            />
          </Form.Item>
        </Col>
      )}
      <Col xs={24} sm={12}>
        <Form.Item name={at('populationType')} label={t('person.populationType')} rules={[{ required: true }]}>
          <PopulationTypeRadio data-testid={tid('populationType')} />
        </Form.Item>
      </Col>
      {extended && (
        <>
          <Col xs={24} sm={12}>
            <Form.Item name={at('hukouPlace')} label={t('person.hukouPlace')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name={at('workUnit')} label={t('person.workUnit')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </>
      )}
      <Col xs={24} sm={extended ? 12 : 24}>
        <Form.Item name={at('tags')} label={t('person.tags')}>
          <Select
            mode="tags"
            maxCount={20}
            placeholder={t('person.tagsPlaceholder')}
            options={TAG_SUGGESTIONS.map((x) => ({ value: x, label: x }))}
            data-testid={tid('tags')}
          />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** 户籍 / 流动 / 境外, as buttons (a form control). */
export function PopulationTypeRadio(props: {
  value?: PopulationType;
  onChange?: (e: RadioChangeEvent) => void;
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  return (
    <Radio.Group optionType="button" buttonStyle="solid" {...props}>
      {(['registered', 'floating', 'overseas'] as const).map((p) => (
        <Radio.Button key={p} value={p}>
          {populationTypeLabel(t, p)}
        </Radio.Button>
      ))}
    </Radio.Group>
  );
}
