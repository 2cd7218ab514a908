import type { Rule } from 'antd/es/form/index.js';
import type { TFunction } from 'i18next';
import { checkPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../domain/password.js';

/** Client-side copy of the shared password policy, so users see problems before submitting. */
export function passwordRules(t: TFunction, username?: () => string | undefined): Rule[] {
  return [
    { required: true, message: t('password.required') },
    {
      validator: (_rule, value: unknown) => {
        if (typeof value !== 'string' || value === '') return Promise.resolve();
        const problems = checkPassword(value, username?.());
        if (problems.length === 0) return Promise.resolve();
        const text = problems
          .map((p) => t(`password.problem.${p}`, { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH }))
          .join('；');
        return Promise.reject(new Error(text));
      },
    },
  ];
}

export function passwordPolicyText(t: TFunction): string {
  return t('password.policy', { min: PASSWORD_MIN_LENGTH });
}
