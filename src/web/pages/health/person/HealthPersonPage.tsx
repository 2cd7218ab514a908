/**
 * A key person's health timeline (opening it is audited on the server): profile,
 * categories, measures with the release checklist, tests, check-ins and every
 * recorded decision, with the actions the user's permissions allow.
 */
import { FormOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Result, Row, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, isApiError } from '../../../api/client.js';
import { useCan } from '../../../auth/session.js';
import { LoadFailed } from '../../../components/LoadFailed.js';
import { BackButton, RecordHeader } from '../../../components/RecordHeader.js';
import { useLoad } from '../../../lib/useLoad.js';
import { MeasureTag, statusLabel } from '../labels.js';
import type { TimelineDto } from '../types.js';
import { CheckinLinkModal } from './CheckinLinkModal.js';
import { CheckinsCard, StaffCheckinModal } from './CheckinsCard.js';
import { EventsCard } from './EventsCard.js';
import { MeasuresCard } from './MeasuresCard.js';
import { PlaceAction } from './PlaceModal.js';
import { CategoryModal, ProfileCard } from './ProfileCard.js';
import { TestsCard } from './TestsCard.js';

export function HealthPersonPage() {
  const { id = '' } = useParams();
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);
  const notKey = (err: unknown) => isApiError(err, 'NOT_A_KEY_PERSON');
  const { data, loading, error, reload } = useLoad(
    (signal) => api.get('/api/health-persons/:id', { params: { id }, signal }),
    `${id}:${version}`,
    { quiet: notKey },
  );

  if (error && notKey(error)) return <NotKeyPerson personId={id} onChanged={changed} />;
  if (error && !data) return <LoadFailed retry={reload} />;
  if (!data || data.person.id !== id) return <Card loading={loading} />;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <BackButton />
      <Header data={data} onChanged={changed} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <ProfileCard data={data} onChanged={changed} />
        </Col>
        <Col xs={24} xl={14}>
          <MeasuresCard data={data} onChanged={changed} />
        </Col>
        <Col xs={24} xl={12}>
          <CheckinsCard data={data} />
        </Col>
        <Col xs={24} xl={12}>
          <TestsCard data={data} onChanged={changed} />
        </Col>
        <Col xs={24}>
          <EventsCard events={data.events} />
        </Col>
      </Row>
    </Space>
  );
}

/** Name, status, categories, the measure today, and the day-to-day actions. */
function Header({ data, onChanged }: { data: TimelineDto; onChanged: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const [checkingIn, setCheckingIn] = useState(false);
  const [linking, setLinking] = useState(false);
  const active = data.measures.find((m) => m.actualEnd === null) ?? null;
  const p = data.person;
  return (
    <RecordHeader
      title={p.name ?? t('person.hidden')}
      titleTestId="health-person-name"
      tags={
        <>
          {data.profile.status !== 'none' && (
            <Tag color="magenta" data-testid="health-person-status">
              {statusLabel(t, data.profile.status)}
            </Tag>
          )}
          {active ? <MeasureTag measure={active.measure} /> : <Tag>{t('health.noActiveMeasure')}</Tag>}
        </>
      }
      about={
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, md: 4 }}
          style={{ marginTop: 8 }}
          items={[
            {
              key: 'doc',
              label: t('person.docNumber'),
              children: <span className="ss-mono">{p.docNumber ?? t('person.hidden')}</span>,
            },
            {
              key: 'phone',
              label: t('person.phone'),
              children: <span className="ss-mono">{p.phone ?? t('common.none')}</span>,
            },
            { key: 'grid', label: t('person.grid'), children: p.grid.name },
            {
              key: 'registry',
              label: t('health.registryFile'),
              children: <Link to={`/persons/${p.id}`}>{t('health.openRegistry')}</Link>,
            },
          ]}
        />
      }
      actions={
        <Space wrap>
          {can('health.record') && !active && <PlaceAction personId={p.id} onPlaced={onChanged} />}
          {can('health.record') && active && (
            <Button icon={<FormOutlined />} onClick={() => setCheckingIn(true)} data-testid="health-staff-checkin">
              {t('health.staffCheckin.action')}
            </Button>
          )}
          {can('health.record') && active && (
            <Button icon={<QrcodeOutlined />} onClick={() => setLinking(true)} data-testid="health-checkin-link">
              {t('health.link.action')}
            </Button>
          )}
        </Space>
      }
    >
      <StaffCheckinModal
        open={checkingIn}
        personId={p.id}
        onClose={() => setCheckingIn(false)}
        onSaved={() => (setCheckingIn(false), onChanged())}
      />
      <CheckinLinkModal open={linking} personId={p.id} onClose={() => setLinking(false)} />
    </RecordHeader>
  );
}

/** A registry person with no health record yet: a measure or a category makes them a key person. */
function NotKeyPerson({ personId, onChanged }: { personId: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const [adding, setAdding] = useState(false);
  const person = useLoad((signal) => api.get('/api/persons/:id', { params: { id: personId }, signal }), personId, {
    quiet: () => true,
  });
  return (
    <Card>
      <Result
        status="info"
        title={person.data?.name ?? t('health.notKey.title')}
        subTitle={t('health.notKey.subtitle')}
        extra={
          can('health.record') ? (
            <Space wrap>
              <PlaceAction personId={personId} onPlaced={onChanged} />
              <Button onClick={() => setAdding(true)}>{t('health.category.add')}</Button>
            </Space>
          ) : undefined
        }
      />
      <Alert type="info" showIcon title={t('health.notKey.privacy')} />
      <CategoryModal
        open={adding}
        personId={personId}
        onClose={() => setAdding(false)}
        onSaved={() => (setAdding(false), onChanged())}
      />
    </Card>
  );
}
