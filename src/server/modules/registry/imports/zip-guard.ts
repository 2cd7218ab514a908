/**
 * An .xlsx is a zip archive, and exceljs unpacks whatever it holds: a part of a few KB can
 * unpack to gigabytes (a zip bomb), one cell to hundreds of MB (issue 12: a 196 KB file
 * took the server from 0.7 to 1.9 GB). Before exceljs opens a file, this reads the
 * archive's central directory, then unpacks every part once, in the order exceljs's
 * unzipper will, counting and throwing the bytes away:
 *  - at most IMPORT_XLSX_MAX_PARTS parts, and IMPORT_XLSX_MAX_MB unpacked in all as the
 *    directory declares it; no part unpacks to more than its entry declares, so the
 *    count holds for what is really there (`unreadable` otherwise);
 *  - no part over 4 MB compressed more than IMPORT_XLSX_MAX_RATIO times;
 *  - the parts lie one after another from the first byte up to the directory, each local
 *    header agreeing with its entry: the unzipper reads local headers in order, so
 *    nothing it reads was left unchecked (no hidden or overlapping parts);
 *  - in the parts exceljs parses, no stretch of text or tag is longer than a cell may be
 *    (xml-runs.ts), since exceljs builds each text whole before the reader sees it.
 * Stored and deflated parts only, no encryption, no zip64: a ledger needs none of them.
 */
import { createReadStream } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';
import { FileRefusal, type ReadLimits, unreadable } from './limits.js';
import { XmlRuns } from './xml-runs.js';

const MB = 1024 * 1024;
/** Parts smaller than this are not judged by their ratio (a small part costs nothing to unpack). */
const RATIO_FROM = 4 * MB;
const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const ZIP64 = 0xffffffff;

/** The parts exceljs's streaming reader parses (its own patterns, unanchored as there). */
const PARSED = [
  /^xl\/workbook\.xml$/,
  /^xl\/_rels\/workbook\.xml\.rels$/,
  /^xl\/sharedStrings\.xml$/,
  /^xl\/styles\.xml$/,
  /xl\/worksheets\/sheet\d+[.]xml/,
  /xl\/worksheets\/_rels\/sheet\d+[.]xml.rels/,
];

interface Entry {
  name: string;
  method: number;
  compressed: number;
  size: number;
  offset: number;
}

/** Where a part's data lies, from its local header. */
interface Located extends Entry {
  start: number;
  /** Where the next local header must begin. */
  next: number;
}

async function read(file: FileHandle, length: number, position: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await file.read(buf, 0, length, position);
  if (bytesRead !== length) throw unreadable('the archive ends early');
  return buf;
}

/** The central directory's entries, with the declared sizes checked. */
async function directory(file: FileHandle, size: number, limits: ReadLimits) {
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await read(file, tailLength, size - tailLength);
  let at = -1;
  for (let i = tailLength - 22; i >= 0 && at < 0; i--)
    if (tail.readUInt32LE(i) === END_OF_DIRECTORY && i + 22 + tail.readUInt16LE(i + 20) === tailLength) at = i;
  if (at < 0) throw unreadable('not a zip archive (no central directory)');
  const count = tail.readUInt16LE(at + 10);
  const length = tail.readUInt32LE(at + 12);
  const offset = tail.readUInt32LE(at + 16);
  if (count > limits.IMPORT_XLSX_MAX_PARTS)
    throw new FileRefusal('too_many_entries', { max: limits.IMPORT_XLSX_MAX_PARTS }, { parts: count });
  if (tail.readUInt16LE(at + 4) !== 0 || tail.readUInt16LE(at + 6) !== 0 || tail.readUInt16LE(at + 8) !== count)
    throw unreadable('a split (multi-disk) archive');
  if (offset === ZIP64 || length === ZIP64 || offset + length > size - tailLength + at)
    throw unreadable('the central directory lies outside the archive');
  const cd = await read(file, length, offset);
  const entries: Entry[] = [];
  let declared = 0;
  for (let p = 0, i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== DIRECTORY_ENTRY) throw unreadable('a damaged central directory');
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    const compressed = cd.readUInt32LE(p + 20);
    const entrySize = cd.readUInt32LE(p + 24);
    const nameLength = cd.readUInt16LE(p + 28);
    const name = cd.toString('utf8', p + 46, p + 46 + nameLength);
    if (flags & 1) throw unreadable(`${name} is encrypted`);
    if (method !== 0 && method !== 8) throw unreadable(`${name} is compressed with method ${method}`);
    if (compressed === ZIP64) throw unreadable(`${name} is a zip64 entry`);
    declared += entrySize;
    entries.push({ name, method, compressed, size: entrySize, offset: cd.readUInt32LE(p + 42) });
    p += 46 + nameLength + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
  }
  if (declared > limits.IMPORT_XLSX_MAX_MB * MB)
    throw new FileRefusal('file_too_expanded', { max: limits.IMPORT_XLSX_MAX_MB }, { declaredBytes: declared });
  return { entries: entries.sort((a, b) => a.offset - b.offset), offset };
}

