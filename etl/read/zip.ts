/**
 * A small ZIP reader for untrusted uploads: the central directory is read with positional
 * reads, entries are inflated in small pieces with fflate so a zip bomb is stopped as soon as
 * a limit is crossed, and nothing is trusted (declared sizes, offsets, CRCs are all checked).
 */
import { open } from 'node:fs/promises';
import zlib from 'node:zlib';
import { Readable } from 'node:stream';
import type { ImportLimits } from '@/lib/env';
import { FileRejectedError } from './errors';

/** Bytes readable at any position: a Buffer already in memory or a file opened per use. */
export interface ByteSource {
  size: number;
  read(pos: number, len: number): Promise<Uint8Array>;
  /**
   * The whole source in order, READ_CHUNK_BYTES at a time, through one reused buffer: a chunk is
   * valid until the next one is asked for. (Fresh buffers per read made the first pass over a
   * 100 MB file four times slower.)
   */
  chunks(): AsyncGenerator<Uint8Array>;
  close(): Promise<void>;
}

export type SourceInput = { path: string } | { bytes: Buffer };

/** Size of the reads of ByteSource.chunks (hashing, scanning). */
const READ_CHUNK_BYTES = 1 << 20;

export async function openByteSource(input: SourceInput): Promise<ByteSource> {
  if ('bytes' in input) {
    const b = input.bytes;
    return {
      size: b.length,
      read: async (pos, len) => b.subarray(pos, Math.min(b.length, pos + len)),
      async *chunks() {
        for (let pos = 0; pos < b.length; pos += READ_CHUNK_BYTES) yield b.subarray(pos, pos + READ_CHUNK_BYTES);
      },
      close: async () => {},
    };
  }
  const fh = await open(input.path, 'r');
  const { size } = await fh.stat();
  return {
    size,
    read: async (pos, len) => {
      const n = Math.max(0, Math.min(len, size - pos));
      const buf = Buffer.allocUnsafe(n);
      let got = 0;
      while (got < n) {
        const { bytesRead } = await fh.read(buf, got, n - got, pos + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return buf.subarray(0, got);
    },
    async *chunks() {
      const buf = Buffer.allocUnsafe(Math.min(READ_CHUNK_BYTES, Math.max(size, 1)));
      for (let pos = 0; pos < size; ) {
        const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
        if (bytesRead === 0) break;
        yield buf.subarray(0, bytesRead);
        pos += bytesRead;
      }
    },
    close: () => fh.close(),
  };
}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** Hard ceilings that do not depend on configuration: a real workbook has a few dozen parts. */
const MAX_ZIP_ENTRIES = 5_000;
/** Ratios are only meaningful for parts big enough to matter (small XML compresses very well). */
const RATIO_MIN_BYTES = 1024 * 1024;
/** Compressed bytes given to the inflater at once: deflate expands at most ~1032×, so ≤ ~16 MB per piece. */
const PUSH_BYTES = 16 * 1024;
const READ_BYTES = 256 * 1024;

const corrupt = () =>
  new FileRejectedError(
    'corrupt',
    'Tệp bị hỏng hoặc tải lên chưa hết (cấu trúc ZIP của tệp .xlsx không đầy đủ). Hãy mở tệp bằng Excel, lưu lại (Save As .xlsx) rồi tải lên lại.',
  );

const bomb = (what: string) =>
  new FileRejectedError(
    'zip-bomb',
    `Tệp bị từ chối vì ${what} — tệp có thể đã bị làm hỏng hoặc cố tình gây quá tải. Hãy mở tệp bằng Excel, xóa các trang và dữ liệu thừa, lưu lại thành .xlsx rồi tải lên lại.`,
  );

const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;

/** Reads the central directory. Throws 'corrupt' when it is missing or inconsistent (truncated upload). */
export async function readCentralDirectory(src: ByteSource): Promise<ZipEntry[]> {
  const size = src.size;
  if (size < 22) throw corrupt();
  const tailLen = Math.min(size, 22 + 0xffff);
  const tail = Buffer.from(await src.read(size - tailLen, tailLen));
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt();
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    // ZIP64: the locator sits just before the EOCD record.
    const loc = eocd - 20;
    if (loc < 0 || tail.readUInt32LE(loc) !== 0x07064b50) throw corrupt();
    const z64Offset = Number(tail.readBigUInt64LE(loc + 8));
    const z64 = Buffer.from(await src.read(z64Offset, 56));
    if (z64.length < 56 || z64.readUInt32LE(0) !== 0x06064b50) throw corrupt();
    count = Number(z64.readBigUInt64LE(32));
    cdSize = Number(z64.readBigUInt64LE(40));
    cdOffset = Number(z64.readBigUInt64LE(48));
  }
  if (count > MAX_ZIP_ENTRIES) throw bomb(`có quá nhiều thành phần nén (${count} > ${MAX_ZIP_ENTRIES})`);
  if (cdOffset + cdSize > size || cdSize > 64 * 1024 * 1024) throw corrupt();
  const cd = Buffer.from(await src.read(cdOffset, cdSize));
  if (cd.length < cdSize) throw corrupt();
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw corrupt();
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    const crc32 = cd.readUInt32LE(p + 16);
    let compressedSize = cd.readUInt32LE(p + 20);
    let uncompressedSize = cd.readUInt32LE(p + 24);
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    let localHeaderOffset = cd.readUInt32LE(p + 42);
    if (p + 46 + nameLen + extraLen + commentLen > cd.length) throw corrupt();
    const name = cd.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
    // ZIP64 extra field: only the fields whose 32-bit value is saturated are present, in order.
    let e = p + 46 + nameLen;
    const eEnd = e + extraLen;
    while (e + 4 <= eEnd) {
      const id = cd.readUInt16LE(e);
      const len = cd.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        const take = () => {
          if (q + 8 > e + 4 + len) throw corrupt();
          const v = Number(cd.readBigUInt64LE(q));
          q += 8;
          return v;
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = take();
      }
      e += 4 + len;
    }
    entries.push({ name, method, flags, crc32, compressedSize, uncompressedSize, localHeaderOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Offset of the entry's compressed data (after its local header), checked against the file size. */
async function dataStart(src: ByteSource, entry: ZipEntry): Promise<number> {
  const h = Buffer.from(await src.read(entry.localHeaderOffset, 30));
  if (h.length < 30 || h.readUInt32LE(0) !== 0x04034b50) throw corrupt();
  const start = entry.localHeaderOffset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
  if (start + entry.compressedSize > src.size) throw corrupt();
  return start;
}

function checkEntryHeader(entry: ZipEntry, limits: ImportLimits): void {
  if (entry.flags & 0x1) {
    throw new FileRejectedError(
      'encrypted',
      'Tệp được đặt mật khẩu hoặc mã hóa nên không đọc được. Hãy mở tệp trong Excel, bỏ mật khẩu (File → Info → Protect Workbook → Encrypt with Password, xóa mật khẩu), lưu lại rồi tải lên lại.',
    );
  }
  if (entry.method !== 0 && entry.method !== 8) {
    throw new FileRejectedError(
      'corrupt',
      `Tệp dùng kiểu nén không được hỗ trợ (phần "${entry.name}"). Hãy mở tệp bằng Excel và lưu lại thành .xlsx rồi tải lên lại.`,
    );
  }
  if (entry.uncompressedSize > limits.maxUnzippedBytes) {
    throw bomb(`phần "${entry.name}" khi giải nén lớn hơn giới hạn ${mb(limits.maxUnzippedBytes)}`);
  }
  if (entry.uncompressedSize > RATIO_MIN_BYTES && entry.uncompressedSize > limits.maxZipRatio * Math.max(1, entry.compressedSize)) {
    throw bomb(`tỉ lệ nén của phần "${entry.name}" vượt quá ${limits.maxZipRatio} lần`);
  }
}

/**
 * Inflates one entry as a stream (node's zlib), yielding the output. Compressed data goes in
 * small pieces so one piece of a bomb expands to at most ~16 MB, and inflating stops with a
 * rejection as soon as the output exceeds what the header declared (a forged header) — the
 * declared size itself was already checked against the limits. The CRC is checked at the end.
 */
export async function* inflateEntry(src: ByteSource, entry: ZipEntry, limits: ImportLimits): AsyncGenerator<Uint8Array> {
  checkEntryHeader(entry, limits);
  const start = await dataStart(src, entry);
  const end = start + entry.compressedSize;
  let produced = 0;
  let crc = 0;
  const account = (chunk: Uint8Array) => {
    produced += chunk.length;
    if (produced > entry.uncompressedSize) {
      // More data than the header declared: a forged header (zip bomb) or a damaged file.
      throw bomb(`phần "${entry.name}" giải nén ra nhiều dữ liệu hơn kích thước khai báo`);
    }
    crc = zlib.crc32(chunk, crc);
  };
  async function* compressed(): AsyncGenerator<Buffer> {
    for (let pos = start; pos < end; pos += READ_BYTES) {
      const block = Buffer.from(await src.read(pos, Math.min(READ_BYTES, end - pos)));
      if (block.length === 0) throw corrupt();
      for (let i = 0; i < block.length; i += PUSH_BYTES) yield block.subarray(i, i + PUSH_BYTES);
    }
  }
  if (entry.method === 0) {
    for await (const block of compressed()) {
      account(block);
      yield block;
    }
  } else {
    const inflater = zlib.createInflateRaw({ chunkSize: 64 * 1024 });
    const input = Readable.from(compressed(), { highWaterMark: 1 });
    input.on('error', (e) => inflater.destroy(e));
    input.pipe(inflater);
    try {
      for await (const chunk of inflater as AsyncIterable<Buffer>) {
        account(chunk);
        yield chunk;
      }
    } catch (err) {
      if (err instanceof FileRejectedError) throw err;
      throw corrupt();
    } finally {
      input.destroy();
      inflater.destroy();
    }
  }
  if (produced !== entry.uncompressedSize || crc >>> 0 !== entry.crc32 >>> 0) throw corrupt();
}

interface ZipGuardVisitor {
  /** Called with each inflated piece of every entry the visitor wants (return true from wants). */
  wants(entry: ZipEntry): boolean;
  chunk(entry: ZipEntry, data: Uint8Array): void;
}

const XML_PART = /\.(xml|rels|vml)$/i;
const DOCTYPE = Buffer.from('<!DOCTYPE');
const ENTITY = Buffer.from('<!ENTITY');

/**
 * Walks the whole archive before any parser sees it: entry count, declared and actual sizes
 * per entry and in total, ratios, encryption, completeness (CRC), and no DTD in XML parts.
 */
export async function guardZip(src: ByteSource, entries: ZipEntry[], limits: ImportLimits, visitor?: ZipGuardVisitor): Promise<void> {
  let declaredTotal = 0;
  let compressedTotal = 0;
  for (const e of entries) {
    checkEntryHeader(e, limits);
    declaredTotal += e.uncompressedSize;
    compressedTotal += e.compressedSize;
  }
  if (declaredTotal > limits.maxUnzippedBytes) {
    throw bomb(`tổng dung lượng khi giải nén (${mb(declaredTotal)}) vượt quá giới hạn ${mb(limits.maxUnzippedBytes)}`);
  }
  if (declaredTotal > RATIO_MIN_BYTES && declaredTotal > limits.maxZipRatio * Math.max(1, compressedTotal)) {
    throw bomb(`tỉ lệ nén của tệp vượt quá ${limits.maxZipRatio} lần`);
  }
  let actualTotal = 0;
  for (const e of entries) {
    if (e.name.endsWith('/') && e.uncompressedSize === 0) continue;
    const scanXml = XML_PART.test(e.name);
    const wanted = visitor?.wants(e) ?? false;
    let carry: Buffer = Buffer.alloc(0);
    for await (const chunk of inflateEntry(src, e, limits)) {
      actualTotal += chunk.length;
      if (actualTotal > limits.maxUnzippedBytes) throw bomb(`dữ liệu giải nén vượt quá ${mb(limits.maxUnzippedBytes)}`);
      if (scanXml) {
        const window = carry.length ? Buffer.concat([carry, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
        if (window.includes(DOCTYPE) || window.includes(ENTITY)) {
          throw new FileRejectedError(
            'xml-dtd',
            `Tệp chứa khai báo DOCTYPE/ENTITY trong phần "${e.name}" — Excel không tạo ra khai báo này và nó có thể dùng để gây quá tải. Hãy mở tệp bằng Excel, lưu lại thành .xlsx rồi tải lên lại.`,
          );
        }
        carry = Buffer.from(window.subarray(Math.max(0, window.length - 16)));
      }
      if (wanted) visitor!.chunk(e, chunk);
    }
  }
}
