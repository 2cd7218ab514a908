/**
 * The family's members: what they wrote beside the registry record they match in the
 * reviewer's area (填报信息 vs 登记库), the conflicts between the two, and their health
 * answers (asked only of members in a key category, or in a campaign). A person
 * registered outside the reviewer's area shows as that and nothing more.
 */
import { Card, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCan } from '../../auth/session.js';
import { docTypeLabel, genderLabel, relationshipLabel } from '../../i18n/labels.js';
import { symptomLabel, Temperature } from '../health/labels.js';
import { ConflictTag } from './labels.js';
import type { ReviewMemberDto, SubmissionDto } from './types.js';

/** A registry value, in red when the conflict says it differs from what was written. */
function Cell({ label, value, differs, mono }: { label: string; value: ReactNode; differs?: boolean; mono?: boolean }) {
  const { t } = useTranslation();
  return (
    <div>
      <Typography.Text type="secondary">{t('selfreg.labelled', { label })}</Typography.Text>
      <Typography.Text className={mono ? 'ss-mono' : undefined} type={differs ? 'danger' : undefined} strong={differs}>
        {value ?? '—'}
      </Typography.Text>
    </div>
  );
}

function Registry({ m }: { m: ReviewMemberDto }) {
  const { t } = useTranslation();
  const can = useCan();
  const { match } = m;
  if (match.elsewhere) return <Tag color="purple">{t('selfreg.conflict.registered_elsewhere')}</Tag>;
  const p = match.person;
  if (!p) return <Typography.Text type="secondary">{t('selfreg.members.noMatch')}</Typography.Text>;
  const differs = (k: ReviewMemberDto['match']['conflicts'][number]) => match.conflicts.includes(k);
  return (
    <div data-testid="member-registry">
      <Cell
        label={t('person.name')}
        value={
          can('person.read') ? (
            <Link to={`/persons/${p.id}`}>{p.name ?? t('person.hidden')}</Link>
          ) : (
            (p.name ?? t('person.hidden'))
          )
        }
        differs={differs('name_differs')}
      />
      <Cell label={t('person.docNumber')} value={p.docNumber ?? t('person.hidden')} mono />
      <Cell label={t('person.phone')} value={p.phone} differs={differs('phone_differs')} mono />
      <Cell label={t('selfreg.members.address')} value={p.address} differs={differs('other_dwelling')} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('common.paren', { text: p.gridName, note: t(`selfreg.matchBy.${match.by ?? 'document'}`) })}
      </Typography.Text>
    </div>
  );
}

function Health({ m }: { m: ReviewMemberDto }) {
  const { t } = useTranslation();
  const h = m.health;
  if (!h) return <Typography.Text type="secondary">{t('selfreg.members.notAsked')}</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap data-testid="member-health">
      {h.fever && <Tag color="red">{t('selfreg.flag.feverOne')}</Tag>}
      <Temperature value={h.temperature} />
      {h.symptoms.length === 0 ? (
        <Typography.Text type="secondary">{t('selfreg.members.noSymptoms')}</Typography.Text>
      ) : (
        // 发热 already shows as the fever tag.
        h.symptoms
          .filter((s) => !(h.fever && s === '发热'))
          .map((s) => (
            <Tag key={s} color="volcano">
              {symptomLabel(t, s)}
            </Tag>
          ))
      )}
    </Space>
  );
}

export function MembersCard({ data }: { data: SubmissionDto }) {
  const { t } = useTranslation();
  const can = useCan();
  const columns: TableColumnsType<ReviewMemberDto> = [
    {
      title: t('selfreg.members.member'),
      key: 'member',
      render: (_: unknown, m) => (
        <Space orientation="vertical" size={0}>
          <Space size={4}>
            <Typography.Text strong>{m.name ?? '—'}</Typography.Text>
            <Tag>{relationshipLabel(t, m.relationship)}</Tag>
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[m.hukouPlace, m.localHukou ? t('selfreg.members.local') : t('selfreg.members.nonLocal')]
              .filter(Boolean)
              .join(' · ')}
          </Typography.Text>
          {m.registeredPersonId && can('person.read') && (
            <Link to={`/persons/${m.registeredPersonId}`} style={{ fontSize: 12 }}>
              {t('selfreg.members.registered')}
            </Link>
          )}
        </Space>
      ),
    },
    {
      title: t('selfreg.members.written'),
      key: 'written',
      render: (_: unknown, m) => (
        <div data-testid="member-written">
          <Cell label={docTypeLabel(t, m.docType)} value={m.docNumber} mono />
          <Cell label={t('person.phone')} value={m.phone} mono />
          {m.gender ? <Cell label={t('person.gender')} value={genderLabel(t, m.gender)} /> : null}
          {m.birthDate ? <Cell label={t('person.birthDate')} value={m.birthDate} mono /> : null}
        </div>
      ),
    },
    { title: t('selfreg.members.registry'), key: 'registry', render: (_: unknown, m) => <Registry m={m} /> },
    {
      title: t('selfreg.members.conflicts'),
      key: 'conflicts',
      render: (_: unknown, m) =>
        m.match.conflicts.length ? (
          <Space size={[0, 4]} wrap>
            {m.match.conflicts.map((c) => (
              <ConflictTag key={c} kind={c} />
            ))}
          </Space>
        ) : (
          '—'
        ),
    },
    { title: t('selfreg.members.health'), key: 'health', render: (_: unknown, m) => <Health m={m} /> },
  ];

  return (
    <Card title={t('selfreg.members.title', { count: data.members.length })} styles={{ body: { padding: 0 } }}>
      <Table<ReviewMemberDto>
        rowKey="key"
        size="middle"
        columns={columns}
        dataSource={data.members}
        pagination={false}
        scroll={{ x: 1000 }}
        rowClassName={(m) => (m.health?.fever ? 'ss-fever-row' : '')}
        onRow={(m) => ({ 'data-testid': 'member-row', 'data-member-key': m.key }) as React.HTMLAttributes<HTMLElement>}
        data-testid="members-table"
      />
    </Card>
  );
}
