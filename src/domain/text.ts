/** Text clean-up shared by every field rule: full-width forms and stray spaces. */

/** Full-width ASCII (Ｕ+FF01–FF5E) to half-width, and the ideographic space to a space. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** Half-width, no spaces of any kind anywhere (for codes and numbers). */
export function compact(s: string): string {
  return toHalfWidth(s).replace(/[\s\u00A0\u200B-\u200D\uFEFF]+/g, '');
}
