/**
 * Dwelling picker: 小区/院落 → 楼栋 → 单元 → 房号, with "new room" for staff who
 * manage places. Rural courtyards without buildings go straight to the dwelling.
 * A form control: value = { courtyardId, buildingId, unitId, dwellingId }.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Col, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { showError } from '../api/feedback.js';
import type { CourtyardDetailDto, DwellingDto } from '../api/registry.js';
import { useCan } from '../auth/session.js';
import { courtyardKindLabel } from '../i18n/labels.js';
import { newId } from '../lib/registry.js';
import { fetchAll } from '../lib/usePaged.js';
import { useCourtyardSearch } from './CourtyardSelect.js';

export interface DwellingChoice {
  courtyardId?: string | null;
  buildingId?: string | null;
  unitId?: string | null;
  dwellingId?: string | null;
}

/** What the picker knows about the chosen dwelling, for the surrounding form. */
export interface PickedInfo {
  label: string;
  courtyard: CourtyardDetailDto | null;
  /** Names of the heads of the households living there now. */
  occupants: string[];
}

interface Props {
  value?: DwellingChoice;
  onChange?: (v: DwellingChoice) => void;
  onPicked?: (info: PickedInfo | null) => void;
  testIdPrefix?: string;
}

/** The form rule of a field holding the picker: a dwelling must be chosen. */
export function dwellingRequired(t: TFunction) {
  return {
    validator: (_rule: unknown, v?: DwellingChoice) =>
      v?.dwellingId ? Promise.resolve() : Promise.reject(new Error(t('picker.dwellingRequired'))),
  };
}

const collator = (a: string, b: string) => a.localeCompare(b, 'zh-CN', { numeric: true });

