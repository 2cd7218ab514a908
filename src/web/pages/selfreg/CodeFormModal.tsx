/**
 * 新建二维码 / 编辑二维码: where the code registers families (a community or grid, or
 * one courtyard), for what, who answers the residents' questions, until when. The
 * "ask everyone for temperature and symptoms" switch is a district campaign.
 */
import { Alert, DatePicker, Descriptions, Form, Input, Radio, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays } from '../../../domain/clock.js';
import { CODE_PURPOSES, type CodePurpose } from '../../../domain/self-registration.js';
import { api } from '../../api/client.js';
import { useCan, useMe } from '../../auth/session.js';
import { AreaTreeSelect } from '../../components/AreaTreeSelect.js';
import { CourtyardSelect } from '../../components/CourtyardSelect.js';
import { FormModal } from '../../components/FormModal.js';
import { useSubmit } from '../../components/useSubmit.js';
import { levelLabel } from '../../i18n/labels.js';
import { phoneValidator, shanghaiToday } from '../../lib/registry.js';
import { expiryDay, purposeLabel } from './labels.js';
import type { CodeDto } from './types.js';

interface Values {
  scope: 'area' | 'courtyard';
  areaId?: string;
  courtyardId?: string;
  purpose: CodePurpose;
  responsibleName: string;
  responsiblePhone: string;
  expiresOn: Dayjs;
  note?: string;
  askEveryone?: boolean;
}

const DEFAULT_DAYS = 30;
const PICKABLE = ['community', 'grid'] as const;

/** `code` null: a new code; otherwise edits it (place and purpose stay). */
export function CodeFormModal({
  open,
  code,
  onClose,
  onSaved,
}: {
  open: boolean;
  code: CodeDto | null;
  onClose: () => void;
  onSaved: (c: CodeDto) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const can = useCan();
  const [form] = Form.useForm<Values>();
  const scope = Form.useWatch('scope', form) ?? 'area';
  const today = shanghaiToday();
  const campaign = can('selfreg.campaign');

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      code
        ? {
            responsibleName: code.responsibleName,
            responsiblePhone: code.responsiblePhone,
            expiresOn: dayjs(expiryDay(code.expiresAt)),
            note: code.note ?? '',
            askEveryone: code.askEveryone,
          }
        : {
            scope: 'area',
            areaId: (PICKABLE as readonly string[]).includes(me.scope.level) ? me.scope.id : undefined,
            purpose: 'resident',
            responsibleName: me.user.displayName,
            expiresOn: dayjs(addDays(today, DEFAULT_DAYS)),
            askEveryone: false,
          },
    );
  }, [open, code, form, me, today]);

  const { saving, submit } = useSubmit(
    form,
    (v) => {
      const common = {
        responsibleName: v.responsibleName.trim(),
        responsiblePhone: v.responsiblePhone.trim(),
        expiresOn: v.expiresOn.format('YYYY-MM-DD'),
        ...(campaign ? { askEveryone: !!v.askEveryone } : {}),
      };
      if (code)
        return api.patch('/api/reg-codes/:id', {
          params: { id: code.id },
          body: { ...common, note: v.note?.trim() || null },
        });
      return api.post('/api/reg-codes', {
        body: {
          ...common,
          ...(v.scope === 'courtyard' ? { courtyardId: v.courtyardId } : { areaId: v.areaId }),
          purpose: v.purpose,
          ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        },
      });
    },
    onSaved,
    code ? t('common.saved') : t('selfreg.codes.created'),
  );

  return (
    <FormModal
      open={open}
      title={code ? t('selfreg.codes.editTitle') : t('selfreg.codes.createTitle')}
      okText={t('common.save')}
      okTestId="code-form-submit"
      saving={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      form={form}
      formTestId="code-form"
      width={600}
      intro={
        code ? (
          <Descriptions
            size="small"
            column={1}
            style={{ marginBottom: 12 }}
            items={[
              { key: 'place', label: t('selfreg.codes.place'), children: code.placeName },
              { key: 'purpose', label: t('selfreg.codes.purpose'), children: purposeLabel(t, code.purpose) },
            ]}
          />
        ) : undefined
      }
    >
      {!code && (
        <>
          <Form.Item name="scope" label={t('selfreg.codes.scope')}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={[
                { value: 'area', label: t('selfreg.codes.scope.area') },
                { value: 'courtyard', label: t('selfreg.codes.scope.courtyard') },
              ]}
            />
          </Form.Item>
          {scope === 'area' ? (
            <Form.Item
              name="areaId"
              label={t('selfreg.codes.area')}
              extra={t('selfreg.codes.areaHint', {
                levels: PICKABLE.map((l) => levelLabel(t, l)).join(t('common.listSep')),
              })}
              rules={[{ required: true, message: t('selfreg.codes.areaRequired') }]}
            >
              <AreaTreeSelect levels={PICKABLE} known={me.scope} data-testid="code-form-area" />
            </Form.Item>
          ) : (
            <Form.Item
              name="courtyardId"
              label={t('selfreg.codes.courtyard')}
              rules={[{ required: true, message: t('selfreg.codes.courtyardRequired') }]}
            >
              <CourtyardSelect data-testid="code-form-courtyard" />
            </Form.Item>
          )}
          <Form.Item name="purpose" label={t('selfreg.codes.purpose')} rules={[{ required: true }]}>
            <Select
              options={CODE_PURPOSES.map((p) => ({ value: p, label: purposeLabel(t, p) }))}
              data-testid="code-form-purpose"
            />
          </Form.Item>
        </>
      )}
      <Form.Item
        name="responsibleName"
        label={t('selfreg.codes.responsibleName')}
        rules={[{ required: true, whitespace: true, message: t('selfreg.codes.responsibleRequired') }, { max: 30 }]}
      >
        <Input maxLength={30} data-testid="code-form-name" />
      </Form.Item>
      <Form.Item
        name="responsiblePhone"
        label={t('selfreg.codes.responsiblePhone')}
        extra={t('selfreg.codes.phoneHint')}
        rules={[
          { required: true, whitespace: true, message: t('selfreg.codes.phoneRequired') },
          { validator: phoneValidator(t) },
        ]}
      >
        <Input maxLength={40} inputMode="tel" data-testid="code-form-phone" />
      </Form.Item>
      <Form.Item
        name="expiresOn"
        label={t('selfreg.codes.expiresOn')}
        extra={t('selfreg.codes.expiresHint')}
        rules={[{ required: true }]}
      >
        <DatePicker
          style={{ width: '100%' }}
          allowClear={false}
          disabledDate={(d) => d.format('YYYY-MM-DD') < today}
          data-testid="code-form-expires"
        />
      </Form.Item>
      <Form.Item name="note" label={t('selfreg.codes.note')}>
        <Input.TextArea rows={2} maxLength={200} showCount />
      </Form.Item>
      {campaign && (
        <>
          <Form.Item
            name="askEveryone"
            label={t('selfreg.codes.askEveryone')}
            valuePropName="checked"
            style={{ marginBottom: 8 }}
          >
            <Switch data-testid="code-form-ask-everyone" />
          </Form.Item>
          <Alert type="info" showIcon title={t('selfreg.codes.askEveryoneHint')} />
        </>
      )}
    </FormModal>
  );
}
