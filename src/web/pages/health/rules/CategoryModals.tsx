/** Add an exposure category (from today or later) or end one (from today or later), with the basis. */
import { Alert, DatePicker, Form, Input } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { useEffect, useRef } from 'react';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.js';
import { FormModal } from '../../../components/FormModal.js';
import { shanghaiToday } from '../../../lib/registry.js';
import type { CategoryDto } from '../types.js';
import { useModalSubmit } from '../modal.js';
import { NOTE_MAX, noteRules } from './subject.js';

const notPast = (d: Dayjs) => d.format('YYYY-MM-DD') < shanghaiToday();
const day = (d: Dayjs) => d.format('YYYY-MM-DD');

/** A modal around one form: validate, send, map the server's field problems back onto the form. */
function CategoryFormModal<V extends object>(props: {
  open: boolean;
  title: string;
  testId: string;
  form: FormInstance<V>;
  initial: Partial<V>;
  send: (values: V) => Promise<unknown>;
  done: string;
  onClose: () => void;
  onSaved: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { open, form, initial } = props;
  // The starting values are read when the modal opens, not on each render.
  const initialRef = useRef(initial);
  initialRef.current = initial;
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(initialRef.current);
  }, [open, form]);

  const modal = useModalSubmit({ open, onClose: props.onClose }, form, props.send, () => props.onSaved(), props.done);

  return (
    <FormModal
      {...modal}
      title={props.title}
      okText={t('common.save')}
      okTestId={`${props.testId}-save`}
      formTestId={props.testId}
    >
      {props.children}
    </FormModal>
  );
}

function NoteField({ testId }: { testId: string }) {
  const { t } = useTranslation();
  return (
    <Form.Item name="note" label={t('rules.noteLabel')} rules={noteRules(t)} extra={t('rules.noteHint')}>
      <Input.TextArea rows={3} maxLength={NOTE_MAX} showCount data-testid={testId} />
    </Form.Item>
  );
}

interface AddValues {
  key: string;
  label: string;
  from: Dayjs;
  until?: Dayjs | null;
  note: string;
}

export function AddCategoryModal({
  open,
  onClose,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AddValues>();
  return (
    <CategoryFormModal<AddValues>
      open={open}
      title={t('rules.category.addTitle')}
      testId="category-add"
      form={form}
      initial={{ from: dayjs(shanghaiToday()), until: null, note: '' }}
      send={(v) =>
        api.post('/api/health-rules/categories', {
          body: {
            key: v.key.trim(),
            label: v.label.trim(),
            from: day(v.from),
            until: v.until ? day(v.until) : null,
            note: v.note.trim(),
          },
        })
      }
      done={t('rules.category.added')}
      onClose={onClose}
      onSaved={onSaved}
    >
      <Form.Item
        name="key"
        label={t('rules.category.key')}
        extra={t('rules.category.keyHint')}
        rules={[
          { required: true, message: t('rules.category.keyFormat') },
          { pattern: /^[a-z][a-z0-9_]{1,39}$/, message: t('rules.category.keyFormat') },
        ]}
      >
        <Input maxLength={40} data-testid="category-key" />
      </Form.Item>
      <Form.Item
        name="label"
        label={t('rules.category.label')}
        rules={[{ required: true, whitespace: true, message: t('rules.category.labelRequired') }]}
      >
        <Input maxLength={50} data-testid="category-label" />
      </Form.Item>
      <Form.Item
        name="from"
        label={t('rules.category.from')}
        rules={[{ required: true }]}
        extra={t('rules.effectiveHint')}
      >
        <DatePicker allowClear={false} style={{ width: '100%' }} disabledDate={notPast} data-testid="category-from" />
      </Form.Item>
      <Form.Item name="until" label={t('rules.category.until')} extra={t('rules.category.untilHint')}>
        <DatePicker style={{ width: '100%' }} disabledDate={notPast} data-testid="category-until" />
      </Form.Item>
      <NoteField testId="category-note" />
    </CategoryFormModal>
  );
}

interface EndValues {
  until: Dayjs;
  note: string;
}

export function EndCategoryModal({
  category,
  name,
  onClose,
  onSaved,
}: {
  category: CategoryDto | null;
  name: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EndValues>();
  const floor = category && category.from > shanghaiToday() ? category.from : null;
  return (
    <CategoryFormModal<EndValues>
      open={category !== null}
      title={t('rules.category.endTitle', { name })}
      testId="category-end"
      form={form}
      initial={{ until: dayjs(floor ? dayjs(floor).add(1, 'day').format('YYYY-MM-DD') : shanghaiToday()), note: '' }}
      send={(v) =>
        api.post('/api/health-rules/categories/:key/end', {
          params: { key: category?.key ?? '' },
          body: { until: day(v.until), note: v.note.trim() },
        })
      }
      done={t('rules.category.ended')}
      onClose={onClose}
      onSaved={onSaved}
    >
      <Alert type="info" showIcon title={t('rules.category.endHint')} style={{ marginBottom: 16 }} />
      <Form.Item
        name="until"
        label={t('rules.category.until')}
        rules={[{ required: true }]}
        extra={t('rules.category.untilHint')}
      >
        <DatePicker
          allowClear={false}
          style={{ width: '100%' }}
          disabledDate={(d) => notPast(d) || (floor !== null && d.format('YYYY-MM-DD') <= floor)}
          data-testid="category-end-until"
        />
      </Form.Item>
      <NoteField testId="category-end-note" />
    </CategoryFormModal>
  );
}
