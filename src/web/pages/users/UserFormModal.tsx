/** Create an account, or edit one's name, phone, role and area. */
import { Form, Input, Modal, Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLE_SCOPE_LEVEL, ROLES, roleFitsLevel } from '../../../domain/permissions.js';
import type { Role } from '../../../domain/permissions.js';
import { legacyApi } from '../../api/legacy.js';
import { showError, toastSuccess } from '../../api/feedback.js';
import type { UserDto } from '../../api/types.js';
import { passwordPolicyText, passwordRules } from '../../auth/passwordRules.js';
import { AreaTreeSelect, type AreaRef } from '../../components/AreaTreeSelect.js';
import { levelLabel, roleLabel } from '../../i18n/labels.js';

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
  onClose(): void;
  onSaved(user: UserDto): void;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,39}$/;
const MOBILE = /^(\+?86)?1[3-9]\d{9}$/;

export function UserFormModal({ target, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
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

  const submit = async () => {
    if (!target) return;
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const phone = values.phone?.trim() ? values.phone.trim() : null;
    setSaving(true);
    try {
      let saved: UserDto;
      if (target.mode === 'create') {
        saved = await legacyApi.post<UserDto>('/api/users', {
          username: values.username.trim().toLowerCase(),
          displayName: values.displayName.trim(),
          phone,
          role: values.role,
          areaId: values.areaId,
          initialPassword: values.initialPassword,
        });
        toastSuccess(t('users.createdOk'));
      } else {
        const u = target.user;
        const patch: Record<string, unknown> = {};
        if (values.displayName.trim() !== u.displayName) patch.displayName = values.displayName.trim();
        if (phone !== (u.phone ?? null)) patch.phone = phone;
        if (values.role !== u.role) patch.role = values.role;
        if (values.areaId !== u.area.id) patch.areaId = values.areaId;
        saved = Object.keys(patch).length ? await legacyApi.patch<UserDto>(`/api/users/${u.id}`, patch) : u;
        toastSuccess(t('common.saved'));
      }
      onSaved(saved);
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={target !== null}
      title={editing ? t('users.editTitle', { name: editing.displayName }) : t('users.createTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
      width={560}
    >
      <Form<Values> form={form} layout="vertical" requiredMark="optional" data-testid="user-form">
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
              validator: async (_r, v: unknown) => {
                const s = String(v ?? '').replace(/[\s-]/g, '');
                if (s && !MOBILE.test(s)) throw new Error(t('users.phoneFormat'));
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
              validator: async () => {
                const role = getFieldValue('role') as Role | undefined;
                const area = areaRef.current;
                if (!role || !area) return;
                const required = ROLE_SCOPE_LEVEL[role];
                if (required && !roleFitsLevel(role, area.level)) {
                  throw new Error(t('users.roleLevel', { level: levelLabel(t, required) }));
                }
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
      </Form>
    </Modal>
  );
}
