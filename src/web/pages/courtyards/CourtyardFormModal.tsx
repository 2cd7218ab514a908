/** 新建小区/院落 on a grid (client-generated id: a double submit creates it once). */
import { Form, Input, Modal, Radio } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { legacyApi } from '../../api/legacy.js';
import { showError, toastSuccess } from '../../api/feedback.js';
import type { CourtyardDto, CourtyardKind } from '../../api/types.js';
import { useMe } from '../../auth/session.js';
import { AreaTreeSelect } from '../../components/AreaTreeSelect.js';
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
  onClose(): void;
  onCreated(c: CourtyardDto): void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
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

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      const created = await legacyApi.post<CourtyardDto>('/api/courtyards', {
        id: idRef.current,
        gridId: v.gridId,
        name: v.name.trim(),
        kind: v.kind,
        address: v.address?.trim() || null,
      });
      toastSuccess(t('courtyards.createdOk'));
      onCreated(created);
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('courtyards.createTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark="optional" data-testid="courtyard-form">
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
      </Form>
    </Modal>
  );
}
