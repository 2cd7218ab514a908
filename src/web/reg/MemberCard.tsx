/**
 * One family member's card: identity, contact, relationship and hukou. Gender and
 * birth date are asked only for documents whose number does not carry them.
 */
import { Switch } from 'antd-mobile';
import { DOCUMENT_TYPES, documentCarries } from '../../domain/id-number.js';
import { RELATIONSHIPS } from '../../domain/self-registration.js';
import type { StepProps } from './step.js';
import { t } from './i18n.js';
import type { MemberDraft } from './model.js';
import { Choice, Field, TextInput } from './ui.js';

const GENDERS = ['male', 'female'] as const;

export function MemberCard({
  code,
  form,
  set,
  err,
  touch,
  index,
  onRemove,
}: StepProps & { index: number; onRemove: (() => void) | null }) {
  const m = form.members[index]!;
  const carries = documentCarries(m.docType);
  const at = `members.${index}.`;
  const id = (f: string) => `member-${index}-${f}`;
  const update = (field: keyof MemberDraft, value: MemberDraft[keyof MemberDraft]) =>
    set((f) => ({ ...f, members: f.members.map((x) => (x.key === m.key ? { ...x, [field]: value } : x)) }), at + field);
  const text = (
    field: 'name' | 'docNumber' | 'phone' | 'hukouPlace',
    label: string,
    extra: Partial<Parameters<typeof TextInput>[0]> = {},
  ) => (
    <Field field={at + field} label={label} htmlFor={id(field)} error={err(at + field)}>
      <TextInput
        id={id(field)}
        value={m[field]}
        onChange={(v) => update(field, v)}
        onBlur={() => touch(at + field)}
        invalid={!!err(at + field)}
        {...extra}
      />
    </Field>
  );
  return (
    <div className="r-card" data-testid={`member-${index}`}>
      <div className="r-card-head">
        <span className="r-card-title">{index === 0 ? t('head') : `${t('member')} ${index + 1}`}</span>
        {onRemove ? (
          <button type="button" className="r-link r-danger" onClick={onRemove} data-testid={id('remove')}>
            {t('remove')}
          </button>
        ) : null}
      </div>
      {text('name', t('name'), { maxLength: 30, autoComplete: index === 0 ? 'name' : 'off' })}
      <Field field={at + 'docType'} label={t('docType')} htmlFor={id('docType')}>
        <select
          className="r-input r-select"
          id={id('docType')}
          data-testid={id('docType')}
          value={m.docType}
          onChange={(e) => update('docType', e.target.value)}
        >
          {DOCUMENT_TYPES.map((v) => (
            <option key={v} value={v}>
              {t(`doc_${v}`)}
            </option>
          ))}
        </select>
      </Field>
      {text('docNumber', t('docNumber'), { maxLength: 40 })}
      {carries.gender ? null : (
        <Field field={at + 'gender'} label={t('gender')} error={err(at + 'gender')} hint={t('notOnDocument')}>
          <Choice
            testid={id('gender')}
            columns={2}
            options={GENDERS.map((v) => ({ label: t(`gender_${v}`), value: v }))}
            value={m.gender}
            onChange={(v) => update('gender', v)}
          />
        </Field>
      )}
      {carries.birthDate ? null : (
        <Field field={at + 'birthDate'} label={t('birthDate')} htmlFor={id('birthDate')} error={err(at + 'birthDate')}>
          <TextInput
            id={id('birthDate')}
            type="date"
            min="1880-01-01"
            max={code.today}
            value={m.birthDate}
            onChange={(v) => update('birthDate', v)}
            onBlur={() => touch(at + 'birthDate')}
            invalid={!!err(at + 'birthDate')}
          />
        </Field>
      )}
      {text('phone', index === 0 ? t('phone') : t('phoneOptional'), {
        type: 'tel',
        inputMode: 'tel',
        maxLength: 20,
        autoComplete: index === 0 ? 'tel' : 'off',
      })}
      {index > 0 ? (
        <Field field={at + 'relationship'} label={t('relationship')} error={err(at + 'relationship')}>
          <Choice
            testid={id('relationship')}
            columns={4}
            options={RELATIONSHIPS.filter((r) => r !== 'head').map((v) => ({ label: t(`rel_${v}`), value: v }))}
            value={m.relationship}
            onChange={(v) => update('relationship', v)}
          />
        </Field>
      ) : null}
      {text('hukouPlace', t('hukouPlace'), { maxLength: 100, placeholder: t('hukouHint') })}
      <div className="r-switch-row">
        <span>{t('localHukou')}</span>
        <Switch data-testid={id('localHukou')} checked={m.localHukou} onChange={(v) => update('localHukou', v)} />
      </div>
    </div>
  );
}
