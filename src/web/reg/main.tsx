/**
 * The residents' QR self-registration page (扫码登记), its own light entry (reg.html):
 * React, a few antd-mobile components, the shared domain rules — no router, no i18n
 * library, no zod. Screens by location.pathname:
 *   /m/reg/<token>        a new family registration (the QR code's link)
 *   /m/reg/e/<editToken>  edit an existing submission (the personal link)
 *   /m/reg/recover        recover the edit link with the family code and a phone number
 *
 * Selectors for browser tests (ids are on native inputs, so `page.fill('#id')` works;
 * data-testid on antd-mobile components sits on their root element):
 *   steps & buttons   [data-testid=reg-step-<dwelling|living|members|travel|health|confirm>] (the step's body),
 *                     reg-next, reg-back, reg-submit, reg-retry, reg-reload, reg-notice, reg-failure,
 *                     reg-lang (language switch), reg-recover-link, reg-loading, reg-problem
 *   dwelling          reg-courtyard, reg-building, reg-unit, reg-room (Selectors: click by text inside),
 *                     reg-unlisted (checkbox), #reg-address
 *   living            reg-livingType (Selector)
 *   members           #member-<i>-name, #member-<i>-docNumber, #member-<i>-phone, #member-<i>-hukouPlace,
 *                     member-<i>-docType, member-<i>-relationship (Selectors; not for the head),
 *                     member-<i>-localHukou (Switch), member-<i>-remove, reg-add-member;
 *                     an inline error: [data-testid=member-<i>-<field>-error]
 *   travel            reg-travelled, reg-contacted (Selectors 否/是), trip-<i>-place, trip-<i>-transport,
 *                     trip-<i>-members (Selectors), #trip-<i>-otherPlace, #trip-<i>-returnDate (type=date),
 *                     #trip-<i>-transportNo, reg-add-trip, trip-<i>-remove,
 *                     reg-contact-members (Selector), #contact-<i>-lastContact
 *   health            #member-<i>-temperature, member-<i>-fever, member-<i>-symptoms (Selector)
 *   confirm           summary-<step>, summary-edit-<step>
 *   done              reg-done, reg-family-code, #reg-edit-link, reg-copy, reg-screenshot-note, reg-open-edit, reg-another
 *   edit              reg-status, reg-status-tag, reg-family-code, reg-saved, reg-continue-edit
 *   recover           #reg-recover-code, #reg-recover-phone, reg-recover-submit, reg-recover-back
 */
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { configureClient } from '../api/client.js';
import { EditRegistration } from './EditRegistration.js';
import { lang, setLang, t } from './i18n.js';
import { NewRegistration } from './NewRegistration.js';
import { RecoverPage } from './RecoverPage.js';
import { Header, type Nav, Problem } from './ui.js';

type Route =
  { kind: 'new'; token: string } | { kind: 'edit'; editToken: string } | { kind: 'recover' } | { kind: 'bad' };

export function route(pathname: string): Route {
  const p = pathname.replace(/\/+$/, '');
  if (p === '/m/reg/recover') return { kind: 'recover' };
  let m = /^\/m\/reg\/e\/([A-Za-z0-9_-]{32,64})$/.exec(p);
  if (m) return { kind: 'edit', editToken: m[1]! };
  m = /^\/m\/reg\/([A-Za-z0-9_-]{22,64})$/.exec(p);
  if (m) return { kind: 'new', token: m[1]! };
  return { kind: 'bad' };
}

function App() {
  const [path, setPath] = useState(location.pathname);
  const [, setLangTick] = useState(lang);
  useEffect(() => {
    const onPop = () => setPath(location.pathname);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const nav: Nav = {
    go: (to) => {
      history.pushState({ from: path }, '', to);
      setPath(to);
      window.scrollTo(0, 0);
    },
    relang: () => setLangTick(lang),
  };
  const r = route(path);
  return (
    <div className="r-page" key={path}>
      {r.kind === 'new' ? <NewRegistration token={r.token} nav={nav} /> : null}
      {r.kind === 'edit' ? <EditRegistration editToken={r.editToken} nav={nav} /> : null}
      {r.kind === 'recover' ? (
        <RecoverPage nav={nav} canGoBack={!!(history.state as { from?: string } | null)?.from} />
      ) : null}
      {r.kind === 'bad' ? (
        <>
          <Header title={t('title')} onLang={nav.relang} />
          <Problem
            message={t('badLink')}
            action={{ label: t('recoverTitle'), onClick: () => nav.go('/m/reg/recover') }}
          />
        </>
      ) : null}
    </div>
  );
}

setLang(lang);
// The one client: the page's language, and a call that hangs 15 s is NETWORK (retry the same body).
configureClient({ language: () => lang, timeoutMs: 15_000 });
const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from reg.html');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
