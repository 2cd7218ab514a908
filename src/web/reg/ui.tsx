/** Small building blocks of the registration page: fields, choices, the header, full-page states. */
import { Button, DotLoading, Selector } from 'antd-mobile';
import type { ReactNode } from 'react';
import { lang, setLang, t } from './i18n.js';

/** Moving between the page's screens without a router. */
export interface Nav {
  go: (path: string) => void;
  /** Draws the page again in the newly chosen language. */
  relang: () => void;
}

/** A labelled field with its inline error; `field` is the form path (members.0.name) errors are keyed by. */
export function Field(props: {
  field: string;
  label: ReactNode;
  htmlFor?: string;
  error?: string | null;
  hint?: ReactNode;
  children: ReactNode;
}) {
  const testid = domId(props.field);
  return (
    <div className={props.error ? 'r-field r-field-err' : 'r-field'} data-field={props.field}>
      <label className="r-label" htmlFor={props.htmlFor}>
        {props.label}
      </label>
      {props.children}
      {props.error ? (
        <div className="r-error" role="alert" data-testid={`${testid}-error`}>
          {props.error}
        </div>
      ) : props.hint ? (
        <div className="r-hint">{props.hint}</div>
      ) : null}
    </div>
  );
}

/** members.0.docNumber → member-0-docNumber (ids and test ids of inputs). */
export function domId(field: string): string {
  return field.replace(/^(member|trip|contact)s\./, '$1.').replace(/\./g, '-');
}

/** A native text input (plays well with phone keyboards, WeChat and test drivers). */
export function TextInput(props: {
  id: string;
  value: string;
  onChange: (v: string) => void;
  onBlur?: () => void;
  placeholder?: string;
  inputMode?: 'text' | 'numeric' | 'decimal' | 'tel';
  type?: 'text' | 'tel' | 'date' | 'search';
  maxLength?: number;
  min?: string;
  max?: string;
  invalid?: boolean;
  autoComplete?: string;
}) {
  return (
    <input
      className="r-input"
      id={props.id}
      data-testid={props.id}
      type={props.type ?? 'text'}
      value={props.value}
      placeholder={props.placeholder}
      inputMode={props.inputMode}
      maxLength={props.maxLength}
      min={props.min}
      max={props.max}
      autoComplete={props.autoComplete ?? 'off'}
      aria-invalid={props.invalid || undefined}
      onChange={(e) => props.onChange(e.target.value)}
      onBlur={props.onBlur}
    />
  );
}

/** One choice among options (tap the chosen one again to clear it). */
export function Choice<V extends string>(props: {
  testid: string;
  options: { label: ReactNode; value: V }[];
  value: V | null;
  onChange: (v: V | null) => void;
  columns?: number;
}) {
  return (
    <Selector
      data-testid={props.testid}
      columns={props.columns ?? 2}
      options={props.options}
      value={props.value === null ? [] : [props.value]}
      onChange={(v) => props.onChange(v[0] ?? null)}
    />
  );
}

export function YesNo(props: { testid: string; value: boolean | null; onChange: (v: boolean | null) => void }) {
  const v = props.value === null ? null : props.value ? 'yes' : 'no';
  return (
    <Choice
      testid={props.testid}
      options={[
        { label: t('no'), value: 'no' },
        { label: t('yes'), value: 'yes' },
      ]}
      value={v}
      onChange={(x) => props.onChange(x === null ? null : x === 'yes')}
    />
  );
}

export function Header(props: { title: string; sub?: ReactNode; onLang: () => void }) {
  return (
    <header className="phone-header">
      <div>
        <div className="phone-title">{props.title}</div>
        {props.sub ? <div className="r-sub">{props.sub}</div> : null}
      </div>
      <button
        type="button"
        className="r-lang"
        data-testid="reg-lang"
        onClick={() => {
          setLang(lang === 'en' ? 'zh-CN' : 'en');
          props.onLang();
        }}
      >
        {t('langSwitch')}
      </button>
    </header>
  );
}

export function Loading() {
  return (
    <div className="r-center" data-testid="reg-loading">
      <DotLoading color="primary" />
      <div className="r-hint">{t('loading')}</div>
    </div>
  );
}

/** A full-page problem (bad link, revoked code…), with an optional action. */
export function Problem(props: {
  message: string;
  action?: { label: string; onClick: () => void };
  children?: ReactNode;
}) {
  return (
    <div className="r-center" data-testid="reg-problem">
      <div className="r-problem">{props.message}</div>
      {props.action ? (
        <Button color="primary" fill="outline" onClick={props.action.onClick} data-testid="reg-problem-action">
          {props.action.label}
        </Button>
      ) : null}
      {props.children}
    </div>
  );
}
