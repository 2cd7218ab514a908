/**
 * "Request transfer": a person registered on another grid of the district is asked
 * over to this grid (POST /api/transfers); staff of the area above both grids decide.
 */
import { Alert, Form, Input } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { DocType } from '../api/registry.js';
import { docTypeLabel } from '../i18n/labels.js';
import { AreaTreeSelect } from './AreaTreeSelect.js';
import { FormModal } from './FormModal.js';
import { useSubmit } from './useSubmit.js';

export interface TransferTarget {
  docType: DocType;
  docNumber: string;
  toGridId: string | null;
  name?: string;
}

export function TransferModal({ target, onClose }: { target: TransferTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string; toGridId: string }>();
  useEffect(() => {
    if (!target) return;
    form.resetFields();
    form.setFieldsValue({ toGridId: target.toGridId ?? undefined });
  }, [target, form]);

  const { saving, submit } = useSubmit(
    form,
    (values) =>
      api.post('/api/transfers', {
        body: {
          docType: target?.docType ?? 'resident_id',
          docNumber: target?.docNumber ?? '',
          toGridId: values.toGridId,
          reason: values.reason.trim(),
        },
      }),
    onClose,
    t('transfer.submitted'),
  );

  return (
    <FormModal
      open={target !== null}
      title={t('transfer.title')}
      okText={t('persons.requestTransfer')}
      saving={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      form={form}
      formTestId="transfer-form"
      intro={
        target && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={`${target.name ? `${target.name} · ` : ''}${docTypeLabel(t, target.docType)} ${target.docNumber}`}
            description={t('persons.elsewhereHint')}
          />
        )
      }
    >
      <Form.Item
        name="toGridId"
        label={t('transfer.toGrid')}
        rules={[{ required: true, message: t('person.gridRequired') }]}
      >
        <AreaTreeSelect onlyGrids placeholder={t('courtyards.gridPlaceholder')} />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('transfer.reason')}
        rules={[
          { required: true, whitespace: true, message: t('transfer.reasonRequired') },
          { min: 4, max: 200, message: t('transfer.reasonRequired') },
        ]}
      >
        <Input.TextArea rows={3} maxLength={200} showCount placeholder={t('transfer.reasonPlaceholder')} />
      </Form.Item>
    </FormModal>
  );
}
