/** Create an account, or edit one's name, phone, role and area. */
import { Form, Input, Select } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLE_SCOPE_LEVEL, ROLES, roleFitsLevel } from '../../../domain/permissions.js';
import type { Role } from '../../../domain/permissions.js';
import { api, type BodyOf, type Result } from '../../api/client.js';
import { passwordPolicyText, passwordRules } from '../../auth/passwordRules.js';
import { AreaTreeSelect, type AreaRef } from '../../components/AreaTreeSelect.js';
import { FormModal } from '../../components/FormModal.js';
import { useSubmit } from '../../components/useSubmit.js';
import { levelLabel, roleLabel } from '../../i18n/labels.js';

export type UserDto = Result<'GET', '/api/users/:id'>;
export type UserFormTarget = { mode: 'create' } | { mode: 'edit'; user: UserDto };

interface Values {
  username: string;
  displayName: string;
  phone?: string;
  role: Role;
  areaId: string;
  initialPassword: string;
}

interface Props {
  target: UserFormTarget | null;
  onClose: () => void;
  onSaved: (user: UserDto) => void;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,39}$/;
const MOBILE = /^(\+?86)?1[3-9]\d{9}$/;

/** The fields an edit changed; nothing when none did. */
function changes(u: UserDto, values: Values, phone: string | null): BodyOf<'PATCH', '/api/users/:id'> {
  const patch: BodyOf<'PATCH', '/api/users/:id'> = {};
  if (values.displayName.trim() !== u.displayName) patch.displayName = values.displayName.trim();
  if (phone !== (u.phone ?? null)) patch.phone = phone;
  if (values.role !== u.role) patch.role = values.role;
  if (values.areaId !== u.area.id) patch.areaId = values.areaId;
  return patch;
}

export function UserFormModal({ target, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const areaRef = useRef<AreaRef | null>(null);
  const editing = target?.mode === 'edit' ? target.user : null;

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'edit') {
      const u = target.user;
      areaRef.current = u.area;
      form.setFieldsValue({ displayName: u.displayName, phone: u.phone ?? '', role: u.role, areaId: u.area.id });
    } else {
      areaRef.current = null;
    }
  }, [target, form]);

  const { saving, submit } = useSubmit(
    form,
    async (values): Promise<UserDto> => {
      const phone = values.phone?.trim() ? values.phone.trim() : null;
      if (!editing) {
        return api.post('/api/users', {
          body: {
            username: values.username.trim().toLowerCase(),
            displayName: values.displayName.trim(),
            phone,
            role: values.role,
            areaId: values.areaId,
            initialPassword: values.initialPassword,
          },
        });
      }
      const patch = changes(editing, values, phone);
      return Object.keys(patch).length
        ? api.patch('/api/users/:id', { params: { id: editing.id }, body: patch })
        : editing;
    },
    onSaved,
    editing ? t('common.saved') : t('users.createdOk'),
  );

  return (
    <FormModal<Values>
      open={target !== null}
      title={editing ? t('users.editTitle', { name: editing.displayName }) : t('users.createTitle')}
      okText={t('common.save')}
      saving={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      form={form}
      formTestId="user-form"
      width={560}
    >
      {!editing && (
        <Form.Item
          name="username"
          label={t('users.username')}
          rules={[
            { required: true, message: t('users.usernameRequired') },
            { pattern: USERNAME, message: t('users.usernameFormat') },
          ]}
          normalize={(v: string) => v?.toLowerCase()}
        >
          <Input autoComplete="off" maxLength={40} />
        </Form.Item>
      )}
      <Form.Item
        name="displayName"
        label={t('users.displayName')}
        rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}
      >
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t('users.phone')}
        rules={[
          {
            validator: (_r, v: unknown) => {
              const s = typeof v === 'string' ? v.replace(/[\s-]/g, '') : '';
              return s && !MOBILE.test(s) ? Promise.reject(new Error(t('users.phoneFormat'))) : Promise.resolve();
            },
          },
        ]}
      >
        <Input maxLength={20} inputMode="tel" />
      </Form.Item>
      <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('users.roleRequired') }]}>
        <Select
          options={ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))}
          onChange={() => {
            if (form.getFieldValue('areaId')) void form.validateFields(['areaId']).catch(() => undefined);
          }}
        />
      </Form.Item>
      <Form.Item
        name="areaId"
        label={t('users.area')}
        dependencies={['role']}
        rules={[
          { required: true, message: t('users.areaRequired') },
          ({ getFieldValue }) => ({
            validator: () => {
              const role = getFieldValue('role') as Role | undefined;
              const area = areaRef.current;
              const required = role ? ROLE_SCOPE_LEVEL[role] : null;
              if (role && area && required && !roleFitsLevel(role, area.level))
                return Promise.reject(new Error(t('users.roleLevel', { level: levelLabel(t, required) })));
              return Promise.resolve();
            },
          }),
        ]}
      >
        <AreaTreeSelect
          known={editing?.area ?? null}
          onPick={(area) => {
            areaRef.current = area;
          }}
          placeholder={t('users.area')}
        />
      </Form.Item>
      {!editing && (
        <Form.Item
          name="initialPassword"
          label={t('users.initialPassword')}
          extra={
            <>
              <div>{t('users.initialPasswordHint')}</div>
              <div>{passwordPolicyText(t)}</div>
            </>
          }
          rules={passwordRules(t, () => form.getFieldValue('username') as string | undefined)}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      )}
    </FormModal>
  );
}
