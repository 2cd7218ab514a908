/** Household changes: a dated action (move out, member leaves), move in elsewhere, add a member. */
import { Alert, DatePicker, Form, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { legacyApi } from '../../api/legacy.js';
import { showError, toastSuccess } from '../../api/feedback.js';
import type { HouseholdDto, OccupancyType, PersonListDto, Relationship } from '../../api/types.js';
import { DwellingPicker, type DwellingChoice } from '../../components/DwellingPicker.js';
import { EMPTY_PERSON, personBody, PersonFields, type PersonValues } from '../../components/PersonFields.js';
import { occupancyLabel, relationshipLabel } from '../../i18n/labels.js';
import { newId, shanghaiToday } from '../../lib/registry.js';

export const OCCUPANCY_TYPES: OccupancyType[] = ['owned', 'rented', 'lodging', 'temporary'];
export const RELATIONSHIPS: Relationship[] = ['head', 'spouse', 'child', 'parent', 'other'];

function useSave(onSaved: (h: HouseholdDto) => void) {
  const { t } = useTranslation();
  const [saving, setSaving] = useState(false);
  const run = async (path: string, body: unknown, form: Parameters<typeof showError>[1]) => {
    setSaving(true);
    try {
      const saved = await legacyApi.post<HouseholdDto>(path, body);
      toastSuccess(t('household.saved'));
      onSaved(saved);
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };
  return { saving, run };
}

/** One date and a confirmation: 迁出 (endDate) or a member leaving (endDate). */
export function DateActionModal(props: {
  open: boolean;
  title: string;
  label: string;
  hint?: string;
  path: string;
  onClose(): void;
  onSaved(h: HouseholdDto): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ endDate: Dayjs }>();
  const { saving, run } = useSave(props.onSaved);
  useEffect(() => {
    if (props.open) form.setFieldsValue({ endDate: dayjs(shanghaiToday()) });
  }, [props.open, form]);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (v) await run(props.path, { endDate: v.endDate.format('YYYY-MM-DD') }, form);
  };
  return (
    <Modal
      open={props.open}
      title={props.title}
      onCancel={props.onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      {props.hint && <Alert type="info" showIcon title={props.hint} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" data-testid="date-action-form">
        <Form.Item
          name="endDate"
          label={props.label}
          rules={[{ required: true, message: t('household.dateRequired') }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 迁入新住址: pick the new dwelling, occupancy type and date. */
export function MoveInModal({
  household,
  onClose,
  onSaved,
}: {
  household: HouseholdDto | null;
  onClose(): void;
  onSaved(h: HouseholdDto): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ place: DwellingChoice; occupancyType: OccupancyType; startDate: Dayjs }>();
  const { saving, run } = useSave(onSaved);
  useEffect(() => {
    if (household)
      form.setFieldsValue({
        place: {},
        occupancyType: household.current?.type ?? 'rented',
        startDate: dayjs(shanghaiToday()),
      });
  }, [household, form]);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !household) return;
    await run(
      `/api/households/${household.id}/move-in`,
      { dwellingId: v.place.dwellingId, occupancyType: v.occupancyType, startDate: v.startDate.format('YYYY-MM-DD') },
      form,
    );
  };
  return (
    <Modal
      open={household !== null}
      title={t('household.moveInTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      width={720}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('household.moveInHint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" data-testid="move-in-form">
        <Form.Item
          name="place"
          rules={[
            {
              validator: async (_r, v?: DwellingChoice) => {
                if (!v?.dwellingId) throw new Error(t('picker.dwellingRequired'));
              },
            },
          ]}
        >
          <DwellingPicker testIdPrefix="move-in" />
        </Form.Item>
        <Form.Item name="occupancyType" label={t('register.occupancyType')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={OCCUPANCY_TYPES.map((o) => ({ value: o, label: occupancyLabel(t, o) }))}
          />
        </Form.Item>
        <Form.Item
          name="startDate"
          label={t('register.startDate')}
          rules={[{ required: true, message: t('household.dateRequired') }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type MemberValues = {
  mode: 'new' | 'existing';
  personId?: string;
  relationship: Relationship;
  startDate: Dayjs;
  member: { person: PersonValues };
};

/** 新增成员: an already registered person, or a new one registered on the household's grid. */
export function AddMemberModal({
  household,
  onClose,
  onSaved,
}: {
  household: HouseholdDto | null;
  onClose(): void;
  onSaved(h: HouseholdDto): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<MemberValues>();
  const { saving, run } = useSave(onSaved);
  const [options, setOptions] = useState<Array<{ value: string; label: string }>>([]);
  const personIdRef = useRef(newId());
  const mode = Form.useWatch('mode', form);
  useEffect(() => {
    if (!household) return;
    personIdRef.current = newId();
    form.resetFields();
    form.setFieldsValue({
      mode: 'new',
      relationship: 'child',
      startDate: dayjs(shanghaiToday()),
      member: { person: { ...EMPTY_PERSON } },
    });
  }, [household, form]);

  const search = (q: string) => {
    if (!q.trim()) return;
    api
      .get('/api/persons', { query: { q: q.trim(), limit: 20 } })
      .then((page) =>
        setOptions(
          page.items.map((p) => ({ value: p.id, label: `${p.name ?? '—'} · ${p.docNumber ?? ''} · ${p.grid.name}` })),
        ),
      )
      .catch(showError);
  };

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !household) return;
    const member =
      v.mode === 'existing'
        ? { personId: v.personId, relationship: v.relationship }
        : { person: personBody({ ...v.member.person, id: personIdRef.current }), relationship: v.relationship };
    await run(`/api/households/${household.id}/members`, { member, startDate: v.startDate.format('YYYY-MM-DD') }, form);
  };

  return (
    <Modal
      open={household !== null}
      title={t('household.addMember')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      width={720}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark="optional" data-testid="add-member-form">
        <Form.Item name="mode">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'new', label: t('household.newPerson') },
              { value: 'existing', label: t('household.existingPerson') },
            ]}
          />
        </Form.Item>
        {mode === 'existing' ? (
          <Form.Item
            name="personId"
            label={t('household.existingPerson')}
            rules={[{ required: true, message: t('household.personRequired') }]}
          >
            <Select
              showSearch={{ filterOption: false, onSearch: search }}
              options={options}
              placeholder={t('household.searchPerson')}
            />
          </Form.Item>
        ) : (
          <PersonFields form={form} prefix={['member', 'person']} testIdPrefix="member" />
        )}
        <Form.Item name="relationship" label={t('register.relationship')}>
          <Select options={RELATIONSHIPS.map((r) => ({ value: r, label: relationshipLabel(t, r) }))} />
        </Form.Item>
        <Form.Item
          name="startDate"
          label={t('household.startDate')}
          rules={[{ required: true, message: t('household.dateRequired') }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
