/** Edit what may change about a person (PATCH /api/persons/:id); the document stays as registered. */
import { Form, Input, Modal, Radio, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { showError, toastSuccess } from '../../api/feedback.js';
import type { PersonDto, PopulationType } from '../../api/types.js';
import { populationTypeLabel } from '../../i18n/labels.js';
import { normalPhone, phoneValidator, TAG_SUGGESTIONS } from '../../lib/registry.js';

interface Values {
  name: string;
  phone: string;
  populationType: PopulationType;
  hukouPlace: string;
  workUnit: string;
  tags: string[];
}

export function PersonEditModal({
  person,
  onClose,
  onSaved,
}: {
  person: PersonDto | null;
  onClose(): void;
  onSaved(p: PersonDto): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const nameMasked = !!person?.masked.includes('name');
  const phoneMasked = !!person?.masked.includes('phone');

  useEffect(() => {
    if (!person) return;
    form.setFieldsValue({
      name: person.name ?? '',
      phone: person.phone ?? '',
      populationType: person.populationType,
      hukouPlace: person.hukouPlace ?? '',
      workUnit: person.workUnit ?? '',
      tags: person.tags,
    });
  }, [person, form]);

  const submit = async () => {
    if (!person) return;
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const patch: Record<string, unknown> = {};
    const text = (s: string) => (s.trim() ? s.trim() : null);
    if (!nameMasked && v.name.trim() !== person.name) patch.name = v.name.trim();
    if (!phoneMasked && normalPhone(v.phone) !== person.phone) patch.phone = normalPhone(v.phone);
    if (v.populationType !== person.populationType) patch.populationType = v.populationType;
    if (text(v.hukouPlace) !== person.hukouPlace) patch.hukouPlace = text(v.hukouPlace);
    if (text(v.workUnit) !== person.workUnit) patch.workUnit = text(v.workUnit);
    if (JSON.stringify(v.tags) !== JSON.stringify(person.tags)) patch.tags = v.tags;
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    setSaving(true);
    try {
      const saved = await api.patch('/api/persons/:id', { params: { id: person.id }, body: patch });
      toastSuccess(t('common.saved'));
      onSaved(saved);
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={person !== null}
      title={t('common.edit')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid="person-edit-form">
        <Form.Item
          name="name"
          label={t('person.name')}
          rules={[{ required: !nameMasked, whitespace: true, message: t('person.nameRequired') }]}
        >
          <Input maxLength={50} disabled={nameMasked} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('person.phone')}
          validateTrigger={['onBlur']}
          rules={phoneMasked ? [] : [{ validator: phoneValidator(t) }]}
        >
          <Input maxLength={20} inputMode="tel" disabled={phoneMasked} />
        </Form.Item>
        <Form.Item name="populationType" label={t('person.populationType')}>
          <Radio.Group optionType="button" buttonStyle="solid">
            {(['registered', 'floating', 'overseas'] as const).map((p) => (
              <Radio.Button key={p} value={p}>
                {populationTypeLabel(t, p)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="hukouPlace" label={t('person.hukouPlace')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="workUnit" label={t('person.workUnit')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="tags" label={t('person.tags')}>
          <Select
            mode="tags"
            maxCount={20}
            placeholder={t('person.tagsPlaceholder')}
            options={TAG_SUGGESTIONS.map((x) => ({ value: x, label: x }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
