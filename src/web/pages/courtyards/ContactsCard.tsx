/** 责任人: the courtyard's responsible people (grid worker, building heads, property manager, volunteers). */
import { PlusOutlined, SafetyOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Form, Input, Modal, Select, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHasEndpoint } from '../../api/capabilities.js';
import { legacyApi } from '../../api/legacy.js';
import { showError, toastSuccess } from '../../api/feedback.js';
import type { ContactDto, ContactRole, CourtyardDetailDto } from '../../api/types.js';
import { useCan } from '../../auth/session.js';
import { contactRoleLabel } from '../../i18n/labels.js';
import { normalPhone, phoneValidator } from '../../lib/registry.js';

const ROLES: ContactRole[] = ['grid_worker', 'building_head', 'property_manager', 'volunteer', 'other'];

interface Values {
  role: ContactRole;
  name: string;
  phone?: string;
  buildingId?: string | null;
}

export function ContactsCard({ courtyard, onChanged }: { courtyard: CourtyardDetailDto; onChanged(): void }) {
  const { t } = useTranslation();
  const can = useCan();
  const canAdd = useHasEndpoint('POST', '/api/courtyards/:id/contacts');
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<Values>();
  const contacts = courtyard.contacts;
  const buildingLabel = (id: string | null) => courtyard.buildings.find((b) => b.id === id)?.label ?? t('common.none');

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      await legacyApi.post(`/api/courtyards/${courtyard.id}/contacts`, {
        role: v.role,
        name: v.name.trim(),
        phone: normalPhone(v.phone),
        buildingId: v.buildingId ?? null,
      });
      toastSuccess(t('courtyard.savedOk'));
      setOpen(false);
      onChanged();
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  const columns: TableColumnsType<ContactDto> = [
    {
      title: t('courtyard.contactRole'),
      dataIndex: 'role',
      key: 'role',
      render: (r: string) => contactRoleLabel(t, r),
    },
    { title: t('courtyard.contactName'), dataIndex: 'name', key: 'name' },
    {
      title: t('courtyard.contactPhone'),
      dataIndex: 'phone',
      key: 'phone',
      className: 'ss-mono',
      render: (p: string | null) => p ?? t('common.none'),
    },
    {
      title: t('courtyard.contactBuilding'),
      dataIndex: 'buildingId',
      key: 'building',
      render: (id: string | null) => buildingLabel(id),
    },
  ];

  return (
    <Card
      title={
        <Space>
          <SafetyOutlined />
          {t('courtyard.contacts')}
        </Space>
      }
      extra={
        can('place.manage') &&
        canAdd && (
          <Button
            icon={<PlusOutlined />}
            className="ss-no-print"
            onClick={() => {
              form.resetFields();
              form.setFieldsValue({ role: 'building_head' });
              setOpen(true);
            }}
            data-testid="contact-add"
          >
            {t('courtyard.addContact')}
          </Button>
        )
      }
      data-testid="courtyard-contacts"
    >
      {contacts === undefined ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('courtyard.contactsUnavailable')} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={contacts}
          pagination={false}
          locale={{ emptyText: t('courtyard.contactsEmpty') }}
        />
      )}
      <Modal
        open={open}
        title={t('courtyard.addContact')}
        onCancel={() => setOpen(false)}
        onOk={() => void submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" requiredMark="optional" data-testid="contact-form">
          <Form.Item
            name="role"
            label={t('courtyard.contactRole')}
            rules={[{ required: true, message: t('courtyard.contactRoleRequired') }]}
          >
            <Select options={ROLES.map((r) => ({ value: r, label: contactRoleLabel(t, r) }))} />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('courtyard.contactName')}
            rules={[{ required: true, whitespace: true, message: t('courtyard.contactNameRequired') }]}
          >
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('courtyard.contactPhone')}
            validateTrigger={['onBlur']}
            rules={[{ required: true, message: t('phone.problem') }, { validator: phoneValidator(t) }]}
          >
            <Input maxLength={20} inputMode="tel" />
          </Form.Item>
          {courtyard.buildings.length > 0 && (
            <Form.Item name="buildingId" label={t('courtyard.contactBuilding')}>
              <Select allowClear options={courtyard.buildings.map((b) => ({ value: b.id, label: b.label }))} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
