/**
 * The phone page behind a personal check-in link (/m/checkin/:token; no account, no
 * CSRF): who the link reports for today (the person, or every household member under
 * a measure), temperature and symptoms per person, one submission for all. A retry of
 * the same submission changes nothing (same submission id); a later submission the
 * same day amends the day's check-in.
 */
import { Button, ConfigProvider, DotLoading, ErrorBlock, NoticeBar, Result, Tag } from 'antd-mobile';
import enUSModule from 'antd-mobile/es/locales/en-US.js';
import zhCNModule from 'antd-mobile/es/locales/zh-CN.js';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, isApiError, type Result as Answer } from '../../api/client.js';
import { PhoneSendButton } from '../../components/PhoneSendButton.js';
import { changeLanguage } from '../../i18n/index.js';
import { newId } from '../../lib/registry.js';
import { useLoad } from '../../lib/useLoad.js';
import {
  emptyEntry,
  type Entry,
  type EntryProblem,
  PersonEntry,
  problemOf,
  type ServerProblem,
  temperatureOf,
} from './PersonEntry.js';

type Locale = typeof zhCNModule extends { default: infer L } ? L : typeof zhCNModule;
function unwrap(mod: unknown): Locale {
  const value = mod as Locale | { default: Locale };
  return value && typeof value === 'object' && 'default' in value ? value.default : value;
}
const zhCN = unwrap(zhCNModule);
const enUS = unwrap(enUSModule);

type View = Answer<'GET', '/api/public/checkin/:token'>;
type Saved = Answer<'POST', '/api/public/checkin/:token'>;

type Stage =
  | { kind: 'loading' }
  | { kind: 'invalid'; message: string }
  | { kind: 'form'; view: View }
  | { kind: 'done'; view: View; result: Saved };

