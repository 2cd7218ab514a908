/**
 * 入户登记 (grid workers, phones too): dwelling → occupancy → members, submitted
 * once with a client-generated household id (a double submit registers it once).
 */
import { CheckCircleOutlined, HomeOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Form, Radio, Result, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api, isApiError } from '../../api/client.js';
import { fieldLabel, showError } from '../../api/feedback.js';
import type { HouseholdDto } from '../../api/registry.js';
import {
  DwellingPicker,
  dwellingRequired,
  type DwellingChoice,
  type PickedInfo,
} from '../../components/DwellingPicker.js';
import { EMPTY_PERSON, personBody } from '../../components/PersonFields.js';
import { TransferModal, type TransferTarget } from '../../components/TransferModal.js';
import { useSubmit } from '../../components/useSubmit.js';
import { occupancyLabel } from '../../i18n/labels.js';
import { checkDoc, newId, shanghaiToday } from '../../lib/registry.js';
import { OCCUPANCY_TYPES } from '../households/HouseholdModals.js';
import { MemberCard, type MemberIssue, type MemberValues } from './MemberCard.js';

interface Values {
  place: DwellingChoice;
  occupancyType: HouseholdDto['occupancies'][number]['type'];
  startDate: Dayjs;
  members: MemberValues[];
}

const newMember = (relationship: MemberValues['relationship']): MemberValues => ({
  relationship,
  personId: null,
  existingName: null,
  person: { ...EMPTY_PERSON, id: newId() },
});

