/**
 * "导出" dropdown for persons (a search, an area or a courtyard): CSV or Excel,
 * masked by default; users with person.export_unmasked also get "未脱敏导出…",
 * which asks for a reason and warns that the file is sensitive, audited and
 * watermarked. The server checks the request first so a refusal shows as a message;
 * the file then streams to disk through a plain link.
 */
import {
  DownOutlined,
  ExportOutlined,
  FileExcelOutlined,
  FileTextOutlined,
  SafetyCertificateOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Alert, Button, Dropdown, Form, Input, Radio } from 'antd';
import type { MenuProps } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, download } from '../api/client.js';
import { showError, toastSuccess } from '../api/feedback.js';
import { useCan } from '../auth/session.js';
import { FormModal } from './FormModal.js';
import { useSubmit } from './useSubmit.js';

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportTarget {
  areaId?: string | null | undefined;
  courtyardId?: string | null | undefined;
  /** A name fragment (as in the persons search). */
  q?: string | null | undefined;
}

interface Props {
  target: ExportTarget;
  /** What is exported, in words ("三盛都会城网格", "测试花园"). */
  scopeLabel: string;
  size?: 'small' | 'middle' | 'large';
  'data-testid'?: string;
}

function exportUrl(target: ExportTarget, format: ExportFormat, unmasked?: { reason: string }): string {
  return api.url('/api/exports/persons', {
    query: {
      format,
      areaId: target.areaId ?? undefined,
      courtyardId: target.courtyardId ?? undefined,
      q: target.q ?? undefined,
      unmasked: unmasked ? 'true' : undefined,
      reason: unmasked?.reason,
    },
  });
}

export function ExportButton({ target, scopeLabel, size, ...rest }: Props) {
  const { t } = useTranslation();
  const can = useCan();
  const [busy, setBusy] = useState(false);
  const [unmaskedOpen, setUnmaskedOpen] = useState(false);
  const testId = rest['data-testid'] ?? 'export';
  if (!can('person.export')) return null;

  const run = async (format: ExportFormat) => {
    setBusy(true);
    try {
      const name = await download(exportUrl(target, format), `persons.${format}`, { preflight: true });
      toastSuccess(t('export.done', { name }));
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  const items: MenuProps['items'] = [
    {
      type: 'group',
      key: 'scope',
      label: <span data-testid={`${testId}-scope`}>{t('export.scope', { scope: scopeLabel })}</span>,
      children: [
        { key: 'csv', icon: <FileTextOutlined />, label: <span data-testid={`${testId}-csv`}>{t('export.csv')}</span> },
        {
          key: 'xlsx',
          icon: <FileExcelOutlined />,
          label: <span data-testid={`${testId}-xlsx`}>{t('export.xlsx')}</span>,
        },
      ],
    },
    ...(can('person.export_unmasked')
      ? [
          { type: 'divider' as const, key: 'd1' },
          {
            key: 'unmasked',
            danger: true,
            icon: <WarningOutlined />,
            label: <span data-testid={`${testId}-unmasked`}>{t('export.unmasked')}</span>,
          },
        ]
      : []),
    { type: 'divider' as const, key: 'd2' },
    {
      key: 'notice',
      disabled: true,
      icon: <SafetyCertificateOutlined />,
      label: (
        <span style={{ whiteSpace: 'normal', display: 'inline-block', maxWidth: 260, fontSize: 12 }}>
          {t('export.maskedNotice')}
        </span>
      ),
    },
  ];

  return (
    <>
      <Dropdown
        trigger={['click']}
        disabled={busy}
        menu={{
          items,
          onClick: ({ key }) => {
            if (key === 'csv' || key === 'xlsx') void run(key);
            else if (key === 'unmasked') setUnmaskedOpen(true);
          },
        }}
      >
        <Button size={size} icon={<ExportOutlined />} loading={busy} data-testid={testId}>
          {busy ? t('export.preparing') : t('export.button')} <DownOutlined />
        </Button>
      </Dropdown>
      {can('person.export_unmasked') && (
        <UnmaskedExportModal
          open={unmaskedOpen}
          target={target}
          scopeLabel={scopeLabel}
          onClose={() => setUnmaskedOpen(false)}
          testId={testId}
        />
      )}
    </>
  );
}

interface ModalProps {
  open: boolean;
  target: ExportTarget;
  scopeLabel: string;
  onClose: () => void;
  testId: string;
}

function UnmaskedExportModal({ open, target, scopeLabel, onClose, testId }: ModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string; format: ExportFormat }>();
  useEffect(() => {
    if (open) form.setFieldsValue({ format: 'xlsx', reason: '' });
  }, [open, form]);

  const { saving, submit } = useSubmit(
    form,
    (values) =>
      download(exportUrl(target, values.format, { reason: values.reason.trim() }), `persons.${values.format}`, {
        preflight: true,
      }),
    onClose,
    (name) => t('export.done', { name }),
  );

  return (
    <FormModal
      open={open}
      title={t('export.unmaskedTitle')}
      okText={t('export.submit')}
      okTestId={`${testId}-unmasked-submit`}
      okExtra={{ danger: true }}
      saving={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      form={form}
      intro={
        <Alert
          type="warning"
          showIcon
          title={t('export.unmaskedWarning')}
          style={{ marginBottom: 16 }}
          data-testid={`${testId}-unmasked-warning`}
        />
      }
    >
      <Form.Item label={t('export.scopeLabel')}>{scopeLabel}</Form.Item>
      <Form.Item name="format" label={t('export.format')}>
        <Radio.Group
          options={[
            { value: 'xlsx', label: 'Excel (.xlsx)' },
            { value: 'csv', label: 'CSV' },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('export.reason')}
        rules={[
          {
            validator: (_rule, value: unknown) => {
              const n = typeof value === 'string' ? value.trim().length : 0;
              return n < 4 || n > 200 ? Promise.reject(new Error(t('export.reasonRequired'))) : Promise.resolve();
            },
          },
        ]}
      >
        <Input.TextArea
          rows={3}
          maxLength={200}
          showCount
          placeholder={t('export.reasonPlaceholder')}
          data-testid={`${testId}-unmasked-reason`}
        />
      </Form.Item>
    </FormModal>
  );
}
