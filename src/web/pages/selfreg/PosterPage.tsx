/**
 * A registration code's printable A4 poster: the place, a big QR code, the short
 * steps residents follow, who answers questions and until when the code works.
 * Rendered outside the console's layout; the poster itself is always in Chinese
 * (residents read it), the toolbar in the console's language and never printed.
 */
import { ArrowLeftOutlined, DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api, isApiError } from '../../api/client.js';
import { showError } from '../../api/feedback.js';
import { LoadFailed } from '../../components/LoadFailed.js';
import { useQrSvg } from '../../components/phoneQr.js';
import { i18n } from '../../i18n/index.js';
import { useLoad } from '../../lib/useLoad.js';
import { downloadCodePng } from './codePng.js';
import { expiryDay, purposeLabel } from './labels.js';
import type { PosterDto } from './types.js';

export function PosterPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [downloading, setDownloading] = useState(false);
  const poster = useLoad((signal) => api.get('/api/reg-codes/:id/poster', { params: { id }, signal }), id, {
    quiet: (err) => isApiError(err, 'REG_CODE_NOT_REPRINTABLE'),
  });
  const { data, loading, error } = poster;

  const png = async (poster: PosterDto) => {
    const { path } = poster.code;
    if (!path) return;
    setDownloading(true);
    try {
      await downloadCodePng({ ...poster.code, path });
    } catch (err) {
      showError(err);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <div className="ss-poster-screen">
      <div className="ss-poster-toolbar ss-no-print">
        <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(-1)}>
          {t('common.back')}
        </Button>
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            loading={downloading}
            disabled={!data}
            onClick={() => data && void png(data)}
            data-testid="poster-png"
          >
            {t('selfreg.codes.png')}
          </Button>
          <Button
            type="primary"
            icon={<PrinterOutlined />}
            disabled={!data}
            onClick={() => window.print()}
            data-testid="poster-print"
          >
            {t('selfreg.poster.print')}
          </Button>
        </Space>
      </div>
      {data && data.code.effectiveStatus !== 'active' && (
        <Alert
          className="ss-poster-toolbar ss-no-print"
          type="warning"
          showIcon
          title={t('selfreg.poster.notActive', { status: t(`selfreg.codeStatus.${data.code.effectiveStatus}`) })}
        />
      )}
      {isApiError(error, 'REG_CODE_NOT_REPRINTABLE') ? (
        <Alert
          className="ss-poster-toolbar"
          type="error"
          showIcon
          title={error.localized()}
          data-testid="poster-not-printable"
        />
      ) : error && !data ? (
        <LoadFailed retry={() => poster.reload()} />
      ) : data ? (
        <Poster poster={data} />
      ) : (
        <div style={{ padding: 80, textAlign: 'center' }}>
          <Spin spinning={loading} />
        </div>
      )}
    </div>
  );
}

function Poster({ poster }: { poster: PosterDto }) {
  // Residents read the poster: Chinese whatever the console's language.
  const zh = i18n.getFixedT('zh-CN');
  const { code, instructions } = poster;
  const { url, svg } = useQrSvg(code.path ? { url: code.url, path: code.path, qrSvg: poster.qrSvg } : null);
  return (
    <article className="ss-poster" data-testid="poster">
      <header className="ss-poster-head">
        <div className="ss-poster-title">{zh('selfreg.poster.title')}</div>
        <div className="ss-poster-sub">
          {zh('selfreg.poster.subtitle', { purpose: purposeLabel(zh, code.purpose) })}
        </div>
      </header>
      <div className="ss-poster-place" data-testid="poster-place">
        {code.placeName}
      </div>
      <div
        className="ss-poster-qr ss-qr"
        role="img"
        aria-label={zh('selfreg.poster.qr')}
        // SVG drawn by the qrcode library (on the server or here) from the code's own link, not user input.
        dangerouslySetInnerHTML={{ __html: svg ?? '' }}
        data-testid="poster-qr"
      />
      <div className="ss-poster-scan">{zh('selfreg.poster.scan')}</div>
      {instructions.length > 0 && (
        <ol className="ss-poster-steps" data-testid="poster-steps">
          {instructions.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ol>
      )}
      <footer className="ss-poster-foot">
        <div className="ss-poster-contact" data-testid="poster-contact">
          {zh('selfreg.poster.responsible', { name: code.responsibleName, phone: code.responsiblePhone })}
        </div>
        <div>{zh('selfreg.poster.expires', { day: expiryDay(code.expiresAt) })}</div>
        <div className="ss-poster-privacy">{zh('selfreg.poster.privacy')}</div>
        <div className="ss-poster-url ss-mono">{url}</div>
      </footer>
    </article>
  );
}
