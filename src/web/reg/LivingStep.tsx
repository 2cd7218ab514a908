/** Step 2, 居住类型: owned / rented / lodging / temporary. */
import { LIVING_TYPES } from '../../domain/self-registration.js';
import type { StepProps } from './step.js';
import { t } from './i18n.js';
import { Choice, Field } from './ui.js';

export function LivingStep({ form, set, err }: StepProps) {
  return (
    <section>
      <h2 className="r-intro">{t('livingIntro')}</h2>
      <Field field="livingType" label={t('step_living')} error={err('livingType')}>
        <Choice
          testid="reg-livingType"
          columns={1}
          options={LIVING_TYPES.map((v) => ({ label: t(`living_${v}`), value: v }))}
          value={form.livingType}
          onChange={(v) => set((f) => ({ ...f, livingType: v }), 'livingType')}
        />
      </Field>
    </section>
  );
}
