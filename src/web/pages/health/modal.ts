/** What the health pages' modals share: the props of a modal about one person, and a FormModal sent with useSubmit. */
import type { FormInstance } from 'antd';
import { useEffect } from 'react';
import { useSubmit } from '../../components/useSubmit.js';

/** A modal that records something about one person. */
export interface PersonModalProps<R = void> {
  open: boolean;
  personId: string;
  onClose: () => void;
  onSaved: (r: R) => void;
}

/**
 * useSubmit for the form of a FormModal: returns the modal's own props (open, form,
 * saving, OK, cancel) to spread onto it. With `reset`, the form is emptied each time
 * the modal opens (a modal that fills in values of its own does that itself).
 */
export function useModalSubmit<V, R>(
  modal: { open: boolean; onClose: () => void; reset?: boolean },
  form: FormInstance<V>,
  send: (v: V) => Promise<R>,
  onSaved: (r: R) => void,
  success?: string | ((r: R) => string | null) | null,
) {
  const reset = modal.open && modal.reset === true;
  useEffect(() => {
    if (reset) form.resetFields();
  }, [reset, form]);
  const { saving, submit } = useSubmit(form, send, onSaved, success);
  return { open: modal.open, form, saving, onOk: () => void submit(), onCancel: modal.onClose };
}
