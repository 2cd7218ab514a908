/** 人员档案: one person, masked by role, with reveal, households over time and history. */
import { ArrowLeftOutlined, EditOutlined, MedicineBoxOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Avatar, Button, Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client.js';
import type { PersonalField } from '../../api/registry.js';
import { useCan } from '../../auth/session.js';
import { LoadFailed } from '../../components/LoadFailed.js';
import { MaskedValue } from '../../components/MaskedValue.js';
import { VersionHistory } from '../../components/VersionHistory.js';
import { docTypeLabel, genderLabel, populationTypeLabel } from '../../i18n/labels.js';
import { formatTime } from '../../lib/format.js';
import { tagColor } from '../../lib/registry.js';
import { useLoad } from '../../lib/useLoad.js';
import { PersonEditModal } from './PersonEditModal.js';
import { PersonHouseholds } from './PersonHouseholds.js';

export function PersonPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState(false);
  const loaded = useLoad((signal) => api.get('/api/persons/:id', { params: { id }, signal }), `${id}:${version}`);
  const p = loaded.data;

  if (loaded.error && !p) return <LoadFailed retry={() => loaded.reload()} />;
  if (!p || p.id !== id) return <Card loading={loaded.loading} />;

  const isMasked = (f: PersonalField) => p.masked.includes(f);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card styles={{ body: { padding: '16px 24px' } }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Space size={16} align="center">
            <Button
              type="text"
              icon={<ArrowLeftOutlined />}
              onClick={() => void navigate(-1)}
              aria-label={t('common.backHome')}
              className="ss-no-print"
            />
            <Avatar
              size={48}
              icon={<UserOutlined />}
              style={{ background: p.gender === 'female' ? '#c2477a' : '#1d5bbf' }}
            />
            <div>
              <Space align="center" wrap>
                <Typography.Title level={3} style={{ margin: 0 }} data-testid="person-name">
                  <MaskedValue personId={p.id} field="name" value={p.name} masked={isMasked('name')} inherit />
                </Typography.Title>
                <Tag color="blue">{populationTypeLabel(t, p.populationType)}</Tag>
                {p.tags.map((tag) => (
                  <Tag key={tag} color={tagColor(tag)} data-testid="person-tag">
                    {tag}
                  </Tag>
                ))}
              </Space>
              <div>
                <Typography.Text type="secondary">
                  {t('personPage.title')} · {p.grid.name}
                </Typography.Text>
              </div>
            </div>
          </Space>
          <Space wrap className="ss-no-print">
            {can('health.open') && (
              <Link to={`/health/persons/${p.id}`} data-testid="person-health">
                <Button icon={<MedicineBoxOutlined />}>{t('health.personLink')}</Button>
              </Link>
            )}
            {can('person.update') && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="person-edit">
                {t('common.edit')}
              </Button>
            )}
          </Space>
        </Space>
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('personPage.basic')} data-testid="person-details">
            {p.masked.length > 0 && (
              <Alert type="info" showIcon title={t('personPage.masked')} style={{ marginBottom: 16 }} />
            )}
            <Descriptions
              bordered
              size="small"
              column={{ xs: 1, sm: 1, md: 2 }}
              items={[
                {
                  key: 'name',
                  label: t('person.name'),
                  children: <MaskedValue personId={p.id} field="name" value={p.name} masked={isMasked('name')} />,
                },
                { key: 'gender', label: t('person.gender'), children: genderLabel(t, p.gender) },
                { key: 'docType', label: t('person.docType'), children: docTypeLabel(t, p.docType) },
                {
                  key: 'doc',
                  label: t('person.docNumber'),
                  children: (
                    <MaskedValue
                      personId={p.id}
                      field="idNumber"
                      value={p.docNumber}
                      masked={isMasked('idNumber')}
                      mono
                      data-testid="person-doc"
                    />
                  ),
                },
                {
                  key: 'birth',
                  label: t('person.birthDate'),
                  children: (
                    <MaskedValue personId={p.id} field="birthDate" value={p.birthDate} masked={isMasked('birthDate')} />
                  ),
                },
                {
                  key: 'phone',
                  label: t('person.phone'),
                  children: (
                    <MaskedValue
                      personId={p.id}
                      field="phone"
                      value={p.phone}
                      masked={isMasked('phone')}
                      mono
                      data-testid="person-phone"
                    />
                  ),
                },
                { key: 'pop', label: t('person.populationType'), children: populationTypeLabel(t, p.populationType) },
                { key: 'hukou', label: t('person.hukouPlace'), children: p.hukouPlace ?? t('common.none') },
                { key: 'work', label: t('person.workUnit'), children: p.workUnit ?? t('common.none') },
                { key: 'grid', label: t('person.grid'), children: p.grid.name },
                { key: 'created', label: t('person.createdAt'), children: formatTime(p.createdAt) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <PersonHouseholds personId={p.id} version={version} />
        </Col>
      </Row>

      <VersionHistory type="person" id={p.id} version={version} />
      <Link to="/persons" className="ss-no-print">
        <ArrowLeftOutlined /> {t('persons.title')}
      </Link>
      <PersonEditModal
        person={editing ? p : null}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          setVersion((v) => v + 1);
        }}
      />
    </Space>
  );
}
