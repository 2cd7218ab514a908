/** Create a child area, or edit an area's name, code and vintage. */
import { Form, Input, InputNumber } from 'antd';
import type { Rule } from 'antd/es/form/index.js';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CODE_LENGTH, childLevel } from '../../../domain/areas.js';
import type { AreaLevel } from '../../../domain/areas.js';
import { api, type BodyOf } from '../../api/client.js';
import { FormModal } from '../../components/FormModal.js';
import { useSubmit } from '../../components/useSubmit.js';
import { levelLabel } from '../../i18n/labels.js';
import { currentShanghaiYear } from '../../lib/format.js';
import type { AreaDetailDto, AreaDto } from './useAreaTree.js';

export type AreaFormTarget = { mode: 'create'; parent: AreaDto } | { mode: 'edit'; area: AreaDetailDto };

interface Values {
  name: string;
  code: string;
  vintage: number;
}

interface Props {
  target: AreaFormTarget | null;
  onClose: () => void;
  onSaved: (area: AreaDto, mode: 'create' | 'edit') => void;
}

/** The fields an edit changed; nothing when none did. */
function changes(area: AreaDetailDto, values: Values): BodyOf<'PATCH', '/api/areas/:id'> {
  const patch: BodyOf<'PATCH', '/api/areas/:id'> = {};
  if (values.name.trim() !== area.name) patch.name = values.name.trim();
  if (values.code.trim() !== area.code) patch.code = values.code.trim();
  if (values.vintage !== area.vintage) patch.vintage = values.vintage;
  return patch;
}

export function AreaFormModal({ target, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();

  const level: AreaLevel | null = !target
    ? null
    : target.mode === 'create'
      ? childLevel(target.parent.level)
      : target.area.level;
  const parentCode = !target
    ? ''
    : target.mode === 'create'
      ? target.parent.code
      : (target.area.ancestors.at(-1)?.code ?? '');
  const digits = level ? CODE_LENGTH[level] : 0;

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'create') {
      form.setFieldsValue({ name: '', code: target.parent.code, vintage: currentShanghaiYear() });
    } else {
      form.setFieldsValue({ name: target.area.name, code: target.area.code, vintage: target.area.vintage });
    }
  }, [target, form]);

  const codeRules: Rule[] = [
    { required: true, message: t('areas.codeRequired') },
    {
      validator: (_r, value: unknown) => {
        const code = typeof value === 'string' ? value.trim() : '';
        if (code && !new RegExp(`^\\d{${digits}}$`).test(code))
          return Promise.reject(new Error(t('areas.codeDigits', { digits })));
        if (code && parentCode && !code.startsWith(parentCode))
          return Promise.reject(new Error(t('areas.codePrefix', { prefix: parentCode })));
        return Promise.resolve();
      },
    },
  ];

  const { saving, submit } = useSubmit(
    form,
    async (values): Promise<AreaDto> => {
      if (target?.mode === 'create') {
        return api.post('/api/areas', {
          body: {
            parentId: target.parent.id,
            code: values.code.trim(),
            vintage: values.vintage,
            name: values.name.trim(),
          },
        });
      }
      const area = target!.area;
      const patch = changes(area, values);
      return Object.keys(patch).length ? api.patch('/api/areas/:id', { params: { id: area.id }, body: patch }) : area;
    },
    (saved) => onSaved(saved, target?.mode ?? 'edit'),
    target?.mode === 'create' ? t('areas.createdOk') : t('common.saved'),
  );

  const title = !target
    ? ''
    : target.mode === 'create'
      ? t('areas.createTitle', { level: level ? levelLabel(t, level) : '', parent: target.parent.name })
      : t('areas.editTitle');

  return (
    <FormModal<Values>
      open={target !== null}
      title={title}
      okText={t('common.save')}
      saving={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      form={form}
      formTestId="area-form"
    >
      <Form.Item
        name="name"
        label={t('areas.name')}
        rules={[{ required: true, whitespace: true, message: t('areas.nameRequired') }]}
      >
        <Input maxLength={100} data-testid="area-form-name" />
      </Form.Item>
      <Form.Item
        name="code"
        label={t('areas.code')}
        rules={codeRules}
        extra={parentCode ? t('areas.codeHint', { digits, prefix: parentCode }) : undefined}
      >
        <Input className="ss-mono" maxLength={digits || undefined} inputMode="numeric" data-testid="area-form-code" />
      </Form.Item>
      <Form.Item
        name="vintage"
        label={t('areas.vintage')}
        rules={[{ required: true, message: t('areas.vintageRequired') }]}
      >
        <InputNumber min={1980} max={currentShanghaiYear() + 1} precision={0} style={{ width: 160 }} />
      </Form.Item>
    </FormModal>
  );
}
