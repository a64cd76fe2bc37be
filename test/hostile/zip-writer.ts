/**
 * A minimal ZIP writer for hostile files and the reader tests: entries can be streamed from a
 * generator (so a 700 MB part never sits in memory) and their declared sizes can lie.
 */
import { once } from 'node:events';
import zlib from 'node:zlib';

export interface ZipPart {
  name: string;
  /** Content, or chunks of content (for parts too large to hold in memory). */
  data: Buffer | (() => Iterable<Buffer>);
  /** Write this as the uncompressed size instead of the real one (a lying header). */
  declaredSize?: number;
}

async function deflatePart(part: ZipPart): Promise<{ compressed: Buffer; crc: number; size: number }> {
  if (Buffer.isBuffer(part.data)) {
    return { compressed: zlib.deflateRawSync(part.data, { level: 9 }), crc: zlib.crc32(part.data), size: part.data.length };
  }
  // Streamed through one deflate context: a generator may yield the same 1 MB buffer 700 times.
  const z = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (b: Buffer) => out.push(b));
  const done = once(z, 'end');
  let crc = 0;
  let size = 0;
  for (const c of part.data()) {
    crc = zlib.crc32(c, crc);
    size += c.length;
    if (!z.write(c)) await once(z, 'drain');
  }
  z.end();
  await done;
  return { compressed: Buffer.concat(out), crc, size };
}

/** One ZIP entry as stored: sizes, CRC and flags are written as given (they may lie on purpose). */
export interface RawEntry {
  name: string;
  /** Data as stored (already deflated when method is 8). */
  stored: Uint8Array;
  method: 0 | 8;
  crc: number;
  /** The uncompressed size the headers declare. */
  size: number;
  flags?: number;
}

/** The fields a local header and a central header share, written from offset `at`. */
function writeEntryFields(header: Buffer, at: number, e: RawEntry, nameLength: number): void {
  header.writeUInt16LE((e.flags ?? 0) | 0x800, at); // UTF-8 names
  header.writeUInt16LE(e.method, at + 2);
  // at + 4: time and date stay zero, so the same entries always give the same bytes.
  header.writeUInt32LE(e.crc >>> 0, at + 8);
  header.writeUInt32LE(e.stored.length, at + 12);
  header.writeUInt32LE(Math.min(e.size, 0xffffffff), at + 16);
  header.writeUInt16LE(nameLength, at + 20);
}

/** Writes a ZIP exactly as told. */
export function writeZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    writeEntryFields(local, 6, e, name.length);
    locals.push(local, name, Buffer.from(e.stored));
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6); // version needed
    writeEntryFields(central, 8, e, name.length);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + e.stored.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** Deflates each part (streamed parts through one context) and writes the ZIP. */
export async function buildZip(parts: ZipPart[]): Promise<Buffer> {
  const entries: RawEntry[] = [];
  for (const part of parts) {
    const { compressed, crc, size } = await deflatePart(part);
    entries.push({ name: part.name, stored: compressed, method: 8, crc, size: part.declaredSize ?? size });
  }
  return writeZip(entries);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;

export const SHEET_OPEN = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
export const SHEET_CLOSE = `</sheetData></worksheet>`;
export const EMPTY_SHARED_STRINGS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"></sst>`;

/** A hand-built workbook: one sheet whose XML (and shared strings) the caller controls. */
export function buildXlsx(
  sheet: ZipPart['data'],
  sharedStrings: ZipPart['data'] = Buffer.from(EMPTY_SHARED_STRINGS),
  overrides: Partial<Record<'sheet' | 'sharedStrings', number>> = {},
): Promise<Buffer> {
  return buildZip([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(ROOT_RELS) },
    { name: 'xl/workbook.xml', data: Buffer.from(WORKBOOK) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(WORKBOOK_RELS) },
    { name: 'xl/sharedStrings.xml', data: sharedStrings, declaredSize: overrides.sharedStrings },
    { name: 'xl/worksheets/sheet1.xml', data: sheet, declaredSize: overrides.sheet },
  ]);
}

/** Inline-string cell row, for hand-built sheets. */
export function inlineRow(r: number, values: (string | number)[]): string {
  const cells = values
    .map((v, i) => {
      const ref = `${columnName(i)}${r}`;
      if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
      const esc = v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc}</t></is></c>`;
    })
    .join('');
  return `<row r="${r}">${cells}</row>`;
}

export function columnName(i: number): string {
  let s = '';
  let n = i + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
