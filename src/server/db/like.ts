/** LIKE patterns from user text: %, _ and \ match themselves. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `%text%`: the text anywhere. */
export const containing = (text: string) => `%${escapeLike(text)}%`;
