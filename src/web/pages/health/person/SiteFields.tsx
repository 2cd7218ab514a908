/**
 * Where a measure is carried out, as form fields: an isolation site and room (集中隔离)
 * or a designated hospital and bed (定点医院); nothing for measures at home.
 */
import { Form, Input, Select } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.js';
import { useLoad } from '../../../lib/useLoad.js';
import type { Measure } from '../types.js';

export interface SiteValues {
  siteId?: string;
  roomId?: string;
  bed?: string;
}

export const needsSite = (m: Measure | null | undefined) => m === 'central_isolation' || m === 'designated_hospital';

/** The site/room/bed part of a request body for the measure. */
export function siteBody(measure: Measure, v: SiteValues): SiteValues {
  if (measure === 'central_isolation') return { siteId: v.siteId, roomId: v.roomId };
  if (measure === 'designated_hospital') return { siteId: v.siteId, bed: v.bed?.trim() };
  return {};
}

export function SiteFields({ measure, form }: { measure: Measure | null | undefined; form: FormInstance }) {
  const { t } = useTranslation();
  const kind =
    measure === 'central_isolation' ? 'isolation_site' : measure === 'designated_hospital' ? 'hospital' : null;
  const siteId = Form.useWatch('siteId', form) as string | undefined;
  const sites = useLoad(
    (signal) => (kind ? api.get('/api/care-sites', { query: { kind }, signal }) : Promise.resolve(null)),
    kind ?? 'none',
  );
  const detail = useLoad(
    (signal) =>
      kind === 'isolation_site' && siteId
        ? api.get('/api/care-sites/:id', { params: { id: siteId }, signal })
        : Promise.resolve(null),
    `${kind}:${siteId ?? ''}`,
  );
  if (!kind) return null;
  return (
    <>
      <Form.Item
        name="siteId"
        label={kind === 'hospital' ? t('sites.hospital') : t('sites.site')}
        rules={[{ required: true, message: t('sites.siteRequired') }]}
      >
        <Select
          loading={sites.loading}
          onChange={() => form.setFieldsValue({ roomId: undefined })}
          options={[...(sites.data?.items ?? [])]
            .sort((a, b) => Number(b.free > 0) - Number(a.free > 0))
            .map((s) => ({
              value: s.id,
              label: t('sites.option', { name: s.name, free: s.free, capacity: s.capacity }),
              disabled: s.free <= 0,
            }))}
          notFoundContent={t('sites.none')}
          data-testid="site-select"
        />
      </Form.Item>
      {kind === 'isolation_site' ? (
        <Form.Item name="roomId" label={t('sites.room')} rules={[{ required: true, message: t('sites.roomRequired') }]}>
          <Select
            loading={detail.loading}
            disabled={!siteId}
            showSearch
            optionFilterProp="label"
            options={[...(detail.data?.rooms ?? [])]
              .sort((a, b) => Number(b.free > 0) - Number(a.free > 0))
              .map((r) => ({
                value: r.id,
                label: t('sites.roomOption', { label: r.label, free: r.free, capacity: r.capacity }),
                disabled: r.free <= 0,
              }))}
            data-testid="room-select"
          />
        </Form.Item>
      ) : (
        <Form.Item
          name="bed"
          label={t('sites.bed')}
          rules={[{ required: true, whitespace: true, message: t('sites.bedRequired') }, { max: 30 }]}
        >
          <Input maxLength={30} data-testid="bed-input" />
        </Form.Item>
      )}
    </>
  );
}
