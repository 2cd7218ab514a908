/** A site's rooms (or beds) and their occupancy; add rooms, change beds, retire an empty site. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Descriptions, Drawer, Form, InputNumber, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.js';
import { showError, toastSuccess } from '../../../api/feedback.js';
import { useCan } from '../../../auth/session.js';
import { useSubmit } from '../../../components/useSubmit.js';
import { formatTime } from '../../../lib/format.js';
import { useLoad } from '../../../lib/useLoad.js';
import type { SiteDetailDto } from '../types.js';
import { Occupancy } from './Occupancy.js';
import { DEFAULT_RUN, type RoomRun, roomsOf, RoomRunFields } from './RoomFields.js';

type Room = SiteDetailDto['rooms'][number];

export function SiteDrawer({
  siteId,
  onClose,
  onChanged,
}: {
  siteId: string | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const [version, setVersion] = useState(0);
  const [site, setSite] = useState<SiteDetailDto | null>(null);
  const loaded = useLoad(
    (signal) => (siteId ? api.get('/api/care-sites/:id', { params: { id: siteId }, signal }) : Promise.resolve(null)),
    `${siteId}:${version}`,
  );
  useEffect(() => setSite(loaded.data), [loaded.data]);
  const manage = can('care_site.manage') && site !== null && site.retiredAt === null;

  const saved = (s: SiteDetailDto) => {
    setSite(s);
    setVersion((v) => v + 1);
    onChanged();
  };

  const retire = async () => {
    if (!site) return;
    try {
      saved(await api.post('/api/care-sites/:id/retire', { params: { id: site.id } }));
      toastSuccess(t('sites.retiredOk'));
    } catch (err) {
      showError(err);
    }
  };

  return (
    <Drawer
      open={siteId !== null}
      onClose={onClose}
      size={640}
      title={site?.name ?? ''}
      destroyOnHidden
      data-testid="site-drawer"
    >
      {site && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { key: 'kind', label: t('sites.kind'), children: t(`sites.kind.${site.kind}`) },
              { key: 'area', label: t('sites.area'), children: site.area.name },
              { key: 'address', label: t('sites.address'), children: site.address ?? t('common.none') },
              {
                key: 'occ',
                label: t('sites.occupancyTitle'),
                children: <Occupancy occupied={site.occupied} capacity={site.capacity} />,
              },
              { key: 'created', label: t('sites.createdAt'), children: formatTime(site.createdAt) },
              ...(site.retiredAt
                ? [{ key: 'retired', label: t('sites.retired'), children: formatTime(site.retiredAt) }]
                : []),
            ]}
          />
          {site.kind === 'hospital' ? (
            manage && <BedsForm site={site} onSaved={saved} />
          ) : (
            <>
              <Table<Room>
                rowKey="id"
                size="small"
                dataSource={site.rooms}
                pagination={site.rooms.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                data-testid="site-rooms"
                columns={[
                  { title: t('sites.room'), dataIndex: 'label', key: 'label' },
                  { title: t('sites.run.capacity'), dataIndex: 'capacity', key: 'capacity', align: 'right' },
                  { title: t('sites.occupied'), dataIndex: 'occupied', key: 'occupied', align: 'right' },
                  {
                    title: t('sites.free'),
                    dataIndex: 'free',
                    key: 'free',
                    align: 'right',
                    render: (v: number) => (v > 0 ? v : <Tag color="red">{t('sites.full')}</Tag>),
                  },
                ]}
              />
              {manage && <AddRooms site={site} onSaved={saved} />}
            </>
          )}
          {manage && (
            <Popconfirm
              title={t('sites.retireConfirm', { name: site.name })}
              onConfirm={() => void retire()}
              disabled={site.occupied > 0}
            >
              <Button danger disabled={site.occupied > 0}>
                {t('sites.retire')}
              </Button>
              {site.occupied > 0 && <Typography.Text type="secondary"> {t('sites.retireOccupied')}</Typography.Text>}
            </Popconfirm>
          )}
        </Space>
      )}
    </Drawer>
  );
}

function AddRooms({ site, onSaved }: { site: SiteDetailDto; onSaved: (s: SiteDetailDto) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ run: RoomRun }>();
  const { saving, submit } = useSubmit(
    form,
    (v) => api.post('/api/care-sites/:id/rooms', { params: { id: site.id }, body: { rooms: roomsOf(v.run) } }),
    onSaved,
    t('sites.roomsAdded'),
  );
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ run: { ...DEFAULT_RUN, first: 101 + site.rooms.length, count: 5 } }}
      onFinish={() => void submit()}
      data-testid="site-add-rooms"
    >
      <Typography.Text strong>{t('sites.addRooms')}</Typography.Text>
      <RoomRunFields name="run" />
      <Button htmlType="submit" icon={<PlusOutlined />} loading={saving}>
        {t('sites.addRooms')}
      </Button>
    </Form>
  );
}

function BedsForm({ site, onSaved }: { site: SiteDetailDto; onSaved: (s: SiteDetailDto) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ beds: number }>();
  const { saving, submit } = useSubmit(
    form,
    (v) => api.patch('/api/care-sites/:id', { params: { id: site.id }, body: { beds: v.beds } }),
    onSaved,
  );
  return (
    <Form form={form} layout="inline" initialValues={{ beds: site.beds ?? 1 }} onFinish={() => void submit()}>
      <Form.Item name="beds" label={t('sites.bedCount')} rules={[{ required: true }]}>
        <InputNumber min={1} max={100000} precision={0} />
      </Form.Item>
      <Button htmlType="submit" loading={saving}>
        {t('common.save')}
      </Button>
    </Form>
  );
}
