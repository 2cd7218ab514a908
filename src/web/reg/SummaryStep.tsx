/** Step 6, 确认提交: everything entered, readable, with a way back to each part. */
import type { ReactNode } from 'react';
import { documentCarries } from '../../domain/id-number.js';
import { OTHER_PLACE } from '../../domain/self-registration.js';
import { memberName, type StepProps } from './step.js';
import { t } from './i18n.js';
import { askedKeys, type StepKey } from './model.js';

function Section(props: { title: string; step: StepKey; goTo: (s: StepKey) => void; children: ReactNode }) {
  return (
    <div className="r-card r-summary" data-testid={`summary-${props.step}`}>
      <div className="r-card-head">
        <span className="r-card-title">{props.title}</span>
        <button
          type="button"
          className="r-link"
          onClick={() => props.goTo(props.step)}
          data-testid={`summary-edit-${props.step}`}
        >
          {t('edit')}
        </button>
      </div>
      {props.children}
    </div>
  );
}

const Row = (props: { k: ReactNode; v: ReactNode }) => (
  <div className="r-row">
    <span className="r-k">{props.k}</span>
    <span className="r-v">{props.v}</span>
  </div>
);

export function SummaryStep({ code, form, goTo }: StepProps & { goTo: (s: StepKey) => void }) {
  const courtyard = code.courtyards.find((c) => c.id === form.courtyardId)?.name ?? '';
  const asked = askedKeys(form, code);
  const trips = form.travelled ? form.trips : [];
  const contacts = form.contacted ? form.contacts : [];
  return (
    <section>
      <h2 className="r-intro">{t('confirmIntro')}</h2>
      <Section title={t('step_dwelling')} step="dwelling" goTo={goTo}>
        <div className="r-text">
          {form.unlisted ? form.address : `${courtyard} ${form.dwellingLabel ?? ''}`.trim() || t('keepDwelling')}
        </div>
        <Row k={t('step_living')} v={form.livingType ? t(`living_${form.livingType}`) : ''} />
      </Section>
      <Section title={t('step_members')} step="members" goTo={goTo}>
        {form.members.map((m, i) => (
          <div className="r-person" key={m.key}>
            <div className="r-person-name">
              {m.name}{' '}
              <span className="r-tag">{i === 0 ? t('head') : m.relationship ? t(`rel_${m.relationship}`) : ''}</span>
            </div>
            <Row k={t(`doc_${m.docType}`)} v={m.docNumber.trim().toUpperCase()} />
            {documentCarries(m.docType).gender ? null : (
              <Row k={t('gender')} v={m.gender ? t(`gender_${m.gender}`) : '—'} />
            )}
            {documentCarries(m.docType).birthDate ? null : <Row k={t('birthDate')} v={m.birthDate || '—'} />}
            {m.phone.trim() ? <Row k={t('phone')} v={m.phone} /> : null}
            <Row
              k={t('hukouPlace')}
              v={`${m.hukouPlace.trim() || '—'}${m.localHukou ? ` · ${t('localHukou')}` : ''}`}
            />
          </div>
        ))}
      </Section>
      <Section title={t('step_travel')} step="travel" goTo={goTo}>
        {trips.length === 0 ? <Row k={t('trip')} v={t('none')} /> : null}
        {trips.map((x, i) => (
          <div className="r-text" key={i}>
            {x.place === OTHER_PLACE ? x.otherPlace || x.place : x.place} → {x.returnDate} ·{' '}
            {x.transport ? t(`transport_${x.transport}`) : ''} {x.transportNo}
            <div className="r-hint">{x.members.map((k) => memberName(form, k)).join('、')}</div>
          </div>
        ))}
        <Row
          k={t('contactWho')}
          v={
            contacts.length
              ? contacts.map((c) => `${memberName(form, c.member)} ${c.lastContact}`).join('、')
              : t('none')
          }
        />
      </Section>
      {asked.size > 0 ? (
        <Section title={t('step_health')} step="health" goTo={goTo}>
          {form.members
            .filter((m) => asked.has(m.key))
            .map((m) => (
              <Row
                key={m.key}
                k={memberName(form, m.key)}
                v={`${m.temperature}℃ ${m.symptoms.join('、') || t('none')}`}
              />
            ))}
        </Section>
      ) : null}
    </section>
  );
}
