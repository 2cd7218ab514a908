/**
 * 一院一档: a courtyard's file — gate status, figures, buildings → units →
 * dwellings with their households, the households and their members, the
 * responsible people — and a print view (who printed it, when).
 */
import {
  ApartmentOutlined,
  EditOutlined,
  EnvironmentOutlined,
  FormOutlined,
  HomeOutlined,
  KeyOutlined,
  PrinterOutlined,
  ReloadOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Breadcrumb, Button, Card, Col, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useCan, useMe } from '../../auth/session.js';
import { ExportButton } from '../../components/ExportButton.js';
import { LoadFailed } from '../../components/LoadFailed.js';
import { VersionHistory } from '../../components/VersionHistory.js';
import { courtyardKindLabel } from '../../i18n/labels.js';
import { formatTime } from '../../lib/format.js';
import { ContactsCard } from './ContactsCard.js';
import { DwellingsCard } from './DwellingsCard.js';
import { GateModal } from './GateModal.js';
import { GateTag } from './GateTag.js';
import { HouseholdsCard } from './HouseholdsCard.js';
import { ALL, useCourtyard } from './useCourtyard.js';

export function CourtyardPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const can = useCan();
  const me = useMe();
  const [version, setVersion] = useState(0);
  const [gateOpen, setGateOpen] = useState(false);
  const [printing, setPrinting] = useState(false);
  const [printedAt, setPrintedAt] = useState(() => new Date().toISOString());
  const [selected, setSelected] = useState<string>(ALL);
  const data = useCourtyard(id, version, selected);
  const { detail, dwellings, households, persons } = data;
  const reload = () => setVersion((v) => v + 1);
  const [preparing, setPreparing] = useState(false);

  /** The printed file lists every dwelling and household: load the remaining pages first. */
  const print = async () => {
    setPreparing(true);
    try {
      await data.loadAll();
    } finally {
      setPreparing(false);
    }
    flushSync(() => {
      setPrintedAt(new Date().toISOString());
      setPrinting(true);
    });
    window.print();
  };

  // Ctrl+P prints the whole file too: every dwelling, the print header up to date.
  useEffect(() => {
    const before = () =>
      flushSync(() => {
        setPrintedAt(new Date().toISOString());
        setPrinting(true);
      });
    const after = () => setPrinting(false);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);

  const c = detail.data;
  if (detail.error && !c) {
    return <LoadFailed retry={() => detail.reload()} />;
  }
  if (!c || c.id !== id) return <Card loading />;

  // Printing prints the current view: the whole courtyard, or the selected building / unit.
  const scopeBuilding = c.buildings.find((b) => b.id === selected || b.units.some((u) => u.id === selected));
  const scopeLabel = scopeBuilding
    ? [scopeBuilding.label, scopeBuilding.units.find((u) => u.id === selected)?.label].filter(Boolean).join(' ')
    : '';
  const figure = (key: string) => c.figures[`registry.${key}`] ?? 0;
  const personCount = c.figures['registry.persons'] ?? persons;
  const cards = [
    { key: 'dwellings', icon: <HomeOutlined />, value: figure('dwellings'), color: '#1d5bbf' },
    { key: 'households', icon: <TeamOutlined />, value: figure('households'), color: '#13a8a8' },
    { key: 'rentals', icon: <KeyOutlined />, value: figure('rentals'), color: '#d48806' },
    { key: 'vacant', icon: <ApartmentOutlined />, value: figure('vacant'), color: '#8c8c8c' },
    { key: 'persons', icon: <UserOutlined />, value: personCount, color: '#c2477a' },
  ];

  return (
    <div className="ss-archive" data-testid="courtyard-page">
      <div className="ss-print-only ss-print-header" data-testid="print-header">
        <div className="ss-print-title">
          {t('courtyard.printTitle', { name: scopeLabel ? `${c.name} ${scopeLabel}` : c.name })}
        </div>
        <div>
          {t('courtyard.printedBy', {
            who: t('common.paren', { text: me.user.displayName, note: me.user.username }),
            time: formatTime(printedAt),
          })}
        </div>
      </div>
      <Breadcrumb
        className="ss-no-print"
        style={{ marginBottom: 12 }}
        items={[
          { key: 'list', title: <Link to="/courtyards">{t('courtyards.title')}</Link> },
          { key: 'this', title: c.name },
        ]}
      />
      <Card styles={{ body: { padding: '16px 24px' } }} style={{ marginBottom: 16 }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start" wrap>
          <div>
            <Space align="center" wrap>
              <Typography.Title level={3} style={{ margin: 0 }} data-testid="courtyard-name">
                {c.name}
              </Typography.Title>
              <Tag color="blue">{courtyardKindLabel(t, c.kind)}</Tag>
              <GateTag courtyard={c} />
            </Space>
            <div style={{ marginTop: 6 }}>
              <Space size={16} wrap>
                <Typography.Text type="secondary">
                  <EnvironmentOutlined /> {c.grid.name}
                </Typography.Text>
                {c.address && <Typography.Text type="secondary">{c.address}</Typography.Text>}
                <Typography.Text type="secondary">{t('courtyard.archive')}</Typography.Text>
              </Space>
            </div>
          </div>
          <Space wrap className="ss-no-print">
            {can('place.manage') && (
              <Button icon={<EditOutlined />} onClick={() => setGateOpen(true)} data-testid="gate-change">
                {t('courtyard.gateChange')}
              </Button>
            )}
            {can('person.create') && (
              <Link to={`/register?courtyardId=${c.id}`}>
                <Button icon={<FormOutlined />}>{t('courtyard.registerHere')}</Button>
              </Link>
            )}
            <ExportButton target={{ courtyardId: c.id }} scopeLabel={c.name} data-testid="courtyard-export" />
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
            <Button
              type="primary"
              icon={<PrinterOutlined />}
              data-testid="courtyard-print"
              loading={preparing}
              onClick={() => void print()}
            >
              {t('courtyard.print')}
            </Button>
          </Space>
        </Space>
      </Card>

      <Row gutter={[16, 16]} style={{ marginBottom: 16 }} className="ss-figures">
        {cards.map((f) => (
          <Col key={f.key} xs={12} sm={8} lg={{ flex: '20%' }}>
            <Card size="small" data-testid={`figure-${f.key}`}>
              <Statistic
                title={
                  <Space size={6}>
                    <span style={{ color: f.color }}>{f.icon}</span>
                    {t(`figure.${f.key}`)}
                  </Space>
                }
                value={f.value ?? '—'}
                styles={{ content: { fontWeight: 600, color: '#0b1f3a' } }}
              />
            </Card>
          </Col>
        ))}
      </Row>

      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <DwellingsCard
          courtyard={c}
          selected={selected}
          onSelect={setSelected}
          dwellings={data.shownDwellings}
          loading={dwellings.loading}
          hasMore={dwellings.hasMore}
          onMore={() => void dwellings.more()}
          byDwelling={data.byDwelling}
          householdsComplete={data.householdsComplete}
          printing={printing}
          onChanged={reload}
        />
        <HouseholdsCard
          courtyard={c}
          items={data.shownHouseholds}
          dwellings={dwellings.items}
          loading={households.loading}
          hasMore={households.hasMore}
          onMore={() => void households.more()}
          printing={printing}
        />
        <ContactsCard courtyard={c} onChanged={reload} />
        <VersionHistory type="courtyard" id={c.id} version={version} />
      </Space>
      <GateModal
        courtyard={gateOpen ? c : null}
        onClose={() => setGateOpen(false)}
        onSaved={() => {
          setGateOpen(false);
          reload();
        }}
      />
    </div>
  );
}
