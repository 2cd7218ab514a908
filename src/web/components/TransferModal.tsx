/**
 * "Request transfer": a person registered on another grid of the district is asked
 * over to this grid (POST /api/transfers); the current grid confirms it. Offered
 * only when the server has the endpoint.
 */
import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { legacyApi } from '../api/legacy.js';
import { showError, toastSuccess } from '../api/feedback.js';
import type { DocType } from '../api/types.js';
import { docTypeLabel } from '../i18n/labels.js';
import { AreaTreeSelect } from './AreaTreeSelect.js';

export interface TransferTarget {
  docType: DocType;
  docNumber: string;
  toGridId: string | null;
  name?: string;
}

export function TransferModal({ target, onClose }: { target: TransferTarget | null; onClose(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string; toGridId: string }>();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    if (!target) return;
    let values: { reason: string; toGridId: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      await legacyApi.post('/api/transfers', {
        docType: target.docType,
        docNumber: target.docNumber,
        toGridId: values.toGridId,
        reason: values.reason.trim(),
      });
      toastSuccess(t('transfer.submitted'));
      onClose();
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={target !== null}
      title={t('transfer.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('persons.requestTransfer')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      {target && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${target.name ? `${target.name} · ` : ''}${docTypeLabel(t, target.docType)} ${target.docNumber}`}
          description={t('persons.elsewhereHint')}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ toGridId: target?.toGridId ?? undefined }}
        data-testid="transfer-form"
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
      </Form>
    </Modal>
  );
}
