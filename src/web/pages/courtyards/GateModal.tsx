/** 调整门禁: open the courtyard, or put it under closed management from a date (until a planned date). */
import { DatePicker, Form, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import type { CourtyardDto } from '../../api/registry.js';
import { FormModal } from '../../components/FormModal.js';
import { useSubmit } from '../../components/useSubmit.js';
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
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const status = Form.useWatch('gateStatus', form);

  useEffect(() => {
    if (!courtyard) return;
    form.setFieldsValue({
      gateStatus: courtyard.gateStatus,
      gateSince: courtyard.gateSince ? dayjs(courtyard.gateSince) : dayjs(shanghaiToday()),
      gateUntil: courtyard.gateUntil ? dayjs(courtyard.gateUntil) : null,
    });
  }, [courtyard, form]);

  const { saving, submit } = useSubmit(
    form,
    (v) => {
      const closed = v.gateStatus === 'closed';
      return api.patch('/api/courtyards/:id', {
        params: { id: courtyard!.id },
        body: {
          gateStatus: v.gateStatus,
          gateSince: closed && v.gateSince ? v.gateSince.format('YYYY-MM-DD') : null,
          gateUntil: closed && v.gateUntil ? v.gateUntil.format('YYYY-MM-DD') : null,
        },
      });
    },
    onSaved,
    t('courtyard.gateSaved'),
  );

  return (
    <FormModal
      open={courtyard !== null}
      title={`${t('courtyard.gateTitle')} · ${courtyard?.name ?? ''}`}
      okText={t('common.save')}
      saving={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      form={form}
      formTestId="gate-form"
    >
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
                validator: (_r, value: Dayjs | null) => {
                  const since = getFieldValue('gateSince') as Dayjs | null;
                  return value && since && value.isBefore(since, 'day')
                    ? Promise.reject(new Error(t('courtyard.gateUntilBefore')))
                    : Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
