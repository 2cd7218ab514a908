/** Create a child area, or edit an area's name, code and vintage. */
import { Form, Input, InputNumber, Modal } from 'antd';
import type { Rule } from 'antd/es/form/index.js';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CODE_LENGTH, childLevel } from '../../../domain/areas.js';
import type { AreaLevel } from '../../../domain/areas.js';
import { legacyApi } from '../../api/legacy.js';
import { showError, toastSuccess } from '../../api/feedback.js';
import type { AreaDetailDto, AreaDto } from '../../api/types.js';
import { levelLabel } from '../../i18n/labels.js';
import { currentShanghaiYear } from '../../lib/format.js';

export type AreaFormTarget = { mode: 'create'; parent: AreaDto } | { mode: 'edit'; area: AreaDetailDto };

interface Values {
  name: string;
  code: string;
  vintage: number;
}

interface Props {
  target: AreaFormTarget | null;
  onClose(): void;
  onSaved(area: AreaDto, mode: 'create' | 'edit'): void;
}

export function AreaFormModal({ target, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

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
      validator: async (_r, value: unknown) => {
        const code = String(value ?? '').trim();
        if (!code) return;
        if (!new RegExp(`^\\d{${digits}}$`).test(code)) throw new Error(t('areas.codeDigits', { digits }));
        if (parentCode && !code.startsWith(parentCode)) throw new Error(t('areas.codePrefix', { prefix: parentCode }));
      },
    },
  ];

  const submit = async () => {
    if (!target) return;
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      let saved: AreaDto;
      if (target.mode === 'create') {
        saved = await legacyApi.post<AreaDto>('/api/areas', {
          parentId: target.parent.id,
          code: values.code.trim(),
          vintage: values.vintage,
          name: values.name.trim(),
        });
        toastSuccess(t('areas.createdOk'));
      } else {
        const patch: Partial<Values> = {};
        if (values.name.trim() !== target.area.name) patch.name = values.name.trim();
        if (values.code.trim() !== target.area.code) patch.code = values.code.trim();
        if (values.vintage !== target.area.vintage) patch.vintage = values.vintage;
        saved = Object.keys(patch).length
          ? await legacyApi.patch<AreaDto>(`/api/areas/${target.area.id}`, patch)
          : target.area;
        toastSuccess(t('common.saved'));
      }
      onSaved(saved, target.mode);
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  const title = !target
    ? ''
    : target.mode === 'create'
      ? t('areas.createTitle', { level: level ? levelLabel(t, level) : '', parent: target.parent.name })
      : t('areas.editTitle');

  return (
    <Modal
      open={target !== null}
      title={title}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" requiredMark="optional" data-testid="area-form">
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
      </Form>
    </Modal>
  );
}
