/**
 * The zip guard's measure of XML stretches (issue 12, item 4): what saxes would build
 * whole is counted, however it is dressed up — in a CDATA section or a comment full of
 * `<`, in an attribute full of `>`, split across any chunks.
 */
import { describe, expect, it } from 'vitest';
import { XmlRuns } from './xml-runs.js';

/** Feeds `xml` in chunks of `size` bytes; the first answer that is not `ok`, or `ok`. */
function scan(xml: string, limit = 1000, size = 7): string {
  const runs = new XmlRuns(limit);
  const bytes = Buffer.from(xml);
  for (let i = 0; i < bytes.length; i += size) {
    const seen = runs.push(bytes.subarray(i, i + size));
    if (seen !== 'ok') return seen;
  }
  return 'ok';
}

const row = (text: string) => `<row r="2"><c r="C2" t="inlineStr"><is><t>${text}</t></is></c></row>`;

describe('XML stretches', () => {
  it('lets a sheet of ordinary cells through, in any chunking', () => {
    const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet a="x>y"><sheetData>${row('王建国'.repeat(100)).repeat(50)}</sheetData></worksheet>`;
    for (const size of [1, 2, 7, 4096]) expect(scan(sheet, 1000, size)).toBe('ok');
  });

  it('counts a long text, a long tag, and an attribute value full of >', () => {
    expect(scan(row('x'.repeat(1001)))).toBe('long');
    expect(scan(`<c r="A1"${' s="1"'.repeat(200)}/>`)).toBe('long');
    expect(scan(`<c r="${'>'.repeat(2000)}"/>`)).toBe('long');
  });

  it('counts a CDATA section or a comment as one stretch, whatever < it holds', () => {
    expect(scan(`<t><![CDATA[${'<a>'.repeat(400)}]]></t>`)).toBe('long');
    expect(scan(`<!--${'<b/>'.repeat(300)}-->`)).toBe('long');
    // "<!-->" does not end the comment it opens.
    expect(scan(`<!-->${'<b/>'.repeat(300)}-->`)).toBe('long');
    expect(scan(`<t><![CDATA[${'<a>'.repeat(10)}]]></t><!-- short -->${'<b/>'.repeat(300)}`)).toBe('ok');
  });

  it('refuses a DOCTYPE', () => {
    expect(scan('<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')).toBe('doctype');
  });
});
