/**
 * 建议管控: for each member whose answers put them in a key category, the measure the
 * rules in force give (categories, measure, start and planned end) and 一键管控 — the
 * member placed under it in one step once the family is in the registry. Measures at
 * an isolation site or hospital ask for the site and room (or bed) first.
 */
import { MedicineBoxOutlined } from '@ant-design/icons';
import { Button, Card, Form, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.js';
import { showError, toastSuccess } from '../../api/feedback.js';
import { useCan } from '../../auth/session.js';
import { buttonProps } from '../../components/buttonProps.js';
import { FormModal } from '../../components/FormModal.js';
import { useSubmit } from '../../components/useSubmit.js';
import { newId } from '../../lib/registry.js';
import { categoryLabel, measureLabel, MeasureTag } from '../health/labels.js';
import { needsSite, siteBody, SiteFields, type SiteValues } from '../health/person/SiteFields.js';
import type { PlacedMeasure, ProposalDto, ReviewMemberDto, SubmissionDto } from './types.js';

type Proposed = ReviewMemberDto & { proposal: ProposalDto };

export function ProposalsCard({ data, onChanged }: { data: SubmissionDto; onChanged: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const [busy, setBusy] = useState<string | null>(null);
  const [siteFor, setSiteFor] = useState<Proposed | null>(null);
  // One client id per member until it is placed: a repeated click places once.
  const ids = useRef(new Map<string, string>());
  const idFor = (key: string) => {
    if (!ids.current.has(key)) ids.current.set(key, newId());
    return ids.current.get(key)!;
  };
  const members = data.members.filter((m): m is Proposed => m.proposal !== null);
  if (members.length === 0) return null;

  /** 一键管控: the member under the measure proposed for them (one client id per member: a double click places once). */
  const placeMember = (m: Proposed, site: SiteValues) =>
    api.post('/api/reg-submissions/:id/place', {
      params: { id: data.id },
      body: { id: idFor(m.key), memberKey: m.key, ...site },
    });
  const placed = (m: Proposed, measure: PlacedMeasure) => {
    ids.current.delete(m.key);
    toastSuccess(
      measure.plannedEnd
        ? t('selfreg.proposal.placedUntil', {
            name: m.name ?? '—',
            measure: measureLabel(t, measure.measure),
            day: measure.plannedEnd,
          })
        : t('selfreg.proposal.placedOk', { name: m.name ?? '—', measure: measureLabel(t, measure.measure) }),
    );
    onChanged();
  };

  const place = async (m: Proposed) => {
    setBusy(m.key);
    try {
      placed(m, await placeMember(m, {}));
    } catch (err) {
      showError(err);
    } finally {
      setBusy(null);
    }
  };

  const action = (m: Proposed) => {
    const p = m.proposal;
    if (p.placed) {
      return (
        <Space orientation="vertical" size={0} data-testid="proposal-placed">
          <Space size={4}>
            <Tag color="green">{t('selfreg.proposal.placed')}</Tag>
            <MeasureTag measure={p.placed.measure} />
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.placed.plannedEnd ? t('selfreg.proposal.until', { day: p.placed.plannedEnd }) : t('health.endByTests')}
          </Typography.Text>
          {m.registeredPersonId && can('health.open') && (
            <Link to={`/health/persons/${m.registeredPersonId}`} style={{ fontSize: 12 }}>
              {t('selfreg.proposal.openHealth')}
            </Link>
          )}
        </Space>
      );
    }
    const why = !can('selfreg.review')
      ? t('selfreg.noReview')
      : data.status !== 'accepted' || !m.registeredPersonId
        ? t('selfreg.proposal.acceptFirst')
        : null;
    const button = (
      <Button
        type="primary"
        danger
        size="small"
        icon={<MedicineBoxOutlined />}
        disabled={why !== null}
        loading={busy === m.key}
        onClick={needsSite(p.measure) ? () => setSiteFor(m) : undefined}
        data-testid="proposal-place"
      >
        {t('selfreg.proposal.place')}
      </Button>
    );
    if (why) return <Tooltip title={why}>{button}</Tooltip>;
    if (needsSite(p.measure)) return button;
    return (
      <Popconfirm
        title={t('selfreg.proposal.confirm', { name: m.name ?? '—', measure: measureLabel(t, p.measure) })}
        description={
          p.plannedEnd ? t('selfreg.proposal.period', { start: p.start, end: p.plannedEnd }) : t('health.endByTests')
        }
        okText={t('selfreg.proposal.place')}
        okButtonProps={buttonProps('proposal-place-ok')}
        cancelText={t('common.cancel')}
        onConfirm={() => void place(m)}
      >
        {button}
      </Popconfirm>
    );
  };

  const columns: TableColumnsType<Proposed> = [
    {
      title: t('selfreg.members.member'),
      key: 'name',
      render: (_: unknown, m) => <Typography.Text strong>{m.name ?? '—'}</Typography.Text>,
    },
    {
      title: t('health.categories'),
      key: 'categories',
      render: (_: unknown, m) => (
        <Space size={[0, 4]} wrap>
          {m.proposal.categories.map((c) => (
            <Tag key={c.key} color="magenta">
              {categoryLabel(t, c.key, c.label)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('selfreg.proposal.measure'),
      key: 'measure',
      render: (_: unknown, m) => <MeasureTag measure={m.proposal.measure} />,
    },
    {
      title: t('selfreg.proposal.periodTitle'),
      key: 'period',
      className: 'ss-nowrap',
      render: (_: unknown, m) =>
        m.proposal.plannedEnd
          ? `${m.proposal.start} – ${m.proposal.plannedEnd}`
          : `${m.proposal.start} – ${t('health.endByTests')}`,
    },
    { title: t('health.lastContact'), key: 'lastContact', render: (_: unknown, m) => m.proposal.lastContact ?? '—' },
    { title: t('common.actions'), key: 'action', render: (_: unknown, m) => action(m) },
  ];

  return (
    <Card
      title={t('selfreg.proposal.title')}
      extra={<Typography.Text type="secondary">{t('selfreg.proposal.hint')}</Typography.Text>}
      styles={{ body: { padding: 0 } }}
    >
      <Table<Proposed>
        rowKey="key"
        size="middle"
        columns={columns}
        dataSource={members}
        pagination={false}
        scroll={{ x: 900 }}
        onRow={(m) =>
          ({ 'data-testid': 'proposal-row', 'data-member-key': m.key }) as React.HTMLAttributes<HTMLElement>
        }
        data-testid="proposals-table"
      />
      <SiteModal
        member={siteFor}
        send={(m, v) => placeMember(m, siteBody(m.proposal.measure, v))}
        onClose={() => setSiteFor(null)}
        onPlaced={(m, measure) => {
          setSiteFor(null);
          placed(m, measure);
        }}
      />
    </Card>
  );
}

/** The isolation site and room (or hospital and bed) for a measure away from home. */
function SiteModal({
  member,
  send,
  onClose,
  onPlaced,
}: {
  member: Proposed | null;
  send: (m: Proposed, v: SiteValues) => Promise<PlacedMeasure>;
  onClose: () => void;
  onPlaced: (m: Proposed, measure: PlacedMeasure) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SiteValues>();
  const { saving, submit } = useSubmit(
    form,
    (v) => send(member!, v),
    (measure) => onPlaced(member!, measure),
    null,
  );
  return (
    <FormModal
      open={member !== null}
      title={
        member
          ? t('selfreg.proposal.confirm', {
              name: member.name ?? '—',
              measure: measureLabel(t, member.proposal.measure),
            })
          : ''
      }
      okText={t('selfreg.proposal.place')}
      okTestId="proposal-site-ok"
      saving={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      form={form}
      formTestId="proposal-site-form"
    >
      {member && <SiteFields measure={member.proposal.measure} form={form} />}
    </FormModal>
  );
}
