/** /m/reg/recover: the family code and a phone number of the family give the edit link back. */
import { Button } from 'antd-mobile';
import { useState } from 'react';
import { checkPhone } from '../../domain/phone.js';
import { FAMILY_CODE } from '../../domain/self-registration.js';
import { compact } from '../../domain/text.js';
import { api } from '../api/client.js';
import { PhoneSendButton } from '../components/PhoneSendButton.js';
import { errorText } from './api.js';
import { store } from './draft.js';
import { reasonText, t } from './i18n.js';
import { Field, Header, type Nav, TextInput } from './ui.js';

export function RecoverPage({ nav, canGoBack }: { nav: Nav; canGoBack: boolean }) {
  const [familyCode, setFamilyCode] = useState('');
  const [phone, setPhone] = useState('');
  const [shown, setShown] = useState(false);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const code = compact(familyCode).toUpperCase();
  const codeError = code === '' ? reasonText('required') : FAMILY_CODE.test(code) ? null : reasonText('format');
  const phoneCheck = checkPhone(phone);
  const phoneError = phoneCheck.ok ? null : reasonText(phoneCheck.problem === 'empty' ? 'required' : 'phone_format');

  const submit = async () => {
    setShown(true);
    if (codeError || phoneError || sending) return;
    setSending(true);
    setFailure(null);
    try {
      const res = await api.post('/api/public/reg-recover', {
        body: { familyCode: code, phone: phoneCheck.ok ? phoneCheck.number : phone },
      });
      store.saveLastEditLink(location.origin + res.editPath);
      nav.go(res.editPath);
    } catch (e) {
      setFailure(errorText(e));
      setSending(false);
    }
  };

  return (
    <>
      <Header title={t('recoverTitle')} onLang={nav.relang} />
      <main className="r-body" data-testid="reg-recover">
        <p className="r-intro">{t('recoverIntro')}</p>
        <Field field="familyCode" label={t('familyCode')} htmlFor="reg-recover-code" error={shown ? codeError : null}>
          <TextInput
            id="reg-recover-code"
            value={familyCode}
            maxLength={12}
            placeholder="7KQ2 M9PX"
            onChange={setFamilyCode}
            invalid={shown && !!codeError}
          />
        </Field>
        <Field field="phone" label={t('phone')} htmlFor="reg-recover-phone" error={shown ? phoneError : null}>
          <TextInput
            id="reg-recover-phone"
            type="tel"
            inputMode="tel"
            value={phone}
            maxLength={20}
            onChange={setPhone}
            invalid={shown && !!phoneError}
          />
        </Field>
        {failure ? (
          <div className="r-failure" role="alert" data-testid="reg-failure">
            {failure}
          </div>
        ) : null}
        <div className="r-pad r-stack">
          <PhoneSendButton sending={sending} onClick={() => void submit()} testId="reg-recover-submit">
            {t('recover')}
          </PhoneSendButton>
          {canGoBack ? (
            <Button block fill="none" onClick={() => history.back()} data-testid="reg-recover-back">
              {t('backToForm')}
            </Button>
          ) : null}
        </div>
      </main>
    </>
  );
}
