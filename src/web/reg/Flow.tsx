/**
 * The form's steps (房屋 → 居住 → 成员 → 行程 → 健康 → 确认) for a new registration and
 * for an edit alike: progress on top, one step at a time, inline errors from the
 * shared rules when a field is left or "next" is pressed, the submit with its
 * retry. Persisting the state and sending it belong to the caller.
 */
import { Button, Steps } from 'antd-mobile';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { FamilyForm } from '../../domain/self-registration.js';
import { ApiError } from '../api/client.js';
import { type CodeView, errorText, fieldText, type Scope } from './api.js';
import { DwellingStep } from './DwellingStep.js';
import { HealthStep } from './HealthStep.js';
import { reasonText, t } from './i18n.js';
import { LivingStep } from './LivingStep.js';
import { MembersStep } from './MembersStep.js';
import { type FormDraft, problemsOf, STEPS, type StepKey, stepOf, stepsFor, toFamilyForm } from './model.js';
import type { FlowState, StepProps } from './step.js';
import { SummaryStep } from './SummaryStep.js';
import { TravelStep } from './TravelStep.js';

export type { FlowState } from './step.js';

export function Flow(props: {
  code: CodeView;
  scope: Scope;
  state: FlowState;
  onState: (s: FlowState) => void;
  submitLabel: string;
  onSubmit: (form: FamilyForm) => Promise<void>;
  /** Sends the last body again (same ids): after a lost answer. */
  onRetry: () => Promise<void>;
  /** Someone saved a newer version meanwhile (editing): load it. */
  onStale?: () => void;
  top?: ReactNode;
}) {
  const { code, state } = props;
  const { form } = state;
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [revealed, setRevealed] = useState<Set<StepKey>>(() => new Set());
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const scrollToError = useRef(false);
  const busy = useRef(false);

  const steps = stepsFor(form, code);
  const step: StepKey = steps.includes(state.step) ? state.step : 'confirm';
  const index = steps.indexOf(step);
  const problems = problemsOf(form, code);
  const first = new Map<string, string>();
  for (const p of problems) if (!first.has(p.field)) first.set(p.field, reasonText(p.reason));

  const err = (field: string) =>
    serverErrors[field] ?? (revealed.has(stepOf(field)) || touched.has(field) ? (first.get(field) ?? null) : null);
  const touch = (field: string) => {
    if (!touched.has(field)) setTouched(new Set(touched).add(field));
  };
  const set = (fn: (f: FormDraft) => FormDraft, field?: string) => {
    if (field && serverErrors[field]) {
      const rest = { ...serverErrors };
      delete rest[field];
      setServerErrors(rest);
    }
    setNotice(null);
    props.onState({ step, form: fn(form) });
  };
  const goTo = (next: StepKey) => {
    setNotice(null);
    props.onState({ step: next, form });
    window.scrollTo(0, 0);
  };
  const reveal = (s: StepKey) => {
    setRevealed(new Set(revealed).add(s));
    setNotice(t('fixErrors'));
    scrollToError.current = true;
  };

  useEffect(() => {
    if (!scrollToError.current) return;
    scrollToError.current = false;
    document.querySelector('.r-field-err')?.scrollIntoView({ block: 'center' });
  });

  const next = () => {
    if (problems.some((p) => stepOf(p.field) === step)) return reveal(step);
    goTo(steps[index + 1] ?? 'confirm');
  };

  const showFailure = (e: unknown) => {
    const failureOf = e instanceof ApiError ? e : new ApiError(0, 'NETWORK', 'network error');
    if (failureOf.fields.length) {
      const mapped: Record<string, string> = {};
      for (const f of failureOf.fields) {
        const path = f.field.replace(/^form\./, '');
        mapped[path] ??= fieldText(f);
      }
      setServerErrors(mapped);
      const target = STEPS.find((s) => Object.keys(mapped).some((f) => stepOf(f) === s)) ?? 'confirm';
      setRevealed(new Set(revealed).add(target));
      setNotice(errorText(failureOf));
      scrollToError.current = true;
      props.onState({ step: steps.includes(target) ? target : 'confirm', form });
      return;
    }
    setFailure(failureOf);
  };

  const send = async (how: () => Promise<void>) => {
    if (busy.current) return; // a double tap sends once
    busy.current = true;
    setSending(true);
    setFailure(null);
    try {
      await how();
    } catch (e) {
      showFailure(e);
    } finally {
      busy.current = false;
      setSending(false);
    }
  };

  const submit = () => {
    const firstBad = STEPS.find((s) => problems.some((p) => stepOf(p.field) === s));
    if (firstBad) {
      if (firstBad !== step) props.onState({ step: firstBad, form });
      return reveal(firstBad);
    }
    void send(() => props.onSubmit(toFamilyForm(form, code)));
  };

  const stepProps: StepProps = { code, scope: props.scope, form, set, err, touch };
  return (
    <div className="r-flow">
      <Steps current={index} className="r-steps" data-testid="reg-steps">
        {steps.map((s) => (
          <Steps.Step key={s} title={t(`step_${s}`)} />
        ))}
      </Steps>
      {index === 0 ? props.top : null}
      <main className="r-body" data-testid={`reg-step-${step}`}>
        {step === 'dwelling' ? <DwellingStep {...stepProps} /> : null}
        {step === 'living' ? <LivingStep {...stepProps} /> : null}
        {step === 'members' ? <MembersStep {...stepProps} /> : null}
        {step === 'travel' ? <TravelStep {...stepProps} /> : null}
        {step === 'health' ? <HealthStep {...stepProps} /> : null}
        {step === 'confirm' ? <SummaryStep {...stepProps} goTo={goTo} /> : null}
      </main>
      <footer className="r-footer">
        {notice ? (
          <div className="r-notice" role="status" data-testid="reg-notice">
            {notice}
          </div>
        ) : null}
        {failure ? (
          <div className="r-failure" role="alert" data-testid="reg-failure">
            <div>{errorText(failure)}</div>
            {failure.retryable ? (
              <Button
                color="primary"
                fill="outline"
                size="small"
                disabled={sending}
                onClick={() => void send(props.onRetry)}
                data-testid="reg-retry"
              >
                {t('retry')}
              </Button>
            ) : null}
            {failure.code === 'REG_VERSION_STALE' && props.onStale ? (
              <Button color="primary" fill="outline" size="small" onClick={props.onStale} data-testid="reg-reload">
                {t('reload')}
              </Button>
            ) : null}
          </div>
        ) : null}
        <div className="r-buttons">
          {index > 0 ? (
            <Button
              className="r-back"
              size="large"
              onClick={() => goTo(steps[index - 1]!)}
              disabled={sending}
              data-testid="reg-back"
            >
              {t('back')}
            </Button>
          ) : null}
          {step === 'confirm' ? (
            <Button
              className="r-primary"
              color="primary"
              size="large"
              loading={sending}
              loadingText={t('sending')}
              disabled={sending}
              onClick={submit}
              data-testid="reg-submit"
            >
              {props.submitLabel}
            </Button>
          ) : (
            <Button className="r-primary" color="primary" size="large" onClick={next} data-testid="reg-next">
              {t('next')}
            </Button>
          )}
        </div>
      </footer>
    </div>
  );
}
