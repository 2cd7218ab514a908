/**
 * Hostile spreadsheets made by hand, without ever holding what they unpack to: a zip
 * writer over raw deflate streams, and a streams builder that repeats one compressed
 * piece (a repeated piece compresses to almost nothing, so a file of a few KB can
 * unpack to gigabytes). The zip's sizes may lie, as a crafted file's do.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

/** One part of the archive: its raw deflate stream, and what its headers say it holds. */
export interface Part {
  name: string;
  deflated: Buffer;
  /** Uncompressed size as the headers declare it. */
  size: number;
  crc: number;
}

/** Text, or a piece of text repeated `times` times (compressed once, its blocks repeated). */
export type Piece = string | { repeat: string; times: number };

const flushed = (text: string | Buffer) => deflateRawSync(text, { finishFlush: constants.Z_SYNC_FLUSH });

/**
 * A part from pieces: each is compressed on its own and flushed to a byte boundary, so
 * the blocks can be laid one after another and still read as one stream.
 */
export function part(name: string, pieces: Piece[], opts: { declare?: number } = {}): Part {
  const blocks: Buffer[] = [];
  let size = 0;
  let crc = 0;
  for (const p of pieces) {
    if (typeof p === 'string') {
      const bytes = Buffer.from(p);
      blocks.push(flushed(bytes));
      size += bytes.length;
      crc = crc32(bytes, crc);
      continue;
    }
    const unit = Buffer.from(p.repeat);
    const block = flushed(unit);
    for (let i = 0; i < p.times; i++) blocks.push(block);
    size += unit.length * p.times;
    // The checksum of gigabytes is not worth computing: nothing here checks it.
    if (size <= 64 * 1024 * 1024) for (let i = 0; i < p.times; i++) crc = crc32(unit, crc);
  }
  blocks.push(deflateRawSync(Buffer.alloc(0))); // the final (empty) block
  return { name, deflated: Buffer.concat(blocks), size: opts.declare ?? size, crc };
}

/** The archive: local headers and data, the central directory, its end record. */
export function zip(parts: Part[]): Buffer {
  const out: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.deflated.length, 18);
    local.writeUInt32LE(p.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(p.crc >>> 0, 16);
    central.writeUInt32LE(p.deflated.length, 20);
    central.writeUInt32LE(p.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    out.push(local, name, p.deflated);
    directory.push(central, name);
    offset += local.length + name.length + p.deflated.length;
  }
  const cd = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, cd, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** The parts every workbook has, around a first sheet and its shared strings. */
export function workbook(sheet: Piece[], strings: Piece[], opts: { declareSheet?: number } = {}): Buffer {
  const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  return zip([
    part('[Content_Types].xml', [
      `${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
        '</Types>',
    ]),
    part('_rels/.rels', [
      `${xml}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ]),
    part('xl/workbook.xml', [
      `${xml}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ]),
    part('xl/_rels/workbook.xml.rels', [
      `${xml}<Relationships xmlns="${PKG}">` +
        `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ]),
    part('xl/sharedStrings.xml', [`${xml}<sst xmlns="${MAIN}">`, ...strings, '</sst>']),
    part(
      'xl/worksheets/sheet1.xml',
      [`${xml}<worksheet xmlns="${MAIN}"><sheetData>`, ...sheet, '</sheetData></worksheet>'],
      {
        ...(opts.declareSheet === undefined ? {} : { declare: opts.declareSheet }),
      },
    ),
  ]);
}

/** Shared strings 0–3: a ledger's header (小区, 房号, 姓名, 身份证号码). */
export const HEADER_STRINGS = '<si><t>小区</t></si><si><t>房号</t></si><si><t>姓名</t></si><si><t>身份证号码</t></si>';
/** Row 1: the header, from the shared strings. */
export const HEADER_ROW =
  '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>';
