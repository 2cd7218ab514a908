/** 调整门禁: open the courtyard, or put it under closed management from a date (until a planned date). */
import { DatePicker, Form, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { legacyApi } from '../../api/legacy.js';
import { showError, toastSuccess } from '../../api/feedback.js';
import type { CourtyardDto } from '../../api/types.js';
import { gateLabel } from '../../i18n/labels.js';
import { shanghaiToday } from '../../lib/registry.js';

interface Values {
  gateStatus: 'open' | 'closed';
  gateSince?: Dayjs | null;
  gateUntil?: Dayjs | null;
}

export function GateModal({
  courtyard,
  onClose,
  onSaved,
}: {
  courtyard: CourtyardDto | null;
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const status = Form.useWatch('gateStatus', form);

  useEffect(() => {
    if (!courtyard) return;
    form.setFieldsValue({
      gateStatus: courtyard.gateStatus,
      gateSince: courtyard.gateSince ? dayjs(courtyard.gateSince) : dayjs(shanghaiToday()),
      gateUntil: courtyard.gateUntil ? dayjs(courtyard.gateUntil) : null,
    });
  }, [courtyard, form]);

  const submit = async () => {
    if (!courtyard) return;
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const closed = v.gateStatus === 'closed';
    setSaving(true);
    try {
      await legacyApi.patch(`/api/courtyards/${courtyard.id}`, {
        gateStatus: v.gateStatus,
        gateSince: closed && v.gateSince ? v.gateSince.format('YYYY-MM-DD') : null,
        gateUntil: closed && v.gateUntil ? v.gateUntil.format('YYYY-MM-DD') : null,
      });
      toastSuccess(t('courtyard.gateSaved'));
      onSaved();
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={courtyard !== null}
      title={`${t('courtyard.gateTitle')} · ${courtyard?.name ?? ''}`}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid="gate-form">
        <Form.Item name="gateStatus" label={t('courtyard.gateStatus')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={(['open', 'closed'] as const).map((s) => ({ value: s, label: gateLabel(t, s) }))}
          />
        </Form.Item>
        {status === 'closed' && (
          <>
            <Form.Item
              name="gateSince"
              label={t('courtyard.gateSinceLabel')}
              rules={[{ required: true, message: t('courtyard.gateSinceRequired') }]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              name="gateUntil"
              label={t('courtyard.gateUntilLabel')}
              dependencies={['gateSince']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_r, value: Dayjs | null) => {
                    const since = getFieldValue('gateSince') as Dayjs | null;
                    if (value && since && value.isBefore(since, 'day')) throw new Error(t('courtyard.gateUntilBefore'));
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