export function MobileCheckinPage() {
  const { token = '' } = useParams();
  const { t, i18n } = useTranslation();
  const loaded = useLoad((signal) => api.get('/api/public/checkin/:token', { params: { token }, signal }), token, {
    quiet: () => true,
  });
  const [result, setResult] = useState<Saved | null>(null);
  const [entries, setEntries] = useState<Entry[]>([]);
  const [problems, setProblems] = useState<Record<number, EntryProblem | ServerProblem>>({});
  const [sending, setSending] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  // One id per submission: a retry after a lost answer is the same submission.
  const submissionId = useRef(newId());
  const view = loaded.data;
  const stage: Stage = loaded.loading
    ? { kind: 'loading' }
    : loaded.error || !view
      ? { kind: 'invalid', message: isApiError(loaded.error) ? loaded.error.localized() : t('error.network') }
      : result
        ? { kind: 'done', view, result }
        : { kind: 'form', view };

  useEffect(() => {
    document.title = t('checkin.title');
  }, [t]);
  // Each (re)load starts the form from what is reported today.
  useEffect(() => {
    setEntries(view ? view.people.map(emptyEntry) : []);
    setProblems({});
  }, [view]);

  const submit = async (view: View) => {
    const found: Record<number, EntryProblem> = {};
    entries.forEach((e, i) => {
      const p = problemOf(e);
      if (p) found[i] = p;
    });
    setProblems(found);
    setFormError(null);
    if (Object.keys(found).length) return;
    setSending(true);
    try {
      setResult(
        await api.post('/api/public/checkin/:token', {
          params: { token },
          body: {
            submissionId: submissionId.current,
            entries: view.people.map((p, i) => ({
              personId: p.personId,
              temperature: temperatureOf(entries[i]!),
              symptoms: entries[i]!.symptoms,
            })),
          },
        }),
      );
    } catch (err) {
      if (isApiError(err) && err.fields.length) {
        const byPerson: Record<number, ServerProblem> = {};
        for (const f of err.fields) {
          const m = /^entries\.(\d+)\.temperature$/.exec(f.field);
          if (m) byPerson[Number(m[1])] = f.reason === 'temperature_precision' ? 'format' : 'range';
        }
        setProblems(byPerson);
      }
      setFormError(isApiError(err) ? err.localized() : t('error.network'));
    } finally {
      setSending(false);
    }
  };

  /** Back to the form to amend today's check-in: a new submission. */
  const again = () => {
    submissionId.current = newId();
    setResult(null);
    loaded.reload();
  };

  const locale = i18n.language === 'en-US' ? enUS : zhCN;
  const anyReported = stage.kind === 'form' && stage.view.people.some((p) => p.today !== null);

  return (
    <ConfigProvider locale={locale}>
      <div className="ss-m-page" data-testid="checkin-page">
        <header className="phone-header">
          <div>
            <div className="phone-title">{t('checkin.title')}</div>
            <div className="ss-m-sub">{t('app.fullName')}</div>
          </div>
          <Button
            size="mini"
            fill="none"
            className="ss-m-lang"
            onClick={() => void changeLanguage(i18n.language === 'en-US' ? 'zh-CN' : 'en-US')}
          >
            {i18n.language === 'en-US' ? '中文' : 'English'}
          </Button>
        </header>

        {stage.kind === 'loading' && (
          <div className="ss-m-center">
            <DotLoading color="primary" />
          </div>
        )}

        {stage.kind === 'invalid' && (
          <ErrorBlock
            status="disconnected"
            title={t('checkin.invalidTitle')}
            description={<span data-testid="checkin-invalid">{stage.message}</span>}
            fullPage={false}
          >
            <Button color="primary" onClick={loaded.reload}>
              {t('error.retry')}
            </Button>
          </ErrorBlock>
        )}

        {stage.kind === 'form' && (
          <>
            <div className="ss-m-intro" data-testid="checkin-intro">
              {stage.view.scope === 'household'
                ? t('checkin.forHousehold', { count: stage.view.people.length })
                : t('checkin.forPerson')}
              <div className="ss-m-hint">{t('checkin.day', { day: stage.view.day, cutOff: stage.view.cutOff })}</div>
            </div>
            {anyReported && (
              <NoticeBar content={t('checkin.amendNotice')} color="info" wrap data-testid="checkin-amend-notice" />
            )}
            {stage.view.people.map((p, i) => (
              <PersonEntry
                key={p.personId}
                index={i}
                person={p}
                symptoms={stage.view.symptoms}
                entry={entries[i] ?? emptyEntry(p)}
                problem={problems[i] ?? null}
                onChange={(e) => {
                  setEntries((prev) => prev.map((x, j) => (j === i ? e : x)));
                  setProblems((prev) => ({ ...prev, [i]: null }));
                }}
              />
            ))}
            {formError && (
              <div className="ss-m-error ss-m-form-error" data-testid="checkin-error">
                {formError}
              </div>
            )}
            <div className="ss-m-actions">
              <PhoneSendButton sending={sending} onClick={() => void submit(stage.view)} testId="checkin-submit">
                {anyReported ? t('checkin.submitAmend') : t('checkin.submit', { count: stage.view.people.length })}
              </PhoneSendButton>
              <div className="ss-m-privacy">{t('checkin.privacy')}</div>
            </div>
          </>
        )}

        {stage.kind === 'done' && (
          <div data-testid="checkin-success">
            <Result
              status="success"
              title={t('checkin.doneTitle')}
              description={t('checkin.doneText', { day: stage.result.day, count: stage.result.saved.length })}
            />
            <ul className="ss-m-saved">
              {stage.result.saved.map((s) => {
                const p = stage.view.people.find((x) => x.personId === s.personId);
                return (
                  <li
                    key={s.personId}
                    data-testid="checkin-saved"
                    data-person-id={s.personId}
                    data-state={s.state}
                    data-amended={s.amended}
                  >
                    <span>{p?.name ?? '—'}</span>
                    <span>
                      <Tag color={s.state === 'symptomatic' ? 'danger' : s.state === 'normal' ? 'success' : 'warning'}>
                        {t(`dayState.${s.state}`, { defaultValue: s.state })}
                      </Tag>
                      {s.amended && (
                        <Tag color="default" style={{ marginLeft: 4 }}>
                          {t('checkin.amended')}
                        </Tag>
                      )}
                    </span>
                  </li>
                );
              })}
            </ul>
            {stage.result.saved.some((s) => s.state === 'symptomatic') && (
              <NoticeBar
                content={t('checkin.symptomaticNotice')}
                color="alert"
                wrap
                data-testid="checkin-symptomatic-notice"
              />
            )}
            <div className="ss-m-actions">
              <div className="ss-m-hint" data-testid="checkin-again-hint">
                {t('checkin.againHint')}
              </div>
              <Button block onClick={again} data-testid="checkin-again">
                {t('checkin.again')}
              </Button>
            </div>
          </div>
        )}
      </div>
    </ConfigProvider>
  );
}
