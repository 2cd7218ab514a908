/** The selected area: its facts and the actions the user may take on it. */
import { DeleteOutlined, EditOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, Descriptions, Empty, Popconfirm, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { childLevel } from '../../../domain/areas.js';
import type { AreaLevel } from '../../../domain/areas.js';
import { api, isApiError } from '../../api/client.js';
import { showError, toastSuccess } from '../../api/feedback.js';
import { useCan } from '../../auth/session.js';
import { ExportButton } from '../../components/ExportButton.js';
import { kindLabel, levelLabel } from '../../i18n/labels.js';
import { formatTime } from '../../lib/format.js';
import { useLoad } from '../../lib/useLoad.js';
import type { AreaDetailDto, AreaDto } from './useAreaTree.js';

interface Props {
  areaId: string | null;
  version: number;
  scopeRootId: string | null;
  onLoaded: (area: AreaDetailDto) => void;
  onAddChild: (parent: AreaDto) => void;
  onEdit: (area: AreaDetailDto) => void;
  onRetired: (area: AreaDto) => void;
  onDeleted: (area: AreaDto) => void;
  onNavigate: (id: string) => void;
}

export function AreaDetail(props: Props) {
  const { t } = useTranslation();
  if (!props.areaId) {
    return (
      <Card title={t('areas.detail')}>
        <Empty description={t('areas.selectHint')} />
      </Card>
    );
  }
  return <Loaded {...props} areaId={props.areaId} />;
}

function Loaded({
  areaId,
  version,
  scopeRootId,
  onLoaded,
  onAddChild,
  onEdit,
  onRetired,
  onDeleted,
  onNavigate,
}: Props & { areaId: string }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const { modal } = App.useApp();
  const { data: area, loading } = useLoad(async (signal) => {
    const detail = await api.get('/api/areas/:id', { params: { id: areaId }, signal });
    onLoaded(detail);
    return detail;
  }, `${areaId}:${version}`);

  if (!area || area.id !== areaId) return <Card title={t('areas.detail')} loading={loading} />;

  const retired = area.retiredAt !== null;
  const next: AreaLevel | null = childLevel(area.level);
  const isScopeRoot = area.id === scopeRootId;

  const retire = async () => {
    try {
      const updated = await api.post('/api/areas/:id/retire', { params: { id: area.id } });
      toastSuccess(t('areas.retiredOk'));
      onRetired(updated);
    } catch (err) {
      showError(err);
    }
  };

  const remove = async () => {
    try {
      await api.del('/api/areas/:id', { params: { id: area.id } });
      toastSuccess(t('areas.deletedOk'));
      onDeleted(area);
    } catch (err) {
      if (isApiError(err, 'AREA_HAS_DATA')) {
        // Only the totals the console knows how to name (children, users, jobs, records).
        const held = Object.entries(err.details ?? {}).filter(
          ([key, n]) => typeof n === 'number' && n > 0 && i18n.exists(`areas.held.${key}`),
        );
        modal.warning({
          title: err.localized(),
          content: (
            <>
              <p>{t('areas.hasData')}</p>
              {held.length > 0 && (
                <ul style={{ paddingLeft: 20, margin: 0 }}>
                  {held.map(([key, n]) => (
                    <li key={key}>
                      {t('areas.heldItem', { label: t(`areas.held.${key}`, { defaultValue: key }), count: Number(n) })}
                    </li>
                  ))}
                </ul>
              )}
            </>
          ),
          okText: t('common.ok'),
        });
      } else {
        showError(err);
      }
    }
  };

  const actions = (
    <Space wrap>
      {can('area.create') && next && !retired && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => onAddChild(area)} data-testid="area-add-child">
          {t('areas.addChild', { level: levelLabel(t, next) })}
        </Button>
      )}
      {can('area.update') && !retired && (
        <Button icon={<EditOutlined />} onClick={() => onEdit(area)} data-testid="area-edit">
          {t('common.edit')}
        </Button>
      )}
      {can('area.retire') && !retired && !isScopeRoot && (
        <Popconfirm
          title={t('areas.retireConfirm', { name: area.name })}
          okText={t('areas.retire')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => void retire()}
        >
          <Button icon={<StopOutlined />} data-testid="area-retire">
            {t('areas.retire')}
          </Button>
        </Popconfirm>
      )}
      {can('area.retire') && !isScopeRoot && (
        <Popconfirm
          title={t('areas.deleteConfirm', { name: area.name })}
          okText={t('common.delete')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => void remove()}
        >
          <Button danger icon={<DeleteOutlined />} data-testid="area-delete">
            {t('common.delete')}
          </Button>
        </Popconfirm>
      )}
      {!retired && <ExportButton target={{ areaId: area.id }} scopeLabel={area.name} data-testid="area-export" />}
    </Space>
  );

  return (
    <Card
      title={
        <Space>
          <span className={retired ? 'ss-retired' : undefined} data-testid="area-detail-name">
            {area.name}
          </span>
          {retired ? <Tag>{t('areas.retired')}</Tag> : <Tag color="green">{t('areas.active')}</Tag>}
          {area.demo && <Tag color="purple">{t('areas.demo')}</Tag>}
        </Space>
      }
      loading={loading && !area}
      data-testid="area-detail"
    >
      {area.ancestors.length > 0 && (
        <Breadcrumb
          style={{ marginBottom: 16 }}
          items={[
            ...area.ancestors.map((a) => ({ key: a.id, title: <a onClick={() => onNavigate(a.id)}>{a.name}</a> })),
            { key: area.id, title: area.name },
          ]}
        />
      )}
      <Descriptions
        bordered
        size="small"
        column={1}
        styles={{ label: { width: 200 } }}
        items={[
          { key: 'name', label: t('areas.name'), children: area.name },
          {
            key: 'code',
            label: t('areas.code'),
            children: (
              <Typography.Text copyable className="ss-mono">
                {area.code}
              </Typography.Text>
            ),
          },
          {
            key: 'stat',
            label: t('areas.statCode'),
            children: area.statCode ? (
              <Typography.Text copyable className="ss-mono">
                {area.statCode}
              </Typography.Text>
            ) : (
              t('common.none')
            ),
          },
          { key: 'vintage', label: t('areas.vintage'), children: area.vintage },
          { key: 'level', label: t('areas.level'), children: levelLabel(t, area.level) },
          { key: 'kind', label: t('areas.kind'), children: kindLabel(t, area.kind) },
          { key: 'children', label: t('areas.childCount'), children: area.childCount },
          {
            key: 'status',
            label: t('areas.status'),
            children: retired ? `${t('areas.retired')}（${formatTime(area.retiredAt)}）` : t('areas.active'),
          },
        ]}
      />
      <div style={{ marginTop: 16 }}>{actions}</div>
    </Card>
  );
}
