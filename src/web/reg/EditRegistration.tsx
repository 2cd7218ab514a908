/**
 * /m/reg/e/<editToken>: the family's own registration, the same steps prefilled;
 * saving adds a version on top of the one the edit started from (409 when someone
 * saved meanwhile: reload). An unsaved edit is kept locally while its base version
 * is still the latest.
 */
import { Button, Result, Tag } from 'antd-mobile';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FamilyForm } from '../../domain/self-registration.js';
import { api, type BodyOf, isApiError } from '../api/client.js';
import { type EditView, errorText, type Status } from './api.js';
import { type EditDraft, store } from './draft.js';
import { Flow } from './Flow.js';
import { t } from './i18n.js';
import { uuid } from './ids.js';
import { fromFamilyForm, spacedCode } from './model.js';
import { Header, Loading, type Nav, Problem } from './ui.js';

type Load = { kind: 'loading' } | { kind: 'failed'; error: unknown } | { kind: 'ready'; view: EditView };
type Body = BodyOf<'POST', '/api/public/reg-edit/:editToken/versions'>;

const STATUS_COLOR: Record<Status, 'warning' | 'success' | 'danger'> = {
  new: 'warning',
  accepted: 'success',
  rejected: 'danger',
};

export function EditRegistration({ editToken, nav }: { editToken: string; nav: Nav }) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [draft, setDraft] = useState<EditDraft | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const lastBody = useRef<Body | null>(null);

  const scope = useMemo(() => ({ kind: 'edit' as const, editToken }), [editToken]);
  const fetchView = useCallback(
    (discardDraft = false) => {
      setLoad({ kind: 'loading' });
      setSaved(null);
      if (discardDraft) store.saveEditDraft(editToken, null);
      api.get('/api/public/reg-edit/:editToken', { params: { editToken } }).then(
        (view) => {
          document.title = `${t('editTitle')} · ${view.code.place.name}`;
          const kept = store.editDraft(editToken);
          setDraft(
            kept && kept.baseVersion === view.version
              ? kept
              : {
                  v: 1,
                  step: 'dwelling',
                  form: fromFamilyForm(view.form),
                  baseVersion: view.version,
                  versionId: uuid(),
                },
          );
          setLoad({ kind: 'ready', view });
          store.saveLastEditLink(location.href);
        },
        (error: unknown) => setLoad({ kind: 'failed', error }),
      );
    },
    [editToken],
  );
  useEffect(() => fetchView(), [fetchView]);

  const update = (d: EditDraft) => {
    setDraft(d);
    store.saveEditDraft(editToken, d);
  };

  const send = async (body: Body | null) => {
    if (!body) return;
    const res = await api
      .post('/api/public/reg-edit/:editToken/versions', { params: { editToken }, body })
      .catch((e: unknown) => {
        // Our version id belongs to something else (practically never): a new one for the next tap.
        if (isApiError(e, 'REG_SUBMISSION_ID_TAKEN') && draft) update({ ...draft, versionId: uuid() });
        throw e;
      });
    store.saveEditDraft(editToken, null);
    setSaved(res.version);
    window.scrollTo(0, 0);
  };

  const view = load.kind === 'ready' ? load.view : null;
  const header = <Header title={t('editTitle')} sub={view?.code.place.name} onLang={nav.relang} />;
  if (saved !== null) {
    return (
      <>
        {header}
        <Result status="success" title={t('saved', { n: saved })} data-testid="reg-saved" />
        <div className="r-pad">
          <Button block color="primary" size="large" onClick={() => fetchView(true)} data-testid="reg-continue-edit">
            {t('continueEdit')}
          </Button>
        </div>
      </>
    );
  }
  if (load.kind === 'failed') {
    const e = load.error;
    const gone = isApiError(e, 'REG_EDIT_LINK_INVALID') || isApiError(e, 'HTTP_404');
    return (
      <>
        {header}
        <Problem
          message={gone ? t('err_REG_EDIT_LINK_INVALID') : errorText(e)}
          action={
            gone
              ? { label: t('recoverTitle'), onClick: () => nav.go('/m/reg/recover') }
              : { label: t('retry'), onClick: () => fetchView() }
          }
        />
      </>
    );
  }
  if (!view || !draft)
    return (
      <>
        {header}
        <Loading />
      </>
    );
  const d = draft;
  const v = view;
  return (
    <>
      {header}
      <div className="r-top r-status" data-testid="reg-status">
        <span>
          {t('familyCode')} <b data-testid="reg-family-code">{spacedCode(v.familyCode)}</b> ·{' '}
          {t('version', { n: v.version })}
        </span>
        <Tag color={STATUS_COLOR[v.status]} data-testid="reg-status-tag">
          {t(`status_${v.status}`)}
        </Tag>
      </div>
      <Flow
        code={v.code}
        scope={scope}
        state={{ step: d.step, form: d.form }}
        onState={(s) => update({ ...d, step: s.step, form: s.form })}
        submitLabel={t('saveEdit')}
        onSubmit={(form: FamilyForm) => {
          lastBody.current = { id: d.versionId, baseVersion: d.baseVersion, form };
          return send(lastBody.current);
        }}
        onRetry={() => send(lastBody.current)}
        onStale={() => fetchView(true)}
      />
    </>
  );
}
