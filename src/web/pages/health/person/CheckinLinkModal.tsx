/**
 * Issues a personal check-in link (for the person, or for the household they head)
 * and shows it as a QR code and as text. The token is shown once: the server keeps
 * only its hash. The QR code is drawn here from the full address (this console's
 * origin + the link's path) unless the server's own holds the full public address
 * (useQrSvg). Below the form, the links already issued, each with a revoke button; the
 * link just issued can be revoked at once too (handed to the wrong family).
 */
import { CopyOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Alert, Button, Divider, Form, Modal, Radio, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Result } from '../../../api/client.js';
import { toastSuccess } from '../../../api/feedback.js';
import { useQrSvg } from '../../../components/phoneQr.js';
import { useSubmit } from '../../../components/useSubmit.js';
import { formatTime } from '../../../lib/format.js';
import { CheckinLinksList, RevokeLinkButton } from './CheckinLinksList.js';

type CheckinLink = Result<'POST', '/api/health-persons/:id/checkin-links'>;

export function CheckinLinkModal({
  open,
  personId,
  onClose,
}: {
  open: boolean;
  personId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ scope: 'person' | 'household' }>();
  const [link, setLink] = useState<CheckinLink | null>(null);
  const [revoked, setRevoked] = useState(false);
  useEffect(() => {
    if (!open) return;
    setLink(null);
    setRevoked(false);
    form.setFieldsValue({ scope: 'person' });
  }, [open, form]);

  const { saving, submit: issue } = useSubmit(
    form,
    (v) => api.post('/api/health-persons/:id/checkin-links', { params: { id: personId }, body: { scope: v.scope } }),
    setLink,
    null,
  );

  // The server's address for phones (PUBLIC_URL) when configured; otherwise this console's own.
  const { url, svg: qr } = useQrSvg(link);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      toastSuccess(t('health.link.copied'));
    } catch {
      // No clipboard (plain HTTP): the text stays selectable.
    }
  };

  return (
    <Modal open={open} title={t('health.link.title')} onCancel={onClose} footer={null} width={640} destroyOnHidden>
      {!link ? (
        <>
          <Form form={form} layout="vertical" onFinish={() => void issue()}>
            <Form.Item name="scope" label={t('health.link.scope')} extra={t('health.link.scopeHint')}>
              <Radio.Group
                options={[
                  {
                    value: 'person',
                    label: <span data-testid="link-scope-person">{t('health.link.scope.person')}</span>,
                  },
                  {
                    value: 'household',
                    label: <span data-testid="link-scope-household">{t('health.link.scope.household')}</span>,
                  },
                ]}
              />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              icon={<QrcodeOutlined />}
              loading={saving}
              data-testid="link-issue"
            >
              {t('health.link.issue')}
            </Button>
          </Form>
          <Divider />
          <CheckinLinksList personId={personId} />
        </>
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="link-result">
          <div
            className="ss-qr"
            style={{ width: 220, height: 220, margin: '0 auto' }}
            role="img"
            aria-label={t('health.link.qr')}
            // SVG drawn by the qrcode library from the link's address, not user input.
            dangerouslySetInnerHTML={{ __html: qr ?? '' }}
            data-testid="link-qr"
          />
          <Typography.Paragraph
            copyable={false}
            className="ss-mono"
            style={{ wordBreak: 'break-all', margin: 0 }}
            data-testid="link-url"
          >
            {url}
          </Typography.Paragraph>
          <Space wrap>
            <Button icon={<CopyOutlined />} onClick={() => void copy()}>
              {t('health.link.copy')}
            </Button>
            <Typography.Text type="secondary">
              {t('health.link.expires', { at: formatTime(link.expiresAt).slice(0, 16) })}
            </Typography.Text>
            {revoked ? (
              <Tag color="red" data-testid="link-revoked">
                {t('health.link.state.revoked')}
              </Tag>
            ) : (
              <RevokeLinkButton linkId={link.id} onRevoked={() => setRevoked(true)} />
            )}
          </Space>
          <Alert type="warning" showIcon title={t('health.link.once')} />
        </Space>
      )}
    </Modal>
  );
}
