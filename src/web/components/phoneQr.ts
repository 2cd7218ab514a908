/**
 * QR codes of phone links (check-in links, registration codes). The server draws
 * its own from PUBLIC_URL + path; without PUBLIC_URL its code holds the path only,
 * which a phone camera cannot open, so the code is drawn here from this console's
 * origin + the path instead.
 */
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

export interface PhoneLink {
  /** PUBLIC_URL + path, when the server knows the address phones reach. */
  url: string | null;
  path: string;
}

/** The address a phone opens: the server's, or this console's origin + the path. */
export function phoneUrl(link: PhoneLink): string {
  return link.url ?? `${window.location.origin}${link.path}`;
}

/** The SVG of the link's QR code: the server's (`qrSvg`) when it holds the full address. */
export function useQrSvg(link: (PhoneLink & { qrSvg: string }) | null): { url: string; svg: string | null } {
  const url = link ? phoneUrl(link) : '';
  const [svg, setSvg] = useState<string | null>(null);
  const serverSvg = link?.qrSvg ?? null;
  const serverHasUrl = !!link?.url;
  useEffect(() => {
    if (!url) {
      setSvg(null);
      return;
    }
    if (serverHasUrl) {
      setSvg(serverSvg);
      return;
    }
    let alive = true;
    QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 })
      .then((drawn) => alive && setSvg(drawn))
      .catch(() => alive && setSvg(serverSvg));
    return () => {
      alive = false;
    };
  }, [url, serverHasUrl, serverSvg]);
  return { url, svg };
}

/** Saves the link's QR code as a 1024 px PNG drawn here (the server's PNG holds the path only without PUBLIC_URL). */
export async function saveQrPng(link: PhoneLink, filename: string): Promise<void> {
  const href = await QRCode.toDataURL(phoneUrl(link), { errorCorrectionLevel: 'M', margin: 2, width: 1024 });
  const a = document.createElement('a');
  a.style.display = 'none';
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
}
