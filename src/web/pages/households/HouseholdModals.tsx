/** Household changes: a dated action (move out, member leaves), move in elsewhere, add a member. */
import { Alert, DatePicker, Form, Radio, Select, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { showError } from '../../api/feedback.js';
import type { HouseholdDto, OccupancyType, Relationship } from '../../api/registry.js';
import { DwellingPicker, dwellingRequired, type DwellingChoice } from '../../components/DwellingPicker.js';
import { FormModal } from '../../components/FormModal.js';
import { EMPTY_PERSON, personBody, PersonFields, type PersonValues } from '../../components/PersonFields.js';
import { useSubmit } from '../../components/useSubmit.js';
import { occupancyLabel, relationshipLabel } from '../../i18n/labels.js';
import { newId, shanghaiToday } from '../../lib/registry.js';

export const OCCUPANCY_TYPES: OccupancyType[] = ['owned', 'rented', 'lodging', 'temporary'];
export const RELATIONSHIPS: Relationship[] = ['head', 'spouse', 'child', 'parent', 'other'];

const day = (d: Dayjs) => d.format('YYYY-MM-DD');

interface HouseholdModalProps<V> {
  open: boolean;
  title: string;
  okText?: string;
  form: FormInstance<V>;
  formTestId: string;
  send: (v: V) => Promise<HouseholdDto>;
  onClose: () => void;
  onSaved: (h: HouseholdDto) => void;
  intro?: ReactNode;
  width?: number;
  children: ReactNode;
}

/** A household change in a modal form: sent, toasted, and the updated household handed on. */
function HouseholdModal<V>({ form, send, onSaved, onClose, okText, ...rest }: HouseholdModalProps<V>) {
  const { t } = useTranslation();
  const { saving, submit } = useSubmit(form, send, onSaved, t('household.saved'));
  return (
    <FormModal
      {...rest}
      okText={okText ?? t('common.save')}
      saving={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      form={form}
    />
  );
}

/** One date and a confirmation: 迁出 (endDate) or a member leaving (endDate). */
export function DateActionModal(props: {
  open: boolean;
  title: string;
  label: string;
  hint?: string;
  send: (endDate: string) => Promise<HouseholdDto>;
  onClose: () => void;
  onSaved: (h: HouseholdDto) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ endDate: Dayjs }>();
  useEffect(() => {
    if (props.open) form.setFieldsValue({ endDate: dayjs(shanghaiToday()) });
  }, [props.open, form]);
  return (
    <HouseholdModal
      open={props.open}
      title={props.title}
      okText={t('common.ok')}
      form={form}
      formTestId="date-action-form"
      send={(v) => props.send(day(v.endDate))}
      onClose={props.onClose}
      onSaved={props.onSaved}
      intro={props.hint && <Alert type="info" showIcon title={props.hint} style={{ marginBottom: 16 }} />}
    >
      <Form.Item name="endDate" label={props.label} rules={[{ required: true, message: t('household.dateRequired') }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    </HouseholdModal>
  );
}

/** A dialog on one household (open while it is set). */
interface HouseholdDialog {
  household: HouseholdDto | null;
  onClose: () => void;
  onSaved: (h: HouseholdDto) => void;
}

/** 迁入新住址: pick the new dwelling, occupancy type and date. */
export function MoveInModal({ household, onClose, onSaved }: HouseholdDialog) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ place: DwellingChoice; occupancyType: OccupancyType; startDate: Dayjs }>();
  useEffect(() => {
    if (household)
      form.setFieldsValue({
        place: {},
        occupancyType: household.current?.type ?? 'rented',
        startDate: dayjs(shanghaiToday()),
      });
  }, [household, form]);
  return (
    <HouseholdModal
      open={household !== null}
      title={t('household.moveInTitle')}
      form={form}
      formTestId="move-in-form"
      send={(v) =>
        api.post('/api/households/:id/move-in', {
          params: { id: household?.id ?? '' },
          body: { dwellingId: v.place.dwellingId ?? '', occupancyType: v.occupancyType, startDate: day(v.startDate) },
        })
      }
      onClose={onClose}
      onSaved={onSaved}
      intro={<Alert type="info" showIcon title={t('household.moveInHint')} style={{ marginBottom: 16 }} />}
      width={720}
    >
      <Form.Item name="place" rules={[dwellingRequired(t)]}>
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
    </HouseholdModal>
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
export function AddMemberModal({ household, onClose, onSaved }: HouseholdDialog) {
  const { t } = useTranslation();
  const [form] = Form.useForm<MemberValues>();
  const personIdRef = useRef(newId());
  const [options, setOptions] = useState<Array<{ value: string; label: string }>>([]);
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

  return (
    <HouseholdModal
      open={household !== null}
      title={t('household.addMember')}
      form={form}
      formTestId="add-member-form"
      send={(v) => {
        const member =
          v.mode === 'existing'
            ? { personId: v.personId ?? '', relationship: v.relationship }
            : { person: personBody({ ...v.member.person, id: personIdRef.current }), relationship: v.relationship };
        return api.post('/api/households/:id/members', {
          params: { id: household?.id ?? '' },
          body: { member, startDate: day(v.startDate) },
        });
      }}
      onClose={onClose}
      onSaved={onSaved}
      width={720}
    >
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
    </HouseholdModal>
  );
}
