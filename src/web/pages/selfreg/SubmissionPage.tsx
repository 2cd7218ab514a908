/**
 * One family's submission for review: where they live, the members beside their
 * registry records, their travel and contacts, the measures proposed, every version
 * with its changes, and the decisions — accept, merge into an existing household,
 * return with a reason. After a decision the submission is read again.
 */
import { CheckOutlined, MergeCellsOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Row, Space, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client.js';
import { useCan } from '../../auth/session.js';
import { LoadFailed } from '../../components/LoadFailed.js';
import { BackButton, RecordHeader } from '../../components/RecordHeader.js';
import { formatTime } from '../../lib/format.js';
import { useLoad } from '../../lib/useLoad.js';
import { AcceptModal, type AcceptMode } from './AcceptModal.js';
import { AnswersCard } from './AnswersCard.js';
import { isStale, livingTypeLabel, queueLink, SubmissionStatusTag } from './labels.js';
import { MembersCard } from './MembersCard.js';
import { ProposalsCard } from './ProposalsCard.js';
import { ReasonFormModal } from './ReasonFormModal.js';
import type { SubmissionDto } from './types.js';
import { VersionsCard } from './VersionsCard.js';

export function SubmissionPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const submission = useLoad((signal) => api.get('/api/reg-submissions/:id', { params: { id }, signal }), id);
  const { data, loading, error } = submission;
  const reload = () => submission.reload();

  if (error && !data) return <LoadFailed retry={reload} />;
  if (!data || data.id !== id) return <Card loading={loading} />;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <BackButton />
      <Header data={data} onChanged={reload} />
      {data.masked && <Alert type="info" showIcon title={t('selfreg.detail.masked')} />}
      <MembersCard data={data} />
      <ProposalsCard data={data} onChanged={reload} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <AnswersCard data={data} />
        </Col>
        <Col xs={24} xl={12}>
          <VersionsCard data={data} />
        </Col>
      </Row>
    </Space>
  );
}

/** Status, version, family code, place and times; the decisions the reviewer may take. */
function Header({ data, onChanged }: { data: SubmissionDto; onChanged: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const [accepting, setAccepting] = useState<AcceptMode | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const review = can('selfreg.review');
  const why = !review ? t('selfreg.noReview') : data.status !== 'new' ? t('selfreg.detail.decided') : null;
  const guard = (button: React.ReactNode) => (why ? <Tooltip title={why}>{button}</Tooltip> : button);
  const d = data.decision;

  return (
    <RecordHeader
      title={t('selfreg.detail.title', { code: data.familyCode })}
      titleTestId="submission-title"
      tags={
        <>
          <span data-testid="submission-status">
            <SubmissionStatusTag status={data.status} />
          </span>
          <Tag>{t('selfreg.versionNo', { no: data.version })}</Tag>
          {data.changedAfterReview && <Tag color="purple">{t('selfreg.flag.changed')}</Tag>}
        </>
      }
      about={
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          style={{ marginTop: 8 }}
          items={[
            {
              key: 'dwelling',
              label: t('selfreg.detail.dwelling'),
              children: data.dwelling ? (
                can('place.read') ? (
                  <Link to={`/dwellings/${data.dwelling.id}`}>{data.dwelling.address ?? '—'}</Link>
                ) : (
                  (data.dwelling.address ?? '—')
                )
              ) : (
                <Tag color="orange" data-testid="submission-unlisted">
                  {t('selfreg.detail.written', { address: data.address ?? '—' })}
                </Tag>
              ),
            },
            { key: 'living', label: t('selfreg.detail.livingType'), children: livingTypeLabel(t, data.livingType) },
            {
              key: 'area',
              label: t('selfreg.detail.area'),
              children: data.courtyard ? `${data.area.name} · ${data.courtyard.name}` : data.area.name,
            },
            {
              key: 'code',
              label: t('selfreg.detail.code'),
              children: (
                <Link to={queueLink(data.code.id, 'all')}>
                  {t('common.paren', { text: data.code.placeName, note: data.code.responsibleName })}
                </Link>
              ),
            },
            { key: 'submitted', label: t('selfreg.detail.submitted'), children: formatTime(data.submittedAt) },
            { key: 'updated', label: t('selfreg.detail.updated'), children: formatTime(data.updatedAt) },
            ...(data.householdId && can('person.read')
              ? [
                  {
                    key: 'household',
                    label: t('selfreg.detail.household'),
                    children: <Link to={`/households/${data.householdId}`}>{t('selfreg.detail.openHousehold')}</Link>,
                  },
                ]
              : []),
            ...(d
              ? [
                  {
                    key: 'decision',
                    label: t('selfreg.detail.decision'),
                    children: (
                      <span data-testid="submission-decision">
                        {t('selfreg.detail.decidedBy', {
                          by: d.by,
                          at: formatTime(d.at).slice(0, 16),
                          no: d.version,
                        })}
                        {d.reason ? ` · ${d.reason}` : ''}
                      </span>
                    ),
                  },
                ]
              : []),
          ]}
        />
      }
      actions={
        <Space wrap>
          {guard(
            <Button
              type="primary"
              icon={<CheckOutlined />}
              disabled={why !== null}
              onClick={() => setAccepting('accept')}
              data-testid="submission-accept"
            >
              {t('selfreg.accept.action')}
            </Button>,
          )}
          {guard(
            <Button
              icon={<MergeCellsOutlined />}
              disabled={why !== null}
              onClick={() => setAccepting('merge')}
              data-testid="submission-merge"
            >
              {t('selfreg.merge.action')}
            </Button>,
          )}
          {guard(
            <Button
              danger
              icon={<RollbackOutlined />}
              disabled={why !== null}
              onClick={() => setRejecting(true)}
              data-testid="submission-reject"
            >
              {t('selfreg.reject.action')}
            </Button>,
          )}
        </Space>
      }
    >
      <AcceptModal
        mode={accepting}
        data={data}
        onClose={() => setAccepting(null)}
        onDone={() => {
          setAccepting(null);
          onChanged();
        }}
        onStale={() => {
          setAccepting(null);
          onChanged();
        }}
      />
      <ReasonFormModal
        open={rejecting}
        title={t('selfreg.reject.title')}
        okText={t('selfreg.reject.ok')}
        danger
        max={500}
        hint={t('selfreg.reject.hint')}
        onClose={() => setRejecting(false)}
        send={async (reason) => {
          try {
            return await api.post('/api/reg-submissions/:id/reject', {
              params: { id: data.id },
              body: { version: data.version, reason },
            });
          } catch (err) {
            if (isStale(err)) {
              setRejecting(false);
              onChanged();
            }
            throw err;
          }
        }}
        onDone={() => {
          setRejecting(false);
          onChanged();
        }}
        success={t('selfreg.reject.done')}
        testId="reject-modal"
      />
    </RecordHeader>
  );
}
