/** Client-generated ids and secrets (crypto.getRandomValues works in every phone browser, WeChat's too). */

function bytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}

function base64url(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += String.fromCharCode(x);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A v4 UUID (crypto.randomUUID only exists on HTTPS pages). */
export function uuid(): string {
  const b = bytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The personal edit secret: 32 random bytes, 43 base64url characters. */
export function editSecret(): string {
  return base64url(bytes(32));
}

/** A family member's stable key: 12 base64url characters. */
export function memberKey(): string {
  return base64url(bytes(9));
}
