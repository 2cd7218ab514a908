/** After a successful registration: the family code, the personal edit link (copy it), what to keep. */
import { Button, Result } from 'antd-mobile';
import { useRef, useState } from 'react';
import type { Submitted } from './api.js';
import { t } from './i18n.js';
import { spacedCode } from './model.js';

async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API (plain http, older WeChat): select the text and copy it the old way.
  }
  try {
    input?.select();
    return document.execCommand('copy');
  } catch {
    return false;
  }
}

export function DoneScreen(props: { result: Submitted; onOpenEdit: () => void; onAnother: (() => void) | null }) {
  const link = location.origin + props.result.editPath;
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <div className="r-done" data-testid="reg-done">
      <Result status="success" title={t('done')} />
      <div className="r-card r-center-text">
        <div className="r-label">{t('familyCode')}</div>
        <div className="r-family-code" data-testid="reg-family-code">
          {spacedCode(props.result.familyCode)}
        </div>
      </div>
      <div className="r-card">
        <label className="r-label" htmlFor="reg-edit-link">
          {t('editLink')}
        </label>
        <div className="r-copy-row">
          <input
            ref={input}
            id="reg-edit-link"
            data-testid="reg-edit-link"
            className="r-input"
            readOnly
            value={link}
            onFocus={(e) => e.target.select()}
          />
          <Button
            color="primary"
            onClick={() => void copyText(link, input.current).then(setCopied)}
            data-testid="reg-copy"
          >
            {t('copy')}
          </Button>
        </div>
        {copied !== null ? (
          <div className={copied ? 'r-hint r-ok' : 'r-hint'}>{copied ? t('copied') : t('copyFailed')}</div>
        ) : null}
        <div className="r-keep" data-testid="reg-screenshot-note">
          {t('screenshot')}
        </div>
      </div>
      <div className="r-pad r-stack">
        <Button
          block
          color="primary"
          fill="outline"
          size="large"
          onClick={props.onOpenEdit}
          data-testid="reg-open-edit"
        >
          {t('openEdit')}
        </Button>
        {props.onAnother ? (
          <Button block fill="none" onClick={props.onAnother} data-testid="reg-another">
            {t('another')}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
