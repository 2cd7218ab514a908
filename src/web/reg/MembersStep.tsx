/**
 * Step 3, 家庭成员: the head first, then the others (up to 20), each with a stable
 * client key that trips, contacts and later versions name them by.
 */
import { Button } from 'antd-mobile';
import type { StepProps } from './step.js';
import { t } from './i18n.js';
import { MemberCard } from './MemberCard.js';
import { MAX_MEMBERS, newMember, withoutMember } from './model.js';

export function MembersStep(props: StepProps) {
  const { form, set, err } = props;
  const familyError = err('members');
  return (
    <section>
      <h2 className="r-intro">{t('membersIntro')}</h2>
      {familyError ? (
        <div className="r-error r-pad" data-field="members">
          {familyError}
        </div>
      ) : null}
      {form.members.map((m, i) => (
        <MemberCard
          key={m.key}
          {...props}
          index={i}
          onRemove={i > 0 ? () => set((f) => withoutMember(f, m.key)) : null}
        />
      ))}
      <div className="r-pad">
        {form.members.length < MAX_MEMBERS ? (
          <Button
            block
            fill="outline"
            color="primary"
            size="large"
            onClick={() => set((f) => ({ ...f, members: [...f.members, newMember(null)] }))}
            data-testid="reg-add-member"
          >
            + {t('addMember')}
          </Button>
        ) : (
          <div className="r-hint">{t('maxMembers')}</div>
        )}
      </div>
    </section>
  );
}
