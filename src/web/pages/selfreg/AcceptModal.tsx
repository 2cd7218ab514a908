/**
 * 接收 / 合并到已有户: the family enters the registry. A family that wrote an address
 * the reviewer resolves to a dwelling first. Per member: link to the registry person
 * they match, create a new one, or leave out. Merging adds the family to an existing
 * household (one of those their matches belong to) instead of creating one.
 */
import { Alert, Checkbox, Descriptions, Form, Input, Select, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { DwellingPicker, type DwellingChoice } from '../../components/DwellingPicker.js';
import { FormModal } from '../../components/FormModal.js';
import { useSubmit } from '../../components/useSubmit.js';
import { relationshipLabel } from '../../i18n/labels.js';
import { ConflictTag, isStale } from './labels.js';
import type { AcceptResultDto, MemberAction, ReviewMemberDto, SubmissionDto } from './types.js';

export type AcceptMode = 'accept' | 'merge';

interface Values {
  changeDwelling?: boolean;
  place?: DwellingChoice;
  householdId?: string;
  actions: Record<string, MemberAction>;
  note?: string;
}

/** The households the family's matches live in: the candidates to merge into. */
export function mergeTargets(data: SubmissionDto): Array<{ householdId: string; names: string[]; grid: string }> {
  const byId = new Map<string, { householdId: string; names: string[]; grid: string }>();
  for (const m of data.members) {
    const p = m.match.person;
    if (!p?.householdId) continue;
    const entry = byId.get(p.householdId) ?? { householdId: p.householdId, names: [], grid: p.gridName };
    entry.names.push(p.name ?? m.name ?? '—');
    byId.set(p.householdId, entry);
  }
  return [...byId.values()];
}

/** Whom a member links to: the person an earlier acceptance made or linked, else their match in the area. */
const linkTarget = (m: ReviewMemberDto): string | null => m.registeredPersonId ?? m.match.person?.id ?? null;
/** Link when there is someone to link to; a person registered elsewhere is left out (the server refuses a second record). */
const defaultAction = (m: ReviewMemberDto): MemberAction =>
  linkTarget(m) ? 'link' : m.match.elsewhere ? 'skip' : 'create';
const actionAllowed = (m: ReviewMemberDto, a: MemberAction) =>
  a === 'link' ? !!linkTarget(m) : a === 'create' ? !m.match.elsewhere : true;

interface Props {
  mode: AcceptMode | null;
  data: SubmissionDto;
  onClose: () => void;
  onDone: (r: AcceptResultDto) => void;
  /** The submission changed or was decided meanwhile: reload it. */
  onStale: () => void;
}

export function AcceptModal({ mode, data, onClose, onDone, onStale }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [pickedLabel, setPickedLabel] = useState<string | null>(null);
  const changeDwelling = Form.useWatch('changeDwelling', form) ?? false;
  const needDwelling = data.dwelling === null;
  const targets = mergeTargets(data);
  // A family accepted before (and changed since) already has its household: offer it too.
  const householdOptions = [
    ...(data.householdId && !targets.some((h) => h.householdId === data.householdId)
      ? [{ value: data.householdId, label: t('selfreg.merge.previous') }]
      : []),
    ...targets.map((h) => ({
      value: h.householdId,
      label: t('selfreg.merge.option', { names: h.names.join(t('common.listSep')), grid: h.grid }),
    })),
  ];

  const firstHousehold = householdOptions[0]?.value;
  useEffect(() => {
    if (!mode) return;
    form.resetFields();
    setPickedLabel(null);
    form.setFieldsValue({
      actions: Object.fromEntries(data.members.map((m) => [m.key, defaultAction(m)])),
      householdId: mode === 'merge' ? firstHousehold : undefined,
    });
  }, [mode, data, form, firstHousehold]);

  const send = async (v: Values) => {
    try {
      return await api.post('/api/reg-submissions/:id/accept', {
        params: { id: data.id },
        body: {
          version: data.version,
          ...((needDwelling || v.changeDwelling) && v.place?.dwellingId ? { dwellingId: v.place.dwellingId } : {}),
          ...(mode === 'merge' && v.householdId ? { householdId: v.householdId } : {}),
          members: data.members.map((m) => {
            const action = v.actions[m.key] ?? defaultAction(m);
            const personId = action === 'link' ? linkTarget(m) : null;
            return personId ? { key: m.key, action, personId } : { key: m.key, action };
          }),
          ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        },
      });
    } catch (err) {
      if (isStale(err)) onStale();
      throw err;
    }
  };
  const { saving, submit } = useSubmit(form, send, onDone, (r) => {
    const count = (a: string) => r.persons.filter((p) => p.action === a).length;
    return t('selfreg.accept.done', { created: count('created'), linked: count('linked'), skipped: count('skipped') });
  });

  const pickDwelling = needDwelling || changeDwelling;
  return (
    <FormModal
      open={mode !== null}
      title={mode === 'merge' ? t('selfreg.merge.title') : t('selfreg.accept.title')}
      okText={mode === 'merge' ? t('selfreg.merge.ok') : t('selfreg.accept.ok')}
      okTestId="accept-ok"
      okExtra={{ disabled: mode === 'merge' && householdOptions.length === 0 }}
      saving={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      form={form}
      formTestId="accept-form"
      width={760}
      intro={
        <Descriptions
          size="small"
          column={1}
          style={{ marginBottom: 12 }}
          items={[
            {
              key: 'dwelling',
              label: t('selfreg.detail.dwelling'),
              children: data.dwelling ? (
                (data.dwelling.address ?? '—')
              ) : (
                <Tag color="orange">{t('selfreg.detail.written', { address: data.address ?? '—' })}</Tag>
              ),
            },
          ]}
        />
      }
    >
      {!needDwelling && (
        <Form.Item name="changeDwelling" valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox>{t('selfreg.accept.changeDwelling')}</Checkbox>
        </Form.Item>
      )}
      {pickDwelling && (
        <Form.Item
          name="place"
          label={needDwelling ? t('selfreg.accept.pickDwelling') : undefined}
          extra={pickedLabel ? t('selfreg.accept.picked', { label: pickedLabel }) : undefined}
          rules={[
            {
              validator: (_r, v?: DwellingChoice) =>
                v?.dwellingId ? Promise.resolve() : Promise.reject(new Error(t('picker.dwellingRequired'))),
            },
          ]}
        >
          <DwellingPicker onPicked={(info) => setPickedLabel(info?.label ?? null)} testIdPrefix="accept" />
        </Form.Item>
      )}

      {mode === 'merge' &&
        (householdOptions.length === 0 ? (
          <Alert type="warning" showIcon title={t('selfreg.merge.none')} style={{ marginBottom: 16 }} />
        ) : (
          <Form.Item
            name="householdId"
            label={t('selfreg.merge.household')}
            extra={t('selfreg.merge.hint')}
            rules={[{ required: true, message: t('selfreg.merge.required') }]}
          >
            <Select options={householdOptions} data-testid="merge-household" />
          </Form.Item>
        ))}

      <Typography.Text strong>{t('selfreg.accept.members')}</Typography.Text>
      <Table<ReviewMemberDto>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={data.members}
        style={{ margin: '8px 0 16px' }}
        columns={[
          {
            title: t('selfreg.members.member'),
            key: 'name',
            render: (_: unknown, m) => `${m.name ?? '—'}（${relationshipLabel(t, m.relationship)}）`,
          },
          {
            title: t('selfreg.members.registry'),
            key: 'match',
            render: (_: unknown, m) =>
              m.match.elsewhere ? (
                <ConflictTag kind="registered_elsewhere" />
              ) : m.match.person ? (
                <span>
                  {m.match.person.name ?? t('person.hidden')} · {m.match.person.gridName}{' '}
                  {m.match.conflicts
                    .filter((c) => c !== 'registered_elsewhere')
                    .map((c) => (
                      <ConflictTag key={c} kind={c} />
                    ))}
                </span>
              ) : (
                <Typography.Text type="secondary">{t('selfreg.members.noMatch')}</Typography.Text>
              ),
          },
          {
            title: t('selfreg.accept.memberAction'),
            key: 'action',
            width: 170,
            render: (_: unknown, m) => (
              <Form.Item name={['actions', m.key]} style={{ margin: 0 }}>
                <Select<MemberAction>
                  size="small"
                  options={(['link', 'create', 'skip'] as const).map((a) => ({
                    value: a,
                    label: t(`selfreg.accept.action.${a}`),
                    disabled: !actionAllowed(m, a),
                  }))}
                  data-testid={`accept-action-${m.key}`}
                />
              </Form.Item>
            ),
          },
        ]}
      />
      <Form.Item name="note" label={t('selfreg.accept.note')}>
        <Input.TextArea rows={2} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}
