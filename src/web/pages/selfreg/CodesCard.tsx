/**
 * The registration codes (二维码) of an area: where, what for, who answers, status
 * and expiry, how many families submitted and how many wait for review; the poster,
 * the PNG, and — for those who manage codes — new, edit, pause/enable and revoke.
 */
import {
  DownloadOutlined,
  DownOutlined,
  EditOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  PlusOutlined,
  PrinterOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { Button, Card, Dropdown, Empty, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.js';
import { showError } from '../../api/feedback.js';
import { useCan } from '../../auth/session.js';
import { LoadMore } from '../../components/LoadMore.js';
import { RefreshButton } from '../../components/RefreshButton.js';
import { formatTime } from '../../lib/format.js';
import { usePaged } from '../../lib/usePaged.js';
import { CodeFormModal } from './CodeFormModal.js';
import { downloadCodePng } from './codePng.js';
import { CodeStatusTag, expiryDay, purposeLabel, queueLink } from './labels.js';
import { ReasonFormModal } from './ReasonFormModal.js';
import type { CodeDto, CodeStatusFilter } from './types.js';

const STATUS_FILTERS: CodeStatusFilter[] = ['active', 'paused', 'expired', 'revoked'];
type StatusChange = { code: CodeDto; status: 'active' | 'paused' | 'revoked' };

/** `onChanged`: a code was created or changed (the figures count active codes). */
export function CodesCard({ areaId, onChanged }: { areaId: string | undefined; onChanged: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const manage = can('selfreg.manage_codes');
  const [status, setStatus] = useState<CodeStatusFilter | undefined>();
  const [version, setVersion] = useState(0);
  const [patched, setPatched] = useState<Record<string, CodeDto>>({});
  const [editing, setEditing] = useState<CodeDto | 'new' | null>(null);
  const [change, setChange] = useState<StatusChange | null>(null);
  const [downloading, setDownloading] = useState<string | null>(null);
  const page = usePaged(
    '/api/reg-codes',
    { query: { areaId, status, limit: 50 } },
    `${areaId ?? ''}:${status ?? ''}:${version}`,
  );
  const rows = page.items.map((c) => patched[c.id] ?? c);

  const reload = () => {
    setPatched({});
    setVersion((v) => v + 1);
  };
  const saved = (c: CodeDto) => {
    setPatched((p) => ({ ...p, [c.id]: c }));
    onChanged();
  };

  const png = async (c: CodeDto) => {
    if (!c.path) return;
    setDownloading(c.id);
    try {
      await downloadCodePng({ ...c, path: c.path });
    } catch (err) {
      showError(err);
    } finally {
      setDownloading(null);
    }
  };

  const columns: TableColumnsType<CodeDto> = [
    {
      title: t('selfreg.codes.place'),
      key: 'place',
      width: 240,
      render: (_: unknown, c) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{c.placeName}</Typography.Text>
          {c.courtyard && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('selfreg.codes.courtyardIn', { area: c.area.name })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('selfreg.codes.purpose'),
      key: 'purpose',
      render: (_: unknown, c) => (
        <Space size={4} wrap>
          {purposeLabel(t, c.purpose)}
          {c.askEveryone && (
            <Tooltip title={t('selfreg.codes.askEveryoneHint')}>
              <Tag color="magenta">{t('selfreg.codes.askEveryoneTag')}</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: t('selfreg.codes.responsible'),
      key: 'responsible',
      render: (_: unknown, c) => (
        <Space orientation="vertical" size={0}>
          <span>{c.responsibleName}</span>
          <Typography.Text type="secondary" className="ss-mono" style={{ fontSize: 12 }}>
            {c.responsiblePhone}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('selfreg.codes.status'),
      key: 'status',
      render: (_: unknown, c) => (
        <Tooltip title={c.statusReason ?? undefined}>
          <span data-testid="code-status">
            <CodeStatusTag status={c.effectiveStatus} />
          </span>
        </Tooltip>
      ),
    },
    {
      title: t('selfreg.codes.expiresOn'),
      key: 'expires',
      className: 'ss-nowrap',
      render: (_: unknown, c) => expiryDay(c.expiresAt),
    },
    {
      title: t('selfreg.codes.submissions'),
      key: 'submissions',
      align: 'right',
      render: (_: unknown, c) => (
        <Space size={6} className="ss-nowrap">
          <Tooltip title={t('selfreg.codes.allSubmissions')}>
            <Link to={queueLink(c.id, 'all')} data-testid="code-submissions">
              {c.submissions}
            </Link>
          </Tooltip>
          <span>/</span>
          <Tooltip title={t('selfreg.codes.openSubmissions')}>
            <Link
              to={queueLink(c.id, 'new')}
              style={c.open > 0 ? { color: '#d46b08', fontWeight: 600 } : undefined}
              data-testid="code-open"
            >
              {c.open}
            </Link>
          </Tooltip>
        </Space>
      ),
    },
    {
      title: t('selfreg.codes.createdBy'),
      key: 'created',
      render: (_: unknown, c) => (
        <Space orientation="vertical" size={0}>
          <span>{c.createdBy}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatTime(c.createdAt).slice(0, 16)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 230,
      render: (_: unknown, c) => {
        const revoked = c.status === 'revoked';
        // A code made before tokens were stored hashed cannot be printed again (its posters still work).
        const printable = !revoked && c.path !== null;
        const menu = [
          { key: 'edit', icon: <EditOutlined />, label: <span data-testid="code-edit">{t('common.edit')}</span> },
          c.status === 'active'
            ? {
                key: 'paused',
                icon: <PauseCircleOutlined />,
                label: <span data-testid="code-pause">{t('selfreg.codes.pause')}</span>,
              }
            : {
                key: 'active',
                icon: <PlayCircleOutlined />,
                label: <span data-testid="code-resume">{t('selfreg.codes.resume')}</span>,
              },
          {
            key: 'revoked',
            icon: <StopOutlined />,
            danger: true,
            label: <span data-testid="code-revoke">{t('selfreg.codes.revoke')}</span>,
          },
        ];
        return (
          <Space size={0} wrap={false}>
            <Tooltip title={!revoked && !printable ? t('selfreg.codes.notPrintable') : undefined}>
              <Link to={`/self-registration/codes/${c.id}/poster`}>
                <Button
                  type="link"
                  size="small"
                  icon={<PrinterOutlined />}
                  disabled={!printable}
                  data-testid="code-poster"
                >
                  {t('selfreg.codes.poster')}
                </Button>
              </Link>
            </Tooltip>
            <Tooltip title={!revoked && !printable ? t('selfreg.codes.notPrintable') : t('selfreg.codes.png')}>
              <Button
                type="link"
                size="small"
                icon={<DownloadOutlined />}
                disabled={!printable}
                loading={downloading === c.id}
                onClick={() => void png(c)}
                aria-label={t('selfreg.codes.png')}
                data-testid="code-png"
              >
                PNG
              </Button>
            </Tooltip>
            {manage && !revoked && (
              <Dropdown
                trigger={['click']}
                menu={{
                  items: menu,
                  onClick: ({ key }) =>
                    key === 'edit' ? setEditing(c) : setChange({ code: c, status: key as StatusChange['status'] }),
                }}
              >
                <Button type="link" size="small" data-testid="code-more">
                  {t('selfreg.codes.manage')} <DownOutlined />
                </Button>
              </Dropdown>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <Card
      title={t('selfreg.codes.title')}
      styles={{ body: { padding: 0 } }}
      extra={
        <Space wrap>
          <Select<CodeStatusFilter>
            allowClear
            value={status}
            onChange={(v) => setStatus(v)}
            placeholder={t('selfreg.codes.allStatuses')}
            options={STATUS_FILTERS.map((s) => ({ value: s, label: t(`selfreg.codeStatus.${s}`) }))}
            style={{ width: 140 }}
            data-testid="codes-status-filter"
          />
          <RefreshButton onClick={reload} loading={page.loading} />
          {manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="code-create">
              {t('selfreg.codes.create')}
            </Button>
          )}
        </Space>
      }
    >
      <Table<CodeDto>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={page.loading && rows.length === 0}
        pagination={false}
        scroll={{ x: 1200 }}
        onRow={(c) => ({ 'data-testid': 'code-row', 'data-code-id': c.id }) as React.HTMLAttributes<HTMLElement>}
        locale={{ emptyText: <Empty description={t('selfreg.codes.empty')} /> }}
        data-testid="codes-table"
      />
      {rows.length > 0 && (
        <LoadMore count={rows.length} hasMore={page.hasMore} loading={page.loading} onMore={() => void page.more()} />
      )}

      <CodeFormModal
        open={editing !== null}
        code={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={(c) => {
          const created = editing === 'new';
          setEditing(null);
          if (created) {
            reload();
            onChanged();
          } else saved(c);
        }}
      />
      <ReasonFormModal<CodeDto>
        open={change !== null}
        title={change ? t(`selfreg.codes.${change.status}Title`, { place: change.code.placeName }) : ''}
        okText={change ? t(`selfreg.codes.${change.status}Ok`) : ''}
        danger={change?.status === 'revoked'}
        max={200}
        hint={change ? t(`selfreg.codes.${change.status}Hint`) : ''}
        onClose={() => setChange(null)}
        send={(reason) =>
          api.post('/api/reg-codes/:id/status', {
            params: { id: change!.code.id },
            body: { status: change!.status, reason },
          })
        }
        onDone={(c) => {
          setChange(null);
          saved(c);
        }}
        success={t('common.saved')}
        testId="code-status-modal"
      />
    </Card>
  );
}
