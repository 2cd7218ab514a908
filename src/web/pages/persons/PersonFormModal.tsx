/** 登记人员: register one person on a grid, checked as typed, with the server's refusals explained. */
import { App, Form, Modal } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useHasEndpoint } from '../../api/capabilities.js';
import { isApiError } from '../../api/client.js';
import { api } from '../../api/client.js';
import { showError, toastSuccess } from '../../api/feedback.js';
import type { CreatedPersonDto, DocType } from '../../api/types.js';
import { useMe } from '../../auth/session.js';
import { AreaTreeSelect } from '../../components/AreaTreeSelect.js';
import { EMPTY_PERSON, personBody, PersonFields, type PersonValues } from '../../components/PersonFields.js';
import { TransferModal, type TransferTarget } from '../../components/TransferModal.js';
import { newId } from '../../lib/registry.js';

type Values = PersonValues & { gridId?: string };

export function PersonFormModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { modal, notification } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [transfer, setTransfer] = useState<TransferTarget | null>(null);
  const canTransfer = useHasEndpoint('POST', '/api/transfers');
  /** One id per opening, so pressing "save" twice registers the person once. */
  const idRef = useRef(newId());
  const defaultGrid = me.scope.level === 'grid' ? me.scope.id : undefined;

  useEffect(() => {
    if (!open) return;
    idRef.current = newId();
    form.resetFields();
    form.setFieldsValue({ ...EMPTY_PERSON, gridId: defaultGrid });
  }, [open, form, defaultGrid]);

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    const body = { ...personBody({ ...values, id: idRef.current }), gridId: values.gridId! };
    try {
      const created = await api.post('/api/persons', { body });
      toastSuccess(t('persons.createdOk'));
      if (created.warnings.length) {
        notification.warning({
          title: t('persons.warnings', {
            list: created.warnings.map((w) => t(`doc.warning.${w}`, { number: created.docNumber ?? '' })).join('；'),
          }),
          duration: 8,
        });
      }
      onClose();
      navigate(`/persons/${created.id}`);
    } catch (err) {
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
            if (personId) navigate(`/persons/${personId}`);
          },
        });
      } else if (isApiError(err, 'PERSON_REGISTERED_ELSEWHERE')) {
        form.setFields([{ name: 'docNumber', errors: [t('persons.elsewhere')] }]);
        const target: TransferTarget = {
          docType: body.docType as DocType,
          docNumber: body.docNumber,
          toGridId: body.gridId,
          name: body.name,
        };
        if (canTransfer) {
          modal.confirm({
            title: t('persons.elsewhere'),
            content: t('persons.elsewhereHint'),
            okText: t('persons.requestTransfer'),
            cancelText: t('common.cancel'),
            onOk: () => setTransfer(target),
          });
        } else {
          modal.warning({ title: t('persons.elsewhere'), content: err.localized(), okText: t('common.ok') });
        }
      } else {
        showError(err, form);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Modal
        open={open}
        title={t('persons.createTitle')}
        onCancel={onClose}
        onOk={() => void submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        width={720}
        destroyOnHidden
      >
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark="optional"
          data-testid="person-form"
          initialValues={{ ...EMPTY_PERSON, gridId: defaultGrid }}
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
        </Form>
      </Modal>
      <TransferModal target={transfer} onClose={() => setTransfer(null)} />
    </>
  );
}
