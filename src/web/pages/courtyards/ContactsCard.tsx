/** 责任人: the courtyard's responsible people (grid worker, building heads, property manager, volunteers). */
import { PlusOutlined, SafetyOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import type { ContactDto, ContactRole, CourtyardDetailDto } from '../../api/registry.js';
import { useCan } from '../../auth/session.js';
import { FormModal } from '../../components/FormModal.js';
import { useSubmit } from '../../components/useSubmit.js';
import { contactRoleLabel } from '../../i18n/labels.js';
import { normalPhone, phoneValidator } from '../../lib/registry.js';

const ROLES: ContactRole[] = ['grid_worker', 'building_head', 'property_manager', 'volunteer', 'other'];

interface Values {
  role: ContactRole;
  name: string;
  phone?: string;
  buildingId?: string | null;
}

export function ContactsCard({ courtyard, onChanged }: { courtyard: CourtyardDetailDto; onChanged: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const buildingLabel = (id: string | null) => courtyard.buildings.find((b) => b.id === id)?.label ?? t('common.none');

  const { saving, submit } = useSubmit(
    form,
    (v) =>
      api.post('/api/courtyards/:id/contacts', {
        params: { id: courtyard.id },
        body: {
          role: v.role,
          name: v.name.trim(),
          phone: normalPhone(v.phone) ?? '',
          buildingId: v.buildingId ?? null,
        },
      }),
    () => {
      setOpen(false);
      onChanged();
    },
    t('courtyard.savedOk'),
  );

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
        can('place.manage') && (
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
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={courtyard.contacts}
        pagination={false}
        locale={{ emptyText: t('courtyard.contactsEmpty') }}
      />
      <FormModal
        open={open}
        title={t('courtyard.addContact')}
        okText={t('common.save')}
        saving={saving}
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
        form={form}
        formTestId="contact-form"
      >
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
      </FormModal>
    </Card>
  );
}
