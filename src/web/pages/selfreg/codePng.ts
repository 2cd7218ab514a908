/**
 * A registration code's QR as a PNG: the server's when it encodes the full public
 * address (PUBLIC_URL), otherwise drawn here from this console's address (the
 * server's would hold the path only, which a phone cannot open). Only for a code that can
 * be printed (its `path` is not null).
 */
import { api, download } from '../../api/client.js';
import { saveQrPng } from '../../components/phoneQr.js';
import type { CodeDto } from './types.js';

export function downloadCodePng(code: Pick<CodeDto, 'id' | 'url'> & { path: string }): Promise<unknown> {
  return code.url
    ? download(api.url('/api/reg-codes/:id/qr.png', { params: { id: code.id } }), 'qr.png')
    : saveQrPng(code, `reg-code-${code.id.slice(0, 8)}.png`);
}
