/** 户档案: members (add, leave), current dwelling, move out / move in, occupancy history. */
import { HomeOutlined, LogoutOutlined, SwapOutlined, TeamOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Row, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client.js';
import type { MemberDto, OccupancyDto } from '../../api/registry.js';
import { useCan } from '../../auth/session.js';
import { LoadFailed } from '../../components/LoadFailed.js';
import { RecordHeader } from '../../components/RecordHeader.js';
import { VersionHistory } from '../../components/VersionHistory.js';
import { occupancyLabel, populationTypeLabel, relationshipLabel } from '../../i18n/labels.js';
import { OCCUPANCY_COLORS, period, tagColor } from '../../lib/registry.js';
import { useLoad } from '../../lib/useLoad.js';
import { AddMemberModal, DateActionModal, MoveInModal } from './HouseholdModals.js';

type Dialog = { kind: 'moveOut' } | { kind: 'moveIn' } | { kind: 'add' } | { kind: 'leave'; member: MemberDto } | null;

export function HouseholdPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const can = useCan();
  const [version, setVersion] = useState(0);
  const [dialog, setDialog] = useState<Dialog>(null);
  const loaded = useLoad((signal) => api.get('/api/households/:id', { params: { id }, signal }), `${id}:${version}`);
  const h = loaded.data;

  if (loaded.error && !h) return <LoadFailed retry={() => loaded.reload()} />;
  if (!h || h.id !== id) return <Card loading />;

  const edit = can('person.update') || can('person.create');
  // The answer is the updated household; reloading also refreshes its history.
  const saved = () => {
    setDialog(null);
    setVersion((v) => v + 1);
  };
  const head = h.members.find((m) => m.relationship === 'head' && !m.endDate);
  const current = h.current;

  const memberColumns: TableColumnsType<MemberDto> = [
    {
      title: t('person.name'),
      key: 'name',
      render: (_: unknown, m) => (
        <Space size={4} wrap>
          <Link to={`/persons/${m.person.id}`}>{m.person.name ?? t('person.hidden')}</Link>
          {m.person.tags.map((tag) => (
            <Tag key={tag} color={tagColor(tag)}>
              {tag}
            </Tag>
          ))}
        </Space>
      ),
    },
    { title: t('register.relationship'), key: 'rel', render: (_: unknown, m) => relationshipLabel(t, m.relationship) },
    {
      title: t('person.docNumber'),
      key: 'doc',
      className: 'ss-mono',
      render: (_: unknown, m) => m.person.docNumber ?? t('person.hidden'),
    },
    {
      title: t('person.phone'),
      key: 'phone',
      className: 'ss-mono',
      render: (_: unknown, m) => m.person.phone ?? t('common.none'),
    },
    {
      title: t('person.populationType'),
      key: 'pop',
      render: (_: unknown, m) => populationTypeLabel(t, m.person.populationType),
    },
    {
      title: t('household.memberSince'),
      key: 'period',
      render: (_: unknown, m) => (m.endDate ? <Tag>{t('household.former')}</Tag> : m.startDate),
    },
    {
      title: '',
      key: 'actions',
      className: 'ss-no-print',
      render: (_: unknown, m) =>
        edit && !m.endDate ? (
          <Button
            size="small"
            type="link"
            onClick={() => setDialog({ kind: 'leave', member: m })}
            data-testid="member-leave"
          >
            {t('household.memberLeaves')}
          </Button>
        ) : m.endDate ? (
          <Typography.Text type="secondary">{period(t, m.startDate, m.endDate)}</Typography.Text>
        ) : null,
    },
  ];

  const occColumns: TableColumnsType<OccupancyDto> = [
    {
      title: t('dwelling.address'),
      key: 'addr',
      render: (_: unknown, o) => <Link to={`/dwellings/${o.dwellingId}`}>{o.address.text ?? '—'}</Link>,
    },
    {
      title: t('household.type'),
      key: 'type',
      render: (_: unknown, o) => <Tag color={OCCUPANCY_COLORS[o.type]}>{occupancyLabel(t, o.type)}</Tag>,
    },
    {
      title: t('household.occupancyPeriod'),
      key: 'period',
      render: (_: unknown, o) => period(t, o.startDate, o.endDate),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <RecordHeader
        icon={<TeamOutlined style={{ fontSize: 22, color: '#13a8a8' }} />}
        title={head ? t('household.head', { name: head.person.name ?? t('person.hidden') }) : t('household.noHead')}
        titleTestId="household-title"
        tags={current && <Tag color={OCCUPANCY_COLORS[current.type]}>{occupancyLabel(t, current.type)}</Tag>}
        about={
          <Typography.Text type="secondary">
            {t('household.title')} · {h.grid.name}
          </Typography.Text>
        }
        actions={
          edit && (
            <Space wrap>
              <Button
                icon={<UserAddOutlined />}
                onClick={() => setDialog({ kind: 'add' })}
                data-testid="household-add-member"
              >
                {t('household.addMember')}
              </Button>
              <Button
                icon={<SwapOutlined />}
                onClick={() => setDialog({ kind: 'moveIn' })}
                data-testid="household-move-in"
              >
                {t('household.moveIn')}
              </Button>
              {current && (
                <Button
                  danger
                  icon={<LogoutOutlined />}
                  onClick={() => setDialog({ kind: 'moveOut' })}
                  data-testid="household-move-out"
                >
                  {t('household.moveOut')}
                </Button>
              )}
            </Space>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <Card
            title={
              <Space>
                <HomeOutlined />
                {t('household.address')}
              </Space>
            }
          >
            {current ? (
              <Descriptions
                column={1}
                size="small"
                items={[
                  {
                    key: 'addr',
                    label: t('dwelling.address'),
                    children: <Link to={`/dwellings/${current.dwellingId}`}>{current.address.text ?? '—'}</Link>,
                  },
                  {
                    key: 'yard',
                    label: t('courtyards.name'),
                    children: (
                      <Link to={`/courtyards/${current.address.courtyardId}`} data-testid="household-courtyard-link">
                        {t('courtyard.archive')}
                      </Link>
                    ),
                  },
                  { key: 'type', label: t('household.type'), children: occupancyLabel(t, current.type) },
                  { key: 'since', label: t('household.since'), children: current.startDate },
                  { key: 'grid', label: t('household.grid'), children: h.grid.name },
                ]}
              />
            ) : (
              <Typography.Text type="secondary">{t('household.noAddress')}</Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={15}>
          <Card title={t('household.members')} styles={{ body: { padding: 0 } }}>
            <Table<MemberDto>
              rowKey="id"
              size="small"
              columns={memberColumns}
              dataSource={h.members}
              pagination={false}
              scroll={{ x: 720 }}
              rowClassName={(m) => (m.endDate ? 'ss-retired-row' : '')}
              data-testid="household-members"
            />
          </Card>
        </Col>
      </Row>
      <Card title={t('household.occupancies')} styles={{ body: { padding: 0 } }}>
        <Table<OccupancyDto>
          rowKey="id"
          size="small"
          columns={occColumns}
          dataSource={h.occupancies}
          pagination={false}
          data-testid="household-occupancies"
        />
      </Card>
      <VersionHistory type="household" id={h.id} version={version} />

      <DateActionModal
        open={dialog?.kind === 'moveOut'}
        title={t('household.moveOutTitle')}
        label={t('household.moveOutDate')}
        hint={t('household.moveOutHint')}
        send={(endDate) => api.post('/api/households/:id/move-out', { params: { id: h.id }, body: { endDate } })}
        onClose={() => setDialog(null)}
        onSaved={saved}
      />
      <DateActionModal
        open={dialog?.kind === 'leave'}
        title={
          dialog?.kind === 'leave' ? t('household.memberLeavesTitle', { name: dialog.member.person.name ?? '' }) : ''
        }
        label={t('household.leaveDate')}
        send={(endDate) =>
          api.post('/api/households/:id/members/:memberId/leave', {
            params: { id: h.id, memberId: dialog?.kind === 'leave' ? dialog.member.id : '' },
            body: { endDate },
          })
        }
        onClose={() => setDialog(null)}
        onSaved={saved}
      />
      <MoveInModal household={dialog?.kind === 'moveIn' ? h : null} onClose={() => setDialog(null)} onSaved={saved} />
      <AddMemberModal household={dialog?.kind === 'add' ? h : null} onClose={() => setDialog(null)} onSaved={saved} />
    </Space>
  );
}