/** Each part's local header: it must agree with the directory, and follow the part before. */
async function locate(file: FileHandle, entries: Entry[], directoryAt: number): Promise<Located[]> {
  const located: Located[] = [];
  let expected = 0;
  for (const e of entries) {
    if (e.offset !== expected) throw unreadable(`${e.name} does not follow the part before it`);
    const head = await read(file, 30, e.offset);
    const nameLength = head.readUInt16LE(26);
    const name = (await read(file, nameLength, e.offset + 30)).toString('utf8');
    if (head.readUInt32LE(0) !== LOCAL_HEADER || name !== e.name || head.readUInt16LE(8) !== e.method)
      throw unreadable(`${e.name}: its local header disagrees with the directory`);
    const flags = head.readUInt16LE(6);
    const localCompressed = head.readUInt32LE(18);
    const sizeKnown = !(flags & 8) || localCompressed > 0; // as the unzipper decides
    if (sizeKnown && localCompressed !== e.compressed)
      throw unreadable(`${e.name}: its local header disagrees with the directory`);
    const start = e.offset + 30 + nameLength + head.readUInt16LE(28);
    let next = start + e.compressed;
    if (flags & 8) {
      const signed = next + 4 <= directoryAt && (await read(file, 4, next)).readUInt32LE(0) === DATA_DESCRIPTOR;
      // Without its size the unzipper finds the part's end by the descriptor's signature.
      if (!sizeKnown && !signed) throw unreadable(`${e.name}: its data descriptor is unsigned`);
      next += signed ? 16 : 12;
    }
    located.push({ ...e, start, next });
    expected = next;
  }
  if (expected !== directoryAt) throw unreadable('something lies between the parts and the directory');
  return located;
}

/** Unpacks one part, counting: no more than it declares, no absurd ratio, no overlong stretch. */
async function unpack(path: string, part: Located, limits: ReadLimits) {
  if (part.compressed === 0) {
    if (part.size !== 0) throw unreadable(`${part.name} declares data it does not hold`);
    return;
  }
  const runs = PARSED.some((p) => p.test(part.name))
    ? new XmlRuns(Math.max(16 * 1024, limits.IMPORT_MAX_CELL_CHARS * 8) + 4096)
    : null;
  const suspicious = part.size > RATIO_FROM && part.size > part.compressed * limits.IMPORT_XLSX_MAX_RATIO;
  let out = 0;
  // Counts what the part unpacks to, and throws it away.
  const count = new Writable({
    write(chunk: Buffer, _encoding, done) {
      out += chunk.length;
      if (out > part.size)
        return done(unreadable(`${part.name} unpacks to more than the ${part.size} bytes it declares`));
      const seen = runs?.push(chunk) ?? 'ok';
      if (seen === 'long')
        return done(new FileRefusal('text_too_long', { max: limits.IMPORT_MAX_CELL_CHARS }, { part: part.name }));
      if (seen === 'doctype') return done(unreadable(`${part.name} declares a DOCTYPE`));
      if (suspicious && out >= RATIO_FROM)
        return done(
          new FileRefusal(
            'compressed_too_much',
            { part: part.name, ratio: limits.IMPORT_XLSX_MAX_RATIO },
            { part: part.name },
          ),
        );
      done();
    },
  });
  const source = createReadStream(path, { start: part.start, end: part.start + part.compressed - 1 });
  if (part.method === 8) await pipeline(source, createInflateRaw(), count);
  else await pipeline(source, count);
  if (out !== part.size) throw unreadable(`${part.name} unpacks to ${out} bytes, not the ${part.size} it declares`);
}

/** Refuses (FileRefusal) an .xlsx that exceljs should not open. */
export async function checkXlsx(path: string, limits: ReadLimits): Promise<void> {
  const file = await open(path, 'r');
  let parts: Located[];
  try {
    const { size } = await file.stat();
    const { entries, offset } = await directory(file, size, limits);
    parts = await locate(file, entries, offset);
  } finally {
    await file.close();
  }
  for (const part of parts) await unpack(path, part, limits);
}
