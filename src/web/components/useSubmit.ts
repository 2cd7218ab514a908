/** Runs a form submit: validate, send, toast, report; field problems land on the form. */
import type { FormInstance } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showError, toastSuccess } from '../api/feedback.js';

/**
 * `success` is the toast shown after a successful send: a text, a function of the
 * result, or `null` for none (defaults to "saved").
 */
export function useSubmit<V, R>(
  form: FormInstance<V>,
  send: (v: V) => Promise<R>,
  onSaved: (r: R) => void,
  success?: string | ((r: R) => string | null) | null,
) {
  const { t } = useTranslation();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    let v: V;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      const saved = await send(v);
      const message =
        success === undefined ? t('common.saved') : typeof success === 'function' ? success(saved) : success;
      if (message !== null) toastSuccess(message);
      onSaved(saved);
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };
  return { saving, submit };
}
