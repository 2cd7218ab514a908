/**
 * What survives a dropped connection or a closed tab, in localStorage: the draft of
 * a new registration per QR token (with the submission id and edit secret made once,
 * so every retry is the same submission), the result once it went through, the
 * draft of an edit per edit link, and the latest edit link.
 */
import type { Submitted } from './api.js';
import { editSecret, uuid } from './ids.js';
import type { FormDraft, StepKey } from './model.js';

export interface NewDraft {
  v: 1;
  step: StepKey;
  form: FormDraft;
  submissionId: string;
  editToken: string;
}

export interface EditDraft {
  v: 1;
  step: StepKey;
  form: FormDraft;
  baseVersion: number;
  /** The id of the version being saved: a retry stores it once. */
  versionId: string;
}

export interface DoneRecord {
  result: Submitted;
  at: string;
}

const PREFIX = 'ss-reg:';

function read<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) localStorage.removeItem(PREFIX + key);
    else localStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Storage full or disabled (private mode): the form still works, without the safety net.
  }
}

/** A draft kept by an earlier release of the page: answers it did not ask for are empty. */
function current<D extends { form: FormDraft }>(d: D): D {
  return {
    ...d,
    form: {
      ...d.form,
      members: d.form.members.map((m) => ({ ...m, gender: m.gender ?? null, birthDate: m.birthDate ?? '' })),
    },
  };
}

export const store = {
  newDraft: (token: string) => {
    const d = read<NewDraft>(`draft:${token}`);
    return d && d.v === 1 && d.form && d.submissionId && d.editToken ? current(d) : null;
  },
  saveNewDraft: (token: string, d: NewDraft | null) => write(`draft:${token}`, d),
  createNewDraft: (form: FormDraft): NewDraft => ({
    v: 1,
    step: 'dwelling',
    form,
    submissionId: uuid(),
    editToken: editSecret(),
  }),

  done: (token: string) => read<DoneRecord>(`done:${token}`),
  saveDone: (token: string, d: DoneRecord | null) => write(`done:${token}`, d),

  editDraft: (editToken: string) => {
    const d = read<EditDraft>(`edit:${editToken}`);
    return d && d.v === 1 && d.form && d.versionId ? current(d) : null;
  },
  saveEditDraft: (editToken: string, d: EditDraft | null) => write(`edit:${editToken}`, d),

  lastEditLink: () => read<string>('last-edit-link'),
  saveLastEditLink: (url: string) => write('last-edit-link', url),
};
