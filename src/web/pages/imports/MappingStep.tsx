/**
 * Step 2: each column of the file (header, sample values) with the field it is
 * imported as, prefilled from the server's guess. Required fields without a
 * column and fields chosen for two columns are flagged before submitting.
 */
import { Alert, Button, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.js';
import { showError } from '../../api/feedback.js';
import type { AreaRef } from '../../components/AreaTreeSelect.js';
import { columnLetter, startImport, type ImportColumn, type Mapping, type UploadDto } from './importApi.js';

interface Props {
  upload: UploadDto;
  target: AreaRef;
  onBack: () => void;
  onStarted: (jobId: string) => void;
}

export function MappingStep({ upload, target, onBack, onStarted }: Props) {
  const { t } = useTranslation();
  const [mapping, setMapping] = useState<Record<number, string | undefined>>(() =>
    Object.fromEntries(upload.columns.map((c) => [c.index, c.field ?? undefined])),
  );
  const [serverMissing, setServerMissing] = useState<string[]>([]);
  const [starting, setStarting] = useState(false);

  const fieldLabel = (key: string) =>
    t(`importField.${key}`, { defaultValue: upload.fields.find((f) => f.key === key)?.label ?? key });
  const required = useMemo(() => {
    const keys = upload.fields.filter((f) => f.required).map((f) => f.key);
    // A community target spreads rows over its grids: the 网格 column decides.
    if (target.level === 'community' && upload.fields.some((f) => f.key === 'grid') && !keys.includes('grid'))
      keys.push('grid');
    return keys;
  }, [upload.fields, target.level]);

  const columnsOf = new Map<string, number[]>();
  for (const c of upload.columns) {
    const key = mapping[c.index];
    if (key) columnsOf.set(key, [...(columnsOf.get(key) ?? []), c.index]);
  }
  const duplicates = [...columnsOf].filter(([, cols]) => cols.length > 1).map(([key]) => key);
  const missing = [
    ...new Set([...required.filter((k) => !columnsOf.has(k)), ...serverMissing.filter((k) => !columnsOf.has(k))]),
  ];
  const sep = t('common.listSep');

  const submit = async () => {
    const body: Mapping = {};
    for (const c of upload.columns) {
      const key = mapping[c.index];
      if (key) body[String(c.index)] = key;
    }
    setStarting(true);
    try {
      const { jobId } = await startImport(upload.uploadId, target.id, body);
      onStarted(jobId);
    } catch (err) {
      if (isApiError(err)) {
        const keys = err.details?.['fields'];
        if (Array.isArray(keys)) setServerMissing(keys.map(String));
      }
      showError(err);
    } finally {
      setStarting(false);
    }
  };

  const options = [
    { value: '', label: t('imports.skip') },
    ...upload.fields.map((f) => ({
      value: f.key,
      label: required.includes(f.key) ? t('imports.requiredMark', { label: fieldLabel(f.key) }) : fieldLabel(f.key),
    })),
  ];

  const columns: TableColumnsType<ImportColumn> = [
    {
      title: t('imports.column'),
      key: 'col',
      width: 72,
      render: (_: unknown, c) => <Typography.Text className="ss-mono">{columnLetter(c.index)}</Typography.Text>,
    },
    {
      title: t('imports.header'),
      key: 'header',
      width: 160,
      render: (_: unknown, c) => <Typography.Text strong>{c.header}</Typography.Text>,
    },
    {
      title: t('imports.samples'),
      key: 'sample',
      render: (_: unknown, c) => (
        <div className="ss-import-samples">
          {upload.sample.map((row, i) => (
            <span
              key={i}
              className={row[c.index] ? 'ss-import-sample' : 'ss-import-sample ss-import-sample-empty'}
              title={row[c.index] ?? ''}
            >
              {row[c.index] || t('common.none')}
            </span>
          ))}
        </div>
      ),
    },
    {
      title: t('imports.field'),
      key: 'field',
      width: 240,
      fixed: 'right',
      render: (_: unknown, c) => {
        const key = mapping[c.index];
        const others = key ? (columnsOf.get(key) ?? []).filter((i) => i !== c.index) : [];
        return (
          <Space orientation="vertical" size={2} style={{ width: '100%' }}>
            <Select
              value={key ?? ''}
              onChange={(v: string) => setMapping((m) => ({ ...m, [c.index]: v || undefined }))}
              options={options}
              status={others.length > 0 ? 'error' : undefined}
              style={{ width: '100%' }}
              showSearch={{ optionFilterProp: 'label' }}
              aria-label={t('imports.field')}
              data-testid={`import-map-${c.index}`}
            />
            {others.length > 0 ? (
              <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid={`import-map-${c.index}-duplicate`}>
                {t('imports.duplicate', { columns: others.map(columnLetter).join(sep) })}
              </Typography.Text>
            ) : (
              key &&
              key === c.field && (
                <Tag color="green" variant="outlined" style={{ fontSize: 12 }}>
                  {t('imports.guessed')}
                </Tag>
              )
            )}
          </Space>
        );
      },
    },
  ];

  const blocked = duplicates.length > 0 || missing.length > 0;
  return (
    <div data-testid="import-mapping-step">
      <Typography.Paragraph type="secondary">{t('imports.mappingHint')}</Typography.Paragraph>
      <Space orientation="vertical" size={8} style={{ width: '100%', marginBottom: 16 }}>
        {missing.length > 0 ? (
          <Alert
            type="error"
            showIcon
            title={t('imports.missing', { list: missing.map(fieldLabel).join(sep) })}
            description={missing.includes('grid') && target.level === 'community' ? t('imports.needGrid') : undefined}
            data-testid="import-mapping-missing"
          />
        ) : (
          <Alert type="success" showIcon title={t('imports.allRequired')} data-testid="import-mapping-ok" />
        )}
        {duplicates.length > 0 && (
          <Alert
            type="error"
            showIcon
            title={t('imports.duplicates', { list: duplicates.map(fieldLabel).join(sep) })}
            data-testid="import-mapping-duplicates"
          />
        )}
      </Space>
      <Table<ImportColumn>
        rowKey="index"
        size="small"
        columns={columns}
        dataSource={upload.columns}
        pagination={false}
        scroll={{ x: 820 }}
        data-testid="import-mapping"
      />
      <Space style={{ marginTop: 16 }}>
        <Button onClick={onBack} disabled={starting}>
          {t('imports.back')}
        </Button>
        <Button
          type="primary"
          onClick={() => void submit()}
          disabled={blocked}
          loading={starting}
          data-testid="import-start"
        >
          {t('imports.start')}
        </Button>
      </Space>
    </div>
  );
}
