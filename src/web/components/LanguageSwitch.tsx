import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage, type Language } from '../i18n/index.js';

/** 中文 / English switch; the labels stay in their own language on purpose. */
export function LanguageSwitch({ size = 'middle' }: { size?: 'small' | 'middle' | 'large' }) {
  const { t, i18n } = useTranslation();
  const value: Language = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  return (
    <span data-testid="lang-switch" className="ss-lang-switch" title={t('lang.label')}>
      <Segmented<Language>
        size={size}
        aria-label={t('lang.label')}
        value={value}
        onChange={(lang) => void changeLanguage(lang)}
        options={[
          {
            label: (
              <span data-testid="lang-zh-CN" lang="zh-CN">
                中文
              </span>
            ),
            value: 'zh-CN',
          },
          {
            label: (
              <span data-testid="lang-en-US" lang="en">
                English
              </span>
            ),
            value: 'en-US',
          },
        ]}
      />
    </span>
  );
}
