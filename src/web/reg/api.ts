/**
 * What the page says about the server: the answers' types (from the API contract,
 * types only — zod never enters the bundle), the page's own words for the server's
 * error codes, and the dwelling tree by QR or by edit link. Calls go through the one
 * client (src/web/api/client.ts), configured in main.tsx with the page's language and
 * a 15-second timeout: a lost connection or a timeout is code NETWORK (retry the same body).
 */
import { api, type ApiFieldError, ApiError, type Result } from '../api/client.js';
import { has, lang, reasonText, t } from './i18n.js';

export type CodeView = Result<'GET', '/api/public/reg/:token'>;
export type DwellingTree = Result<'GET', '/api/public/reg/:token/courtyards/:courtyardId'>;
export type Submitted = Result<'POST', '/api/public/reg/:token/submissions'>;
export type EditView = Result<'GET', '/api/public/reg-edit/:editToken'>;
export type Status = Submitted['status'];

/** Whose courtyards the page may list: the QR code's, or (editing) the family's code's. */
export type Scope = { kind: 'code'; token: string } | { kind: 'edit'; editToken: string };

/** A clear message in the page's language: the page's own for known codes, else the server's. */
export function errorText(err: unknown): string {
  if (!(err instanceof ApiError)) return t('err_default');
  const k = `err_${err.code}`;
  if (has(k)) return t(k);
  return err.messages[lang] ?? t('err_default');
}

/** A refused field's message: the server's in the page's language, else the reason's. */
export function fieldText(f: ApiFieldError): string {
  return f.messages[lang] ?? reasonText(f.reason);
}

/** The tree under a courtyard: by the QR token, or (editing) by the edit token. */
export function dwellingTree(scope: Scope, courtyardId: string): Promise<DwellingTree> {
  return scope.kind === 'code'
    ? api.get('/api/public/reg/:token/courtyards/:courtyardId', { params: { token: scope.token, courtyardId } })
    : api.get('/api/public/reg-edit/:editToken/courtyards/:courtyardId', {
        params: { editToken: scope.editToken, courtyardId },
      });
}
