/**
 * /m/reg/<token>: a new family registration behind a QR code. The draft (form, step,
 * the submission id and edit secret made once) lives in localStorage from the first
 * tap, so a dropped connection or a closed tab loses nothing and every retry is the
 * same submission; it is cleared only once the server has it.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FamilyForm } from '../../domain/self-registration.js';
import { api, type BodyOf, isApiError } from '../api/client.js';
import { type CodeView, errorText } from './api.js';
import { type DoneRecord, type NewDraft, store } from './draft.js';
import { DoneScreen } from './DoneScreen.js';
import { Flow, type FlowState } from './Flow.js';
import { t } from './i18n.js';
import { emptyForm } from './model.js';
import { Header, Loading, type Nav, Problem } from './ui.js';

type Load = { kind: 'loading' } | { kind: 'failed'; error: unknown } | { kind: 'ready'; code: CodeView };
type Body = BodyOf<'POST', '/api/public/reg/:token/submissions'>;

/** "Registered already? Edit": to the page that recovers the edit link. */
function RecoverLink({ nav }: { nav: Nav }) {
  return (
    <button type="button" className="r-link" onClick={() => nav.go('/m/reg/recover')} data-testid="reg-recover-link">
      {t('registered')}
    </button>
  );
}

export function NewRegistration({ token, nav }: { token: string; nav: Nav }) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [draft, setDraft] = useState<NewDraft | null>(null);
  const [done, setDone] = useState<DoneRecord | null>(() => store.done(token));
  const lastBody = useRef<Body | null>(null);
  const scope = useMemo(() => ({ kind: 'code' as const, token }), [token]);

  const fetchCode = () => {
    setLoad({ kind: 'loading' });
    api.get('/api/public/reg/:token', { params: { token } }).then(
      (code) => {
        document.title = `${t('title')} · ${code.place.name}`;
        setLoad({ kind: 'ready', code });
        setDraft(store.newDraft(token) ?? store.createNewDraft(emptyForm(code)));
      },
      (error: unknown) => setLoad({ kind: 'failed', error }),
    );
  };
  useEffect(fetchCode, [token]);

  const update = (d: NewDraft) => {
    setDraft(d);
    store.saveNewDraft(token, d);
  };

  const send = async (body: Body | null) => {
    if (!body) return;
    const result = await api
      .post('/api/public/reg/:token/submissions', { params: { token }, body })
      .catch((e: unknown) => {
        // The id or secret is taken by another submission (practically never): new ones for the next tap.
        if (isApiError(e, 'REG_SUBMISSION_ID_TAKEN') && draft) {
          const fresh = store.createNewDraft(draft.form);
          update({ ...draft, submissionId: fresh.submissionId, editToken: fresh.editToken });
        }
        throw e;
      });
    const record = { result, at: new Date().toISOString() };
    store.saveDone(token, record);
    store.saveNewDraft(token, null);
    store.saveLastEditLink(location.origin + result.editPath);
    setDone(record);
    window.scrollTo(0, 0);
  };

  const code = load.kind === 'ready' ? load.code : null;
  const header = <Header title={t('title')} sub={code?.place.name} onLang={nav.relang} />;

  if (done) {
    return (
      <>
        {header}
        <DoneScreen
          result={done.result}
          onOpenEdit={() => nav.go(done.result.editPath)}
          onAnother={
            code
              ? () => {
                  store.saveDone(token, null);
                  update(store.createNewDraft(emptyForm(code)));
                  setDone(null);
                }
              : null
          }
        />
      </>
    );
  }
  if (load.kind === 'loading' || (code && !draft))
    return (
      <>
        {header}
        <Loading />
      </>
    );
  if (load.kind === 'failed') {
    const e = load.error;
    const fatal = isApiError(e, 'REG_CODE_INVALID');
    return (
      <>
        {header}
        <Problem message={errorText(e)} action={fatal ? undefined : { label: t('retry'), onClick: fetchCode }}>
          <RecoverLink nav={nav} />
        </Problem>
      </>
    );
  }
  const d = draft!;
  const state: FlowState = { step: d.step, form: d.form };
  return (
    <>
      {header}
      <Flow
        code={code!}
        scope={scope}
        state={state}
        onState={(s) => update({ ...d, step: s.step, form: s.form })}
        submitLabel={t('submit')}
        onSubmit={(form: FamilyForm) => {
          lastBody.current = { id: d.submissionId, editToken: d.editToken, form };
          return send(lastBody.current);
        }}
        onRetry={() => send(lastBody.current)}
        top={
          <div className="r-top">
            <div>
              {t('responsible')}：{code!.responsible.name}{' '}
              <a href={`tel:${code!.responsible.phone}`} className="r-link">
                {code!.responsible.phone}
              </a>
            </div>
            <RecoverLink nav={nav} />
          </div>
        }
      />
    </>
  );
}
