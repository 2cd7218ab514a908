/**
 * Step 5, 健康情况: temperature and symptoms, asked only of the members whose answers
 * put them in a category in force (or everyone, when the code asks everyone).
 */
import { Selector } from 'antd-mobile';
import { FEVER_AT } from '../../domain/health.js';
import { memberName, type StepProps } from './step.js';
import { t } from './i18n.js';
import { askedKeys, type MemberDraft } from './model.js';
import { Field, TextInput } from './ui.js';

export function HealthStep({ code, form, set, err, touch }: StepProps) {
  const asked = askedKeys(form, code);
  const update = (key: string, patch: Partial<MemberDraft>, field: string) =>
    set((f) => ({ ...f, members: f.members.map((m) => (m.key === key ? { ...m, ...patch } : m)) }), field);
  return (
    <section>
      <h2 className="r-intro">{t('healthIntro')}</h2>
      {form.members.map((m, i) => {
        if (!asked.has(m.key)) return null;
        const at = `members.${i}.health.`;
        const value = Number(m.temperature.replace(/[,，。]/g, '.'));
        const fever = m.temperature.trim() !== '' && !err(at + 'temperature') && value >= FEVER_AT && value <= 42.5;
        const symptomError = m.symptoms.map((_, j) => err(`${at}symptoms.${j}`)).find(Boolean) ?? null;
        return (
          <div className="r-card" key={m.key} data-testid={`health-${i}`}>
            <div className="r-card-head">
              <span className="r-card-title">{memberName(form, m.key)}</span>
            </div>
            <Field
              field={at + 'temperature'}
              label={t('temperature')}
              htmlFor={`member-${i}-temperature`}
              error={err(at + 'temperature')}
            >
              <div className={fever ? 'r-temp r-fever' : 'r-temp'}>
                <TextInput
                  id={`member-${i}-temperature`}
                  inputMode="decimal"
                  maxLength={5}
                  placeholder="36.5"
                  value={m.temperature}
                  onChange={(v) => update(m.key, { temperature: v }, at + 'temperature')}
                  onBlur={() => touch(at + 'temperature')}
                  invalid={!!err(at + 'temperature')}
                />
                <span>℃</span>
              </div>
              {fever ? (
                <div className="r-fever-note" data-testid={`member-${i}-fever`}>
                  {t('fever')}
                </div>
              ) : null}
            </Field>
            <Field field={`${at}symptoms.0`} label={t('symptoms')} error={symptomError}>
              <Selector
                data-testid={`member-${i}-symptoms`}
                multiple
                columns={3}
                options={code.symptoms.map((s) => ({ label: s, value: s }))}
                value={m.symptoms}
                onChange={(v) => update(m.key, { symptoms: v }, `${at}symptoms.0`)}
              />
            </Field>
          </div>
        );
      })}
    </section>
  );
}
