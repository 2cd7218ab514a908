/** The family's travel in the last 30 days and contacts with cases, as they wrote them. */
import { Card, Empty, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { transportLabel } from './labels.js';
import type { SubmissionDto } from './types.js';

type Trip = SubmissionDto['trips'][number];
type Contact = SubmissionDto['contacts'][number];

/** Member key → name, for trips, contacts and version paths. */
export function memberNames(data: SubmissionDto): (key: string) => string {
  const names = new Map(data.members.map((m) => [m.key, m.name ?? '—']));
  return (key) => names.get(key) ?? key;
}

/** "武汉（其他：…）" */
export function tripPlace(trip: Pick<Trip, 'place' | 'otherPlace'>): string {
  return trip.otherPlace ? `${trip.place}（${trip.otherPlace}）` : trip.place;
}

export function AnswersCard({ data }: { data: SubmissionDto }) {
  const { t } = useTranslation();
  const nameOf = memberNames(data);
  const sep = t('common.listSep');
  return (
    <Card title={t('selfreg.answers.title')} size="small" data-testid="answers-card">
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <div>
          <Typography.Text strong>{t('selfreg.answers.trips')}</Typography.Text>
          {data.trips.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('selfreg.answers.noTrips')} />
          ) : (
            <Table<Trip>
              rowKey={(r) => [r.place, r.otherPlace, r.returnDate, r.transport, r.transportNo, ...r.members].join('|')}
              size="small"
              pagination={false}
              dataSource={data.trips}
              scroll={{ x: 600 }}
              columns={[
                { title: t('selfreg.answers.place'), key: 'place', render: (_: unknown, r) => tripPlace(r) },
                { title: t('selfreg.answers.returnDate'), dataIndex: 'returnDate', key: 'return' },
                {
                  title: t('selfreg.answers.transport'),
                  key: 'transport',
                  render: (_: unknown, r) => [transportLabel(t, r.transport), r.transportNo].filter(Boolean).join(' '),
                },
                {
                  title: t('selfreg.answers.who'),
                  key: 'who',
                  render: (_: unknown, r) => r.members.map(nameOf).join(sep),
                },
              ]}
              data-testid="trips-table"
            />
          )}
        </div>
        <div>
          <Typography.Text strong>{t('selfreg.answers.contacts')}</Typography.Text>
          {data.contacts.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('selfreg.answers.noContacts')} />
          ) : (
            <Table<Contact>
              rowKey={(r) => `${r.member}|${r.lastContact}`}
              size="small"
              pagination={false}
              dataSource={data.contacts}
              columns={[
                { title: t('selfreg.answers.who'), key: 'who', render: (_: unknown, r) => nameOf(r.member) },
                { title: t('health.lastContact'), dataIndex: 'lastContact', key: 'last' },
              ]}
              data-testid="contacts-table"
            />
          )}
        </div>
      </Space>
    </Card>
  );
}
