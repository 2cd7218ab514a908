/** 登记人员: register one person on a grid, checked as typed, with the server's refusals explained. */
import { App, Form } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, isApiError } from '../../api/client.js';
import { useMe } from '../../auth/session.js';
import { AreaTreeSelect } from '../../components/AreaTreeSelect.js';
import { FormModal } from '../../components/FormModal.js';
import { EMPTY_PERSON, personBody, PersonFields, type PersonValues } from '../../components/PersonFields.js';
import { TransferModal, type TransferTarget } from '../../components/TransferModal.js';
import { useSubmit } from '../../components/useSubmit.js';
import { newId } from '../../lib/registry.js';

type Values = PersonValues & { gridId?: string };

export function PersonFormModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { modal, notification } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [transfer, setTransfer] = useState<TransferTarget | null>(null);
  /** One id per opening, so pressing "save" twice registers the person once. */
  const idRef = useRef(newId());
  const defaultGrid = me.scope.level === 'grid' ? me.scope.id : undefined;

  useEffect(() => {
    if (!open) return;
    idRef.current = newId();
    form.resetFields();
    form.setFieldsValue({ ...EMPTY_PERSON, gridId: defaultGrid });
  }, [open, form, defaultGrid]);

  /** The two refusals that point somewhere (the existing record, a transfer); true when explained. */
  const explain = (
    err: unknown,
    body: { docType: TransferTarget['docType']; docNumber: string; gridId: string; name: string },
  ) => {
    if (isApiError(err, 'PERSON_EXISTS')) {
      form.setFields([{ name: 'docNumber', errors: [t('persons.exists')] }]);
      const personId = typeof err.details?.personId === 'string' ? err.details.personId : null;
      modal.confirm({
        title: t('persons.exists'),
        content: err.localized(),
        okText: t('persons.openExisting'),
        cancelText: t('common.cancel'),
        okButtonProps: { disabled: !personId },
        onOk: () => {
          onClose();
          if (personId) void navigate(`/persons/${personId}`);
        },
      });
    } else if (isApiError(err, 'PERSON_REGISTERED_ELSEWHERE')) {
      form.setFields([{ name: 'docNumber', errors: [t('persons.elsewhere')] }]);
      const target: TransferTarget = {
        docType: body.docType,
        docNumber: body.docNumber,
        toGridId: body.gridId,
        name: body.name,
      };
      modal.confirm({
        title: t('persons.elsewhere'),
        content: t('persons.elsewhereHint'),
        okText: t('persons.requestTransfer'),
        cancelText: t('common.cancel'),
        onOk: () => setTransfer(target),
      });
    } else return false;
    return true;
  };

  const { saving, submit } = useSubmit(
    form,
    async (values) => {
      const body = { ...personBody({ ...values, id: idRef.current }), gridId: values.gridId ?? '' };
      try {
        return await api.post('/api/persons', { body });
      } catch (err) {
        if (explain(err, body)) return null;
        throw err;
      }
    },
    (created) => {
      if (!created) return;
      if (created.warnings.length) {
        notification.warning({
          title: t('persons.warnings', {
            list: created.warnings.map((w) => t(`doc.warning.${w}`, { number: created.docNumber ?? '' })).join('；'),
          }),
          duration: 8,
        });
      }
      onClose();
      void navigate(`/persons/${created.id}`);
    },
    (created) => (created ? t('persons.createdOk') : null),
  );

  return (
    <>
      <FormModal
        open={open}
        title={t('persons.createTitle')}
        okText={t('common.save')}
        saving={saving}
        onOk={() => void submit()}
        onCancel={onClose}
        form={form}
        formTestId="person-form"
        width={720}
      >
        <Form.Item
          name="gridId"
          label={t('person.grid')}
          rules={[{ required: true, message: t('person.gridRequired') }]}
        >
          <AreaTreeSelect
            onlyGrids
            placeholder={t('courtyards.gridPlaceholder')}
            known={me.scope}
            data-testid="person-grid"
          />
        </Form.Item>
        <PersonFields form={form} extended showDerived />
      </FormModal>
      <TransferModal target={transfer} onClose={() => setTransfer(null)} />
    </>
  );
}