export function DwellingPicker({ value = {}, onChange, onPicked, testIdPrefix = 'picker' }: Props) {
  const { t } = useTranslation();
  const can = useCan();
  const { items: courtyards, search } = useCourtyardSearch();
  const [detail, setDetail] = useState<CourtyardDetailDto | null>(null);
  const [dwellings, setDwellings] = useState<DwellingDto[]>([]);
  const [occupants, setOccupants] = useState<Map<string, string[]>>(new Map());
  const [adding, setAdding] = useState(false);
  const [room, setRoom] = useState('');
  const [floor, setFloor] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const tid = (s: string) => `${testIdPrefix}-${s}`;
  const set = (next: DwellingChoice) => onChange?.({ ...value, ...next });

  const courtyardId = value.courtyardId ?? null;
  useEffect(() => {
    setDetail(null);
    setDwellings([]);
    setOccupants(new Map());
    if (!courtyardId) return;
    let alive = true;
    api
      .get('/api/courtyards/:id', { params: { id: courtyardId } })
      .then((d) => alive && setDetail(d))
      .catch(showError);
    return () => {
      alive = false;
    };
  }, [courtyardId]);

  // Rooms and their current households: of the chosen building, or of a courtyard without buildings.
  const listBuilding = detail && detail.buildings.length > 0 ? (value.buildingId ?? null) : null;
  const listReady = !!detail && (detail.buildings.length === 0 || !!listBuilding || detail.kind === 'rural_scattered');
  useEffect(() => {
    setDwellings([]);
    setOccupants(new Map());
    if (!detail || !listReady) return;
    let alive = true;
    const params = { id: detail.id };
    const buildingId = listBuilding ?? undefined;
    Promise.all([
      fetchAll('/api/courtyards/:id/dwellings', { params, query: { buildingId } }),
      fetchAll('/api/courtyards/:id/households', { params, query: { buildingId, limit: 500 } }),
    ])
      .then(([list, hh]) => {
        if (!alive) return;
        const occ = new Map<string, string[]>();
        for (const h of hh) {
          const head = h.members.find((m) => m.relationship === 'head') ?? h.members[0];
          occ.set(h.occupancy.dwellingId, [...(occ.get(h.occupancy.dwellingId) ?? []), head?.person.name ?? '—']);
        }
        setDwellings(list);
        setOccupants(occ);
      })
      .catch(showError);
    return () => {
      alive = false;
    };
  }, [detail, listBuilding, listReady]);

  const buildings = useMemo(() => [...(detail?.buildings ?? [])].sort((a, b) => collator(a.label, b.label)), [detail]);
  const building = buildings.find((b) => b.id === value.buildingId) ?? null;
  const units = [...(building?.units ?? [])].sort((a, b) => collator(a.label, b.label));
  const noBuildings = !!detail && buildings.length === 0;
  const rooms = dwellings
    .filter((d) =>
      noBuildings
        ? true
        : building
          ? d.buildingId === building.id
          : !d.buildingId && detail?.kind === 'rural_scattered',
    )
    .filter((d) => (value.unitId ? d.unitId === value.unitId : true))
    .sort((a, b) => collator(a.room, b.room));

  // Tell the form what was picked (label and current occupants); the listener is read through a ref.
  const picked = dwellings.find((d) => d.id === value.dwellingId) ?? null;
  const pickedListener = useRef(onPicked);
  pickedListener.current = onPicked;
  useEffect(() => {
    const tell = pickedListener.current;
    if (!tell) return;
    if (!picked || !detail) return tell(null);
    const b = detail.buildings.find((x) => x.id === picked.buildingId);
    const u = b?.units.find((x) => x.id === picked.unitId);
    tell({
      label: [detail.name, b?.label, u?.label, picked.room].filter(Boolean).join(' '),
      courtyard: detail,
      occupants: occupants.get(picked.id) ?? [],
    });
  }, [picked, detail, occupants]);

  const createRoom = async () => {
    if (!detail || !room.trim()) return;
    setSaving(true);
    try {
      const created = await api.post('/api/dwellings', {
        body: {
          id: newId(),
          courtyardId: detail.id,
          buildingId: building?.id ?? null,
          unitId: value.unitId ?? null,
          room: room.trim(),
          floor: floor ?? guessFloor(room),
          use: 'residential',
        },
      });
      setDwellings((list) => [...list, created]);
      set({ dwellingId: created.id });
      setAdding(false);
      setRoom('');
      setFloor(null);
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };

  const courtyardOptions = [
    ...courtyards,
    ...(detail && !courtyards.some((c) => c.id === detail.id) ? [detail] : []),
  ].map((c) => ({
    value: c.id,
    label: c.name,
    title: `${c.name} · ${courtyardKindLabel(t, c.kind)}`,
  }));
  const needBuilding = !noBuildings;
  const canAddRoom =
    can('place.manage') && !!detail && (noBuildings || !!building || detail.kind === 'rural_scattered');

  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} md={needBuilding ? 12 : 24}>
        <Typography.Text className="ss-picker-label">{t('picker.courtyard')}</Typography.Text>
        <Select
          showSearch={{ filterOption: false, onSearch: search }}
          value={courtyardId ?? undefined}
          placeholder={t('picker.courtyardPlaceholder')}
          options={courtyardOptions}
          onChange={(id: string) => onChange?.({ courtyardId: id, buildingId: null, unitId: null, dwellingId: null })}
          style={{ width: '100%' }}
          data-testid={tid('courtyard')}
        />
      </Col>
      {needBuilding && (
        <Col xs={12} md={6}>
          <Typography.Text className="ss-picker-label">{t('picker.building')}</Typography.Text>
          <Select
            value={value.buildingId ?? undefined}
            disabled={!detail}
            options={buildings.map((b) => ({ value: b.id, label: b.label }))}
            onChange={(id: string) => set({ buildingId: id, unitId: null, dwellingId: null })}
            style={{ width: '100%' }}
            data-testid={tid('building')}
          />
        </Col>
      )}
      {needBuilding && (
        <Col xs={12} md={6}>
          <Typography.Text className="ss-picker-label">{t('picker.unit')}</Typography.Text>
          <Select
            value={value.unitId ?? undefined}
            disabled={!building || units.length === 0}
            allowClear
            placeholder={building && units.length === 0 ? t('picker.noUnit') : undefined}
            options={units.map((u) => ({ value: u.id, label: u.label }))}
            onChange={(id: string | undefined) => set({ unitId: id ?? null, dwellingId: null })}
            style={{ width: '100%' }}
            data-testid={tid('unit')}
          />
        </Col>
      )}
      <Col xs={24}>
        <Typography.Text className="ss-picker-label">{t('picker.dwelling')}</Typography.Text>
        {noBuildings && detail?.kind === 'rural_scattered' && (
          <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8 }}>
            {t('picker.rural')}
          </Typography.Text>
        )}
        <Space.Compact style={{ width: '100%' }}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            value={value.dwellingId ?? undefined}
            disabled={!detail || (needBuilding && !building && detail.kind !== 'rural_scattered')}
            placeholder={t('picker.dwellingPlaceholder')}
            options={rooms.map((d) => {
              const occ = occupants.get(d.id);
              return {
                value: d.id,
                label: t('common.paren', {
                  text: d.room,
                  note: occ?.length ? t('picker.occupied') : t('picker.vacant'),
                }),
              };
            })}
            onChange={(id: string) => set({ dwellingId: id })}
            style={{ width: '100%' }}
            data-testid={tid('dwelling')}
          />
          {canAddRoom && (
            <Button icon={<PlusOutlined />} onClick={() => setAdding((v) => !v)} data-testid={tid('new-room')}>
              {t('picker.newDwelling')}
            </Button>
          )}
        </Space.Compact>
      </Col>
      {adding && canAddRoom && (
        <Col xs={24}>
          <Space.Compact style={{ width: '100%' }}>
            <Input
              value={room}
              onChange={(e) => setRoom(e.target.value)}
              placeholder={t('courtyard.roomPlaceholder')}
              maxLength={30}
              onPressEnter={() => void createRoom()}
              aria-label={t('courtyard.room')}
              data-testid={tid('new-room-number')}
            />
            <InputNumber
              value={floor}
              onChange={(v) => setFloor(v)}
              placeholder={t('courtyard.floor')}
              min={-5}
              max={200}
              precision={0}
              style={{ width: 110 }}
            />
            <Button
              type="primary"
              loading={saving}
              disabled={!room.trim()}
              onClick={() => void createRoom()}
              data-testid={tid('new-room-save')}
            >
              {t('common.save')}
            </Button>
          </Space.Compact>
        </Col>
      )}
    </Row>
  );
}

/** "501" → floor 5, "1203" → 12; null when the room number says nothing. */
function guessFloor(room: string): number | null {
  const m = room.trim().match(/^(\d{1,2})\d{2}$/);
  return m ? Number(m[1]) : null;
}
