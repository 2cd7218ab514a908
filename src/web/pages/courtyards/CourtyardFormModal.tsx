/** 新建小区/院落 on a grid (client-generated id: a double submit creates it once). */
import { Form, Input, Radio } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import type { CourtyardDto, CourtyardKind } from '../../api/registry.js';
import { useMe } from '../../auth/session.js';
import { AreaTreeSelect } from '../../components/AreaTreeSelect.js';
import { FormModal } from '../../components/FormModal.js';
import { useSubmit } from '../../components/useSubmit.js';
import { courtyardKindLabel } from '../../i18n/labels.js';
import { newId } from '../../lib/registry.js';

interface Values {
  gridId: string;
  name: string;
  kind: CourtyardKind;
  address?: string;
}

export const COURTYARD_KINDS: CourtyardKind[] = ['urban_compound', 'resettlement', 'rural_scattered'];

export function CourtyardFormModal({
  open,
  gridId,
  onClose,
  onCreated,
}: {
  open: boolean;
  gridId?: string;
  onClose: () => void;
  onCreated: (c: CourtyardDto) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const idRef = useRef(newId());

  useEffect(() => {
    if (!open) return;
    idRef.current = newId();
    form.resetFields();
    form.setFieldsValue({
      gridId: gridId ?? (me.scope.level === 'grid' ? me.scope.id : undefined),
      kind: 'urban_compound',
    });
  }, [open, form, gridId, me.scope]);

  const { saving, submit } = useSubmit(
    form,
    (v) =>
      api.post('/api/courtyards', {
        body: {
          id: idRef.current,
          gridId: v.gridId,
          name: v.name.trim(),
          kind: v.kind,
          address: v.address?.trim() || null,
        },
      }),
    onCreated,
    t('courtyards.createdOk'),
  );

  return (
    <FormModal
      open={open}
      title={t('courtyards.createTitle')}
      okText={t('common.save')}
      saving={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      form={form}
      formTestId="courtyard-form"
    >
      <Form.Item
        name="gridId"
        label={t('courtyards.grid')}
        rules={[{ required: true, message: t('courtyards.gridOnly') }]}
      >
        <AreaTreeSelect onlyGrids known={me.scope} placeholder={t('courtyards.gridPlaceholder')} />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('courtyards.name')}
        rules={[{ required: true, whitespace: true, message: t('courtyards.nameRequired') }]}
      >
        <Input maxLength={100} data-testid="courtyard-form-name" />
      </Form.Item>
      <Form.Item
        name="kind"
        label={t('courtyards.kind')}
        rules={[{ required: true, message: t('courtyards.kindRequired') }]}
      >
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={COURTYARD_KINDS.map((k) => ({ value: k, label: courtyardKindLabel(t, k) }))}
        />
      </Form.Item>
      <Form.Item name="address" label={t('courtyards.address')}>
        <Input maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}
