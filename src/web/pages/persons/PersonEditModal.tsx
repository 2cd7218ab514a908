/** Edit what may change about a person (PATCH /api/persons/:id); the document stays as registered. */
import { Form, Input, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type BodyOf } from '../../api/client.js';
import type { PersonDto, PopulationType } from '../../api/registry.js';
import { FormModal } from '../../components/FormModal.js';
import { PopulationTypeRadio } from '../../components/PersonFields.js';
import { useSubmit } from '../../components/useSubmit.js';
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
  onClose: () => void;
  onSaved: (p: PersonDto) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
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

  /** Only what changed is sent; nothing changed closes the form without a request (null). */
  const { saving, submit } = useSubmit(
    form,
    async (v) => {
      if (!person) return null;
      const patch: BodyOf<'PATCH', '/api/persons/:id'> = {};
      const text = (s: string) => (s.trim() ? s.trim() : null);
      if (!nameMasked && v.name.trim() !== person.name) patch.name = v.name.trim();
      if (!phoneMasked && normalPhone(v.phone) !== person.phone) patch.phone = normalPhone(v.phone);
      if (v.populationType !== person.populationType) patch.populationType = v.populationType;
      if (text(v.hukouPlace) !== person.hukouPlace) patch.hukouPlace = text(v.hukouPlace);
      if (text(v.workUnit) !== person.workUnit) patch.workUnit = text(v.workUnit);
      if (JSON.stringify(v.tags) !== JSON.stringify(person.tags)) patch.tags = v.tags;
      if (Object.keys(patch).length === 0) return null;
      return api.patch('/api/persons/:id', { params: { id: person.id }, body: patch });
    },
    (saved) => (saved ? onSaved(saved) : onClose()),
    (saved) => (saved ? t('common.saved') : null),
  );

  return (
    <FormModal
      open={person !== null}
      title={t('common.edit')}
      okText={t('common.save')}
      saving={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      form={form}
      formTestId="person-edit-form"
    >
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
        <PopulationTypeRadio />
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
    </FormModal>
  );
}
