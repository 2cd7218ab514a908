/** A community files today's (or yesterday's) report: the derived figures plus notes; a nil day files a zero report. */
import { Alert, Button, Card, Flex, Form, Input, Radio, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays } from '../../../../domain/clock.js';
import { api } from '../../../api/client.js';
import { useMe } from '../../../auth/session.js';
import { AreaTreeSelect } from '../../../components/AreaTreeSelect.js';
import { useSubmit } from '../../../components/useSubmit.js';
import { formatTime } from '../../../lib/format.js';
import { newId, shanghaiToday } from '../../../lib/registry.js';
import { useLoad } from '../../../lib/useLoad.js';
import { CountsTable } from './Counts.js';

export function FileReportCard() {
  const { t } = useTranslation();
  const me = useMe();
  const today = shanghaiToday();
  const ownCommunity = me.scope.level === 'community' ? me.scope.id : null;
  const [communityId, setCommunityId] = useState<string | null>(ownCommunity);
  const [day, setDay] = useState(today);
  const [version, setVersion] = useState(0);
  const [form] = Form.useForm<{ notes?: string }>();
  const reportId = useRef(newId());
  const draft = useLoad(
    (signal) =>
      communityId
        ? api.get('/api/daily-reports/draft', { query: { communityId, day }, signal })
        : Promise.resolve(null),
    `${communityId}:${day}:${version}`,
  );
  const d = draft.data;
  const filed = d?.report ?? null;

  useEffect(() => {
    reportId.current = newId();
    form.setFieldsValue({ notes: filed?.notes ?? '' });
  }, [communityId, day, filed?.notes, filed?.revisions, form]);

  const { saving, submit: file } = useSubmit(
    form,
    async (v) =>
      communityId
        ? api.post('/api/daily-reports', {
            body: { id: reportId.current, communityId, day, notes: v.notes?.trim() || null },
          })
        : null,
    () => setVersion((v) => v + 1),
    (saved) =>
      saved
        ? saved.revisions > 1
          ? t('reports.revised')
          : saved.zero
            ? t('reports.filedZero')
            : t('reports.filed')
        : null,
  );

  return (
    <Card title={t('reports.fileTitle')} data-testid="report-file">
      <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
        {ownCommunity ? (
          <Typography.Text strong>{me.scope.name}</Typography.Text>
        ) : (
          <AreaTreeSelect
            value={communityId}
            onChange={(id) => setCommunityId(id ?? null)}
            levels={['community']}
            placeholder={t('reports.community')}
            style={{ minWidth: 240 }}
          />
        )}
        <Radio.Group
          optionType="button"
          value={day}
          onChange={(e) => setDay(e.target.value as string)}
          options={[
            { value: today, label: t('health.today') },
            { value: addDays(today, -1), label: t('health.yesterday') },
          ]}
        />
        <Typography.Text type="secondary">{day}</Typography.Text>
      </Flex>
      {!communityId ? (
        <Alert type="info" showIcon title={t('reports.pickCommunity')} />
      ) : d ? (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {filed ? (
            <Alert
              type={filed.late ? 'warning' : 'success'}
              showIcon
              data-testid="report-filed"
              title={t('reports.filedAt', { at: formatTime(filed.filedAt).slice(0, 16), by: filed.filedBy })}
              description={
                <Space wrap>
                  {filed.zero && <Tag color="green">{t('reports.zero')}</Tag>}
                  {filed.late && <Tag color="orange">{t('reports.late')}</Tag>}
                  {filed.revisions > 1 && <Tag>{t('reports.revisions', { count: filed.revisions - 1 })}</Tag>}
                </Space>
              }
            />
          ) : (
            <Alert type="warning" showIcon title={t('reports.notFiled')} data-testid="report-not-filed" />
          )}
          <Typography.Text type="secondary">{t('reports.derivedHint')}</Typography.Text>
          <CountsTable counts={d.counts} />
          {d.zero && (
            <Tag color="green" data-testid="report-zero">
              {t('reports.zeroDay')}
            </Tag>
          )}
          <Form form={form} layout="vertical">
            <Form.Item name="notes" label={t('reports.notes')} rules={[{ max: 2000 }]}>
              <Input.TextArea rows={3} maxLength={2000} showCount data-testid="report-notes" />
            </Form.Item>
          </Form>
          <Button type="primary" onClick={() => void file()} loading={saving} data-testid="report-submit">
            {filed ? t('reports.revise') : d.zero ? t('reports.fileZero') : t('reports.file')}
          </Button>
        </Space>
      ) : (
        <Card loading={draft.loading} variant="borderless" />
      )}
    </Card>
  );
}