export function RegisterPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const [picked, setPicked] = useState<PickedInfo | null>(null);
  const [issues, setIssues] = useState<Record<number, MemberIssue>>({});
  const [done, setDone] = useState<{ household: HouseholdDto; label: string } | null>(null);
  const [transfer, setTransfer] = useState<TransferTarget | null>(null);
  const householdId = useRef(newId());

  const initial: Values = {
    place: { courtyardId: params.get('courtyardId'), dwellingId: params.get('dwellingId') },
    occupancyType: 'owned',
    startDate: dayjs(shanghaiToday()),
    members: [newMember('head')],
  };

  /** The server's refusals that concern one member, by member index. */
  const memberIssuesFrom = (err: unknown, values: Values): Record<number, MemberIssue> => {
    if (!isApiError(err)) return {};
    const out: Record<number, MemberIssue> = {};
    const personId = typeof err.details?.personId === 'string' ? err.details.personId : null;
    // An existing member refused (still in another household, out of scope): members.N.personId.
    for (const f of err.fields) {
      const m = f.field.match(/^members\.(\d+)\.personId$/);
      if (m) out[Number(m[1])] = { code: err.code, message: fieldLabel(f), personId: null };
    }
    if (err.code !== 'PERSON_EXISTS' && err.code !== 'PERSON_REGISTERED_ELSEWHERE') return out;
    const indexes = new Set<number>();
    for (const f of err.fields) {
      const m = f.field.match(/^members\.(\d+)\./);
      if (m) indexes.add(Number(m[1]));
    }
    // No path from the server: find the member by the document number it names, else blame every new member.
    if (indexes.size === 0) {
      const doc = typeof err.details?.docNumber === 'string' ? err.details.docNumber : null;
      values.members.forEach((m, i) => {
        if (!m.personId && (!doc || checkDoc(m.person.docType ?? 'resident_id', m.person.docNumber).number === doc))
          indexes.add(i);
      });
    }
    for (const i of indexes) out[i] = { code: err.code, message: err.localized(), personId };
    return out;
  };

  // The refusals about one member are shown on its card as well as on the form.
  const { saving, submit } = useSubmit(
    form,
    async (values) => {
      setIssues({});
      const body = {
        id: householdId.current,
        dwellingId: values.place.dwellingId ?? '',
        occupancyType: values.occupancyType,
        startDate: values.startDate.format('YYYY-MM-DD'),
        members: values.members.map((m) =>
          m.personId
            ? { personId: m.personId, relationship: m.relationship }
            : { person: personBody(m.person), relationship: m.relationship },
        ),
      };
      try {
        return await api.post('/api/households', { body });
      } catch (err) {
        setIssues(memberIssuesFrom(err, values));
        throw err;
      }
    },
    (household) => setDone({ household, label: picked?.label ?? household.current?.address.text ?? '' }),
    t('register.success'),
  );

  const adoptExisting = async (index: number, personId: string) => {
    try {
      const p = await api.get('/api/persons/:id', { params: { id: personId } });
      form.setFieldValue(['members', index, 'personId'], p.id);
      form.setFieldValue(['members', index, 'existingName'], `${p.name ?? ''} ${p.docNumber ?? ''}`.trim());
      setIssues((all) => Object.fromEntries(Object.entries(all).filter(([i]) => Number(i) !== index)));
    } catch (err) {
      showError(err);
    }
  };

  const another = () => {
    const place = form.getFieldValue('place') as DwellingChoice;
    householdId.current = newId();
    setDone(null);
    setIssues({});
    form.resetFields();
    form.setFieldsValue({ ...initial, place: { ...place, dwellingId: null }, members: [newMember('head')] });
  };

  if (done) {
    const count = done.household.members.filter((m) => !m.endDate).length;
    return (
      <Card className="ss-register">
        <Result
          status="success"
          icon={<CheckCircleOutlined />}
          title={t('register.success')}
          subTitle={t('register.successDetail', { count, address: done.label })}
          extra={[
            <Link key="open" to={`/households/${done.household.id}`}>
              <Button type="primary" data-testid="register-open-household">
                {t('register.openHousehold')}
              </Button>
            </Link>,
            <Button key="next" onClick={another} data-testid="register-another">
              {t('register.another')}
            </Button>,
          ]}
          data-testid="register-success"
        />
      </Card>
    );
  }

  return (
    <div className="ss-register">
      <Typography.Title level={4} className="ss-page-title" style={{ marginBottom: 4 }}>
        {t('register.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('register.subtitle')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        requiredMark="optional"
        data-testid="register-form"
        scrollToFirstError
      >
        <Card
          size="small"
          title={
            <>
              <HomeOutlined /> {t('register.step.address')}
            </>
          }
          style={{ marginBottom: 12 }}
        >
          <Form.Item name="place" style={{ marginBottom: 0 }} rules={[dwellingRequired(t)]}>
            <DwellingPicker onPicked={setPicked} testIdPrefix="register" />
          </Form.Item>
          {picked && picked.occupants.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 12 }}
              title={t('register.occupiedWarning', { name: picked.occupants.join(t('common.listSep')) })}
            />
          )}
        </Card>
        <Card size="small" title={t('register.step.occupancy')} style={{ marginBottom: 12 }}>
          <Form.Item name="occupancyType" label={t('register.occupancyType')} rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={OCCUPANCY_TYPES.map((o) => ({ value: o, label: occupancyLabel(t, o) }))}
              data-testid="register-occupancy"
            />
          </Form.Item>
          <Form.Item
            name="startDate"
            label={t('register.startDate')}
            rules={[{ required: true, message: t('household.dateRequired') }]}
            style={{ marginBottom: 0 }}
          >
            <DatePicker style={{ width: '100%', maxWidth: 280 }} inputReadOnly data-testid="register-start" />
          </Form.Item>
        </Card>
        <Card
          size="small"
          title={
            <>
              <TeamOutlined /> {t('register.step.members')}
            </>
          }
          style={{ marginBottom: 12 }}
        >
          <Form.List
            name="members"
            rules={[
              {
                validator: (_r, members?: MemberValues[]) =>
                  (members ?? []).filter((m) => m?.relationship === 'head').length === 1
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('register.oneHead'))),
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <Space orientation="vertical" size={12} style={{ width: '100%' }}>
                {fields.map((field, index) => (
                  <MemberCard
                    key={field.key}
                    form={form}
                    index={index}
                    name={field.name}
                    issue={issues[index]}
                    canRemove={fields.length > 1}
                    onRemove={() => {
                      remove(field.name);
                      setIssues({});
                    }}
                    onUseExisting={(personId) => void adoptExisting(index, personId)}
                    onUseNew={() => {
                      form.setFieldValue(['members', index, 'personId'], null);
                      form.setFieldValue(['members', index, 'existingName'], null);
                    }}
                    onTransfer={() => {
                      const m = form.getFieldValue(['members', index, 'person']) as MemberValues['person'];
                      const docType = m.docType ?? 'resident_id';
                      setTransfer({
                        docType,
                        docNumber: checkDoc(docType, m.docNumber).number,
                        toGridId: picked?.courtyard?.grid.id ?? null,
                        name: m.name ?? '',
                      });
                    }}
                  />
                ))}
                <Form.ErrorList errors={errors} />
                <Button
                  type="dashed"
                  block
                  icon={<PlusOutlined />}
                  onClick={() =>
                    add(newMember(fields.length === 0 ? 'head' : fields.length === 1 ? 'spouse' : 'child'))
                  }
                  data-testid="register-add-member"
                >
                  {t('register.addMember')}
                </Button>
              </Space>
            )}
          </Form.List>
        </Card>
        <div className="ss-register-submit">
          <Button
            type="primary"
            size="large"
            block
            loading={saving}
            onClick={() => void submit()}
            data-testid="register-submit"
          >
            {t('register.submit')}
          </Button>
        </div>
      </Form>
      <TransferModal target={transfer} onClose={() => setTransfer(null)} />
    </div>
  );
}
