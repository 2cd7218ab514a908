/**
 * A new version of a measure rule (or a first rule for a category or status),
 * prefilled from the version in force; effective today or later, with its basis.
 */
import { Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.js';
import { FormModal } from '../../../components/FormModal.js';
import { MEASURES, STATUSES } from '../../../../domain/health.js';
import { shanghaiToday } from '../../../lib/registry.js';
import { measureLabel } from '../labels.js';
import type { CategoryDto, RuleDto } from '../types.js';
import { NOTE_MAX, noteRules, STATUS_PREFIX, subjectLabel } from './subject.js';
import { useModalSubmit } from '../modal.js';

interface Values {
  appliesTo: string;
  measure: RuleDto['measure'];
  days: number;
  fromLastContact: boolean;
  negativeTests: number;
  hoursApart: number;
  symptomFreeDays: number;
  effectiveFrom: Dayjs;
  note: string;
}

interface Props {
  open: boolean;
  /** The version in force to start from; null for a new rule. */
  rule: RuleDto | null;
  categories: CategoryDto[];
  onClose: () => void;
  onSaved: (rule: RuleDto) => void;
}

export function RuleFormModal({ open, rule, categories, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({
      appliesTo: rule?.appliesTo,
      measure: rule?.measure ?? 'home_isolation',
      days: rule?.days ?? 14,
      fromLastContact: rule?.fromLastContact ?? false,
      negativeTests: rule?.release.negativeTests ?? 0,
      hoursApart: rule?.release.hoursApart ?? 24,
      symptomFreeDays: rule?.release.symptomFreeDays ?? 0,
      effectiveFrom: dayjs(shanghaiToday()),
      note: '',
    });
  }, [open, rule, form]);

  const modal = useModalSubmit(
    { open, onClose },
    form,
    (v) =>
      api.post('/api/health-rules', {
        body: {
          appliesTo: v.appliesTo,
          measure: v.measure,
          days: v.days,
          fromLastContact: v.fromLastContact,
          negativeTests: v.negativeTests,
          hoursApart: v.hoursApart,
          symptomFreeDays: v.symptomFreeDays,
          effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
          note: v.note.trim(),
        },
      }),
    onSaved,
    t('rules.saved'),
  );

  const subjects = [
    {
      label: t('rules.group.categories'),
      options: categories.map((c) => ({ value: c.key, label: subjectLabel(t, c.key, categories) })),
    },
    {
      label: t('rules.group.statuses'),
      options: STATUSES.filter((s) => s !== 'none').map((s) => ({
        value: `${STATUS_PREFIX}${s}`,
        label: subjectLabel(t, `${STATUS_PREFIX}${s}`),
      })),
    },
  ];
  const count = { min: 0, precision: 0, style: { width: '100%' } };

  return (
    <FormModal
      {...modal}
      title={
        rule
          ? t('rules.newVersionTitle', { subject: subjectLabel(t, rule.appliesTo, categories) })
          : t('rules.newRuleTitle')
      }
      okText={t('common.save')}
      okTestId="rule-save"
      formTestId="rule-form"
      width={640}
    >
      <Form.Item
        name="appliesTo"
        label={t('rules.subject')}
        rules={[{ required: true, message: t('rules.subjectRequired') }]}
      >
        <Select
          options={subjects}
          disabled={rule !== null}
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="rule-applies-to"
        />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="measure" label={t('rules.measure')} rules={[{ required: true }]}>
            <Select
              options={MEASURES.map((m) => ({ value: m, label: measureLabel(t, m) }))}
              data-testid="rule-measure"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="days" label={t('rules.days')} rules={[{ required: true }]} extra={t('rules.daysHint')}>
            <InputNumber {...count} max={90} data-testid="rule-days" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="fromLastContact" valuePropName="checked">
        <Checkbox data-testid="rule-from-last-contact">{t('rules.fromLastContactLabel')}</Checkbox>
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={8}>
          <Form.Item name="negativeTests" label={t('rules.negativeTests')} rules={[{ required: true }]}>
            <InputNumber {...count} max={5} data-testid="rule-tests" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="hoursApart" label={t('rules.hoursApart')} rules={[{ required: true }]}>
            <InputNumber {...count} max={168} data-testid="rule-hours" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="symptomFreeDays" label={t('rules.symptomFreeDays')} rules={[{ required: true }]}>
            <InputNumber {...count} max={30} data-testid="rule-symptom-free" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="effectiveFrom"
        label={t('rules.effectiveFrom')}
        rules={[{ required: true }]}
        extra={t('rules.effectiveHint')}
      >
        <DatePicker
          allowClear={false}
          style={{ width: '100%' }}
          disabledDate={(d) => d.format('YYYY-MM-DD') < shanghaiToday()}
          data-testid="rule-effective"
        />
      </Form.Item>
      <Form.Item name="note" label={t('rules.noteLabel')} rules={noteRules(t)} extra={t('rules.noteHint')}>
        <Input.TextArea rows={3} maxLength={NOTE_MAX} showCount data-testid="rule-note" />
      </Form.Item>
    </FormModal>
  );
}
