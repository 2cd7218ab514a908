/** What the form's steps share with the flow around them (kept apart so the steps and the flow import it, not each other). */
import type { CodeView, Scope } from './api.js';
import { t } from './i18n.js';
import type { FormDraft, StepKey } from './model.js';

export interface FlowState {
  step: StepKey;
  form: FormDraft;
}

export interface StepProps {
  code: CodeView;
  scope: Scope;
  form: FormDraft;
  /** Changes the form; `field` (a path) clears the server's complaint about it. */
  set: (fn: (f: FormDraft) => FormDraft, field?: string) => void;
  err: (field: string) => string | null;
  touch: (field: string) => void;
}

/** A member as the other steps name them: their name, else 户主 / 成员 n. */
export function memberName(form: FormDraft, key: string): string {
  const i = form.members.findIndex((m) => m.key === key);
  const m = form.members[i];
  return m?.name.trim() || (i === 0 ? t('head') : `${t('member')} ${i + 1}`);
}
