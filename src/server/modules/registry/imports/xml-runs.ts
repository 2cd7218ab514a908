/**
 * The longest stretch an XML parser must hold whole: a text between two tags, a tag with
 * its attributes, a comment, a CDATA section. saxes (under exceljs) builds each one as a
 * single string before anything can look at it, so a 200 MB cell is 200 MB in memory
 * before the reader could count its characters. This measures the stretches of a part as
 * it streams by, without building them. A DOCTYPE is refused outright: no workbook has
 * one, and it is where entity tricks live.
 */
const LT = 0x3c;
const GT = 0x3e;
const BANG = 0x21;
const DQ = 0x22;
const SQ = 0x27;

type State = 'text' | 'open' | 'bang' | 'tag' | 'comment' | 'cdata';

export class XmlRuns {
  private state: State = 'text';
  /** Bytes of the current stretch. */
  private run = 0;
  /** The quote an attribute value is open with (0: none). */
  private quote = 0;
  /** What follows `<!`, until it says comment or CDATA. */
  private bang = '';
  /** Bytes inside the current comment or CDATA section, and the last two of them. */
  private inside = 0;
  private prev1 = 0;
  private prev2 = 0;

  /** `limit`: the longest stretch allowed, in bytes. */
  constructor(private readonly limit: number) {}

  /** Reads the next piece of the part: `long` once a stretch is past the limit, `doctype` for a DOCTYPE. */
  push(chunk: Buffer): 'ok' | 'long' | 'doctype' {
    let i = 0;
    while (i < chunk.length) {
      if (this.run > this.limit) return 'long';
      switch (this.state) {
        case 'text': {
          const lt = chunk.indexOf(LT, i);
          if (lt < 0) {
            this.run += chunk.length - i;
            i = chunk.length;
          } else {
            this.run += lt - i;
            if (this.run > this.limit) return 'long';
            this.state = 'open';
            this.run = 1;
            i = lt + 1;
          }
          break;
        }
        case 'open':
          if (chunk[i] === BANG) {
            this.state = 'bang';
            this.bang = '';
            this.run++;
            i++;
          } else this.state = 'tag';
          break;
        case 'bang': {
          this.bang += String.fromCharCode(chunk[i]!);
          this.run++;
          i++;
          const kind = this.bang === '--' ? 'comment' : this.bang === '[CDATA[' ? 'cdata' : null;
          if (kind) {
            this.state = kind;
            this.inside = 0;
          } else if (!'--'.startsWith(this.bang) && !'[CDATA['.startsWith(this.bang)) return 'doctype';
          break;
        }
        case 'tag':
          i = this.tag(chunk, i);
          break;
        default:
          i = this.section(chunk, i);
      }
    }
    return this.run > this.limit ? 'long' : 'ok';
  }

  /** Inside a tag: up to its `>`, quotes respected (a `>` may stand in an attribute value). */
  private tag(chunk: Buffer, from: number): number {
    let i = from;
    for (; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (this.quote) {
        if (c === this.quote) this.quote = 0;
      } else if (c === DQ || c === SQ) this.quote = c;
      else if (c === GT) {
        this.run += i + 1 - from;
        if (this.run <= this.limit) {
          this.state = 'text';
          this.run = 0;
        }
        return i + 1;
      }
    }
    this.run += i - from;
    return i;
  }

  /** Inside a comment or CDATA section: up to a `-->` or `]]>` that lies wholly inside it. */
  private section(chunk: Buffer, from: number): number {
    const closing = this.state === 'comment' ? 0x2d : 0x5d; // - or ]
    let i = from;
    while (i < chunk.length) {
      const gt = chunk.indexOf(GT, i);
      const end = gt < 0 ? chunk.length : gt;
      this.advance(chunk, i, end);
      if (gt < 0 || this.run > this.limit) return end;
      if (this.inside >= 2 && this.prev1 === closing && this.prev2 === closing) {
        this.state = 'text';
        this.run = 0;
        return gt + 1;
      }
      this.advance(chunk, gt, gt + 1);
      i = gt + 1;
      if (this.run > this.limit) return i;
    }
    return i;
  }

  private advance(chunk: Buffer, from: number, to: number) {
    const n = to - from;
    if (n <= 0) return;
    this.run += n;
    this.inside += n;
    this.prev2 = n >= 2 ? chunk[to - 2]! : this.prev1;
    this.prev1 = chunk[to - 1]!;
  }
}
