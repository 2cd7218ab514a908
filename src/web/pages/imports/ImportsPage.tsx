/**
 * 台账导入: a community's or grid's one-dwelling-one-household ledger (xlsx/csv)
 * into the registry in three steps — target and file, column mapping, progress
 * and outcome — with the rules beside it and the recent import jobs below.
 * The running job lives in the URL (?job=), so a reload keeps watching it.
 */
import { InfoCircleOutlined } from '@ant-design/icons';
import { Card, Col, Row, Space, Steps, Typography } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { JobDto } from '../../../server/modules/platform/jobs/index.js';
import { useMe } from '../../auth/session.js';
import type { AreaRef } from '../../components/AreaTreeSelect.js';
import type { UploadDto } from './importApi.js';
import { MappingStep } from './MappingStep.js';
import { ProgressStep } from './ProgressStep.js';
import { RecentImports } from './RecentImports.js';
import { UploadStep } from './UploadStep.js';

const RULES = ['format', 'idText', 'required', 'idempotent', 'report'] as const;

export function ImportsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const scopeFits = me.scope.level === 'grid' || me.scope.level === 'community';
  const [target, setTarget] = useState<AreaRef | null>(
    scopeFits ? { id: me.scope.id, name: me.scope.name, level: me.scope.level } : null,
  );
  const [uploaded, setUploaded] = useState<UploadDto | null>(null);
  const [stage, setStage] = useState<0 | 1>(0);
  const [version, setVersion] = useState(0);
  const lastStatus = useRef<string | null>(null);
  const current = jobId ? 2 : stage;

  const openJob = useCallback(
    (id: string) => {
      lastStatus.current = null;
      setParams({ job: id });
    },
    [setParams],
  );

  const restart = () => {
    setUploaded(null);
    setStage(0);
    setParams({});
  };

  // Refresh the recent list when the watched job finishes.
  const onJobChanged = useCallback((job: JobDto) => {
    const done = job.status !== 'queued' && job.status !== 'running';
    if (done && lastStatus.current !== null && lastStatus.current !== job.status) setVersion((v) => v + 1);
    lastStatus.current = job.status;
  }, []);

  return (
    <>
      <Typography.Title level={4} className="ss-page-title">
        {t('imports.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('imports.subtitle')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {/* The rules sit beside the first step; the mapping table and the outcome take the whole width. */}
        <Col xs={24} xl={current === 0 ? 16 : 24}>
          <Card data-testid="import-wizard">
            <Steps
              current={current}
              style={{ marginBottom: 24 }}
              items={[
                { title: t('imports.step.upload') },
                { title: t('imports.step.mapping') },
                { title: t('imports.step.progress') },
              ]}
              data-testid="import-steps"
            />
            {current === 0 && (
              <UploadStep
                target={target}
                onTarget={setTarget}
                uploaded={uploaded}
                onUploaded={setUploaded}
                onNext={() => setStage(1)}
              />
            )}
            {current === 1 && uploaded && target && (
              <MappingStep
                upload={uploaded}
                target={target}
                onBack={() => setStage(0)}
                onStarted={(id) => {
                  setVersion((v) => v + 1);
                  openJob(id);
                }}
              />
            )}
            {current === 2 && jobId && (
              <ProgressStep
                jobId={jobId}
                gridId={target?.level === 'grid' ? target.id : null}
                onChanged={onJobChanged}
                onRestart={restart}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={current === 0 ? 8 : 24}>
          <Card
            size="small"
            title={
              <Space>
                <InfoCircleOutlined style={{ color: '#1d5bbf' }} />
                {t('imports.rulesTitle')}
              </Space>
            }
            data-testid="import-rules"
          >
            <ul className="ss-import-rules">
              {RULES.map((rule) => (
                <li key={rule}>{t(`imports.rule.${rule}`)}</li>
              ))}
            </ul>
          </Card>
        </Col>
        <Col span={24}>
          <RecentImports version={version} currentJobId={jobId} onOpen={openJob} />
        </Col>
      </Row>
    </>
  );
}
