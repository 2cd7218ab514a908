/** Step 1: the target area (a grid, or a community with a 网格 column) and the ledger file. */
import { CheckCircleFilled, InboxOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Progress, Space, Typography, Upload } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { fieldLabel, showError } from '../../api/feedback.js';
import { AreaTreeSelect, type AreaRef } from '../../components/AreaTreeSelect.js';
import { ACCEPTED, formatSize, MAX_UPLOAD_BYTES, uploadLedger, type UploadDto } from './importApi.js';

const TARGET_LEVELS = ['grid', 'community'] as const;

interface Props {
  target: AreaRef | null;
  onTarget: (area: AreaRef | null) => void;
  uploaded: UploadDto | null;
  onUploaded: (dto: UploadDto | null) => void;
  onNext: () => void;
}

export function UploadStep({ target, onTarget, uploaded, onUploaded, onNext }: Props) {
  const { t } = useTranslation();
  const [sending, setSending] = useState<{ name: string; size: number; percent: number } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const abortRef = useRef<AbortController | null>(null);

  const send = async (file: File) => {
    setProblem(null);
    const name = file.name.toLowerCase();
    if (!ACCEPTED.some((ext) => name.endsWith(ext))) {
      setProblem(t('imports.badType'));
      return;
    }
    if (file.size > MAX_UPLOAD_BYTES) {
      setProblem(t('imports.tooLarge'));
      return;
    }
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    onUploaded(null);
    setSending({ name: file.name, size: file.size, percent: 0 });
    try {
      const dto = await uploadLedger(
        file,
        (percent) => setSending((s) => (s ? { ...s, percent } : s)),
        controller.signal,
      );
      if (!controller.signal.aborted) onUploaded(dto);
    } catch (err) {
      if (controller.signal.aborted) return;
      const field = err instanceof ApiError ? err.fields.find((f) => f.field === 'file') : undefined;
      // An unreadable file: why, as the reader said it (in the refusal's details).
      const cause = err instanceof ApiError && typeof err.details?.cause === 'string' ? ` (${err.details.cause})` : '';
      if (field) setProblem(t(`imports.fileProblem.${field.reason}`, { defaultValue: fieldLabel(field) }) + cause);
      else if (err instanceof ApiError && err.status === 413) setProblem(t('imports.tooLarge'));
      else {
        setProblem(t('imports.uploadFailed'));
        showError(err);
      }
    } finally {
      if (abortRef.current === controller) setSending(null);
    }
  };

  return (
    <Form layout="vertical" style={{ maxWidth: 720 }} data-testid="import-upload-step">
      <Form.Item label={t('imports.target')} required extra={t('imports.targetHint')}>
        <AreaTreeSelect
          levels={TARGET_LEVELS}
          value={target?.id}
          known={target}
          onPick={onTarget}
          placeholder={t('imports.targetPlaceholder')}
          style={{ width: '100%', maxWidth: 420 }}
          data-testid="import-target"
        />
      </Form.Item>
      <Form.Item label={t('imports.step.upload')} required>
        <Upload.Dragger
          accept={ACCEPTED.join(',')}
          multiple={false}
          showUploadList={false}
          disabled={sending !== null}
          beforeUpload={(file) => {
            void send(file);
            return false;
          }}
          data-testid="import-dropzone"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('imports.drop')}</p>
          <p className="ant-upload-hint">{t('imports.dropHint')}</p>
        </Upload.Dragger>
      </Form.Item>
      {sending && (
        <div style={{ marginBottom: 16 }} data-testid="import-uploading">
          <Typography.Text>
            {t('imports.uploading', { name: sending.name, size: formatSize(sending.size) })}
          </Typography.Text>
          <Progress percent={sending.percent} size="small" status="active" />
        </div>
      )}
      {problem && (
        <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} data-testid="import-file-problem" />
      )}
      {uploaded && (
        <Alert
          type="success"
          showIcon
          icon={<CheckCircleFilled />}
          style={{ marginBottom: 16 }}
          data-testid="import-file"
          title={
            <Space size={8} wrap>
              <PaperClipOutlined />
              <span data-testid="import-file-name">
                {t('imports.fileInfo', { name: uploaded.filename, size: formatSize(uploaded.size) })}
              </span>
            </Space>
          }
          description={
            uploaded.sheet
              ? t('imports.sheetInfo', {
                  sheet: uploaded.sheet,
                  row: uploaded.headerRow,
                  count: uploaded.columns.length,
                })
              : t('imports.csvInfo', { row: uploaded.headerRow, count: uploaded.columns.length })
          }
        />
      )}
      {!target && uploaded && (
        <Alert type="warning" showIcon title={t('imports.targetRequired')} style={{ marginBottom: 16 }} />
      )}
      <Button type="primary" disabled={!uploaded || !target} onClick={onNext} data-testid="import-next">
        {t('imports.next')}
      </Button>
    </Form>
  );
}
