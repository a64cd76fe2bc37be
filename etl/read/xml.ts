/**
 * A minimal streaming XML tokenizer for the SpreadsheetML parts we read (workbook, rels,
 * styles, shared strings, worksheets). It never expands entities beyond the five predefined
 * ones and numeric references, and refuses any DTD, so entity tricks cannot blow it up.
 * Element names lose their namespace prefix ("x:c" → "c").
 */
import { FileRejectedError } from './errors';

export interface XmlHandler {
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
  text(raw: string): void;
}

/** Longest piece of markup we accept without a closing '>' (a single tag or comment). */
const MAX_TAG_CHARS = 1024 * 1024;
/** Longest run of text between two tags we buffer (Excel caps a cell at 32,767 characters). */
const MAX_TEXT_CHARS = 4 * 1024 * 1024;

export class XmlScanner {
  private buf = '';
  /**
   * Markup or text left incomplete at the end of a chunk waits at buf[0]. `resume` is how far it
   * was already searched and `quote` the attribute quote open there, so the next chunk carries on
   * instead of searching it again (every byte is looked at a bounded number of times).
   */
  private resume = 0;
  private quote = 0;

  constructor(private readonly h: XmlHandler, private readonly part: string) {}

  feed(s: string): void {
    const buf = this.buf.length ? this.buf + s : s;
    const n = buf.length;
    let pos = 0;
    let pending = false;
    while (pos < n) {
      const from = pos === 0 ? this.resume : 0;
      if (buf.charCodeAt(pos) !== 60 /* < */) {
        const lt = buf.indexOf('<', pos + from);
        if (lt === -1) {
          pending = this.hold(n - pos, 0); // text continues in the next chunk
          break;
        }
        this.h.text(eol(buf.slice(pos, lt)));
        pos = lt;
        this.resume = 0;
        continue;
      }
      const end = this.markup(buf, pos, pos === 0 ? this.resume : 0);
      if (end === -1) {
        pending = true;
        break;
      }
      pos = end;
      this.resume = 0;
      this.quote = 0;
    }
    if (!pending) this.resume = this.quote = 0;
    this.buf = pos >= n ? '' : buf.slice(pos);
    if (this.buf.length > MAX_TAG_CHARS && this.buf.charCodeAt(0) === 60) {
      throw new FileRejectedError('corrupt', `Phần "${this.part}" của tệp có thẻ XML không đóng. Tệp bị hỏng; hãy mở bằng Excel, lưu lại thành .xlsx rồi tải lên lại.`);
    }
    if (this.buf.length > MAX_TEXT_CHARS) {
      throw new FileRejectedError(
        'cell-too-long',
        `Phần "${this.part}" của tệp có một đoạn văn bản dài hơn ${MAX_TEXT_CHARS.toLocaleString('vi-VN')} ký tự — không ô nào dài như vậy. Hãy kiểm tra tệp, lưu lại thành .xlsx rồi tải lên lại.`,
      );
    }
  }

  private hold(searched: number, quote: number): true {
    this.resume = searched;
    this.quote = quote;
    return true;
  }

  private held(searched: number): -1 {
    this.hold(searched, 0);
    return -1;
  }

  /**
   * The markup starting at `lt` ('<'), already searched up to lt + `from`: handled, and the index
   * after it returned; -1 when it ends in a later chunk.
   */
  private markup(buf: string, lt: number, from: number): number {
    const n = buf.length;
    const c1 = buf.charCodeAt(lt + 1);
    if (Number.isNaN(c1)) return this.held(0);
    if (c1 === 33 /* ! */) {
      if (buf.startsWith('<!--', lt)) return this.until(buf, lt, '-->', 4, from);
      if (buf.startsWith('<![CDATA[', lt)) {
        const end = this.until(buf, lt, ']]>', 9, from);
        if (end !== -1) this.h.text(escapeText(eol(buf.slice(lt + 9, end - 3))));
        return end;
      }
      if (n - lt < 9) return this.held(0);
      throw dtd(this.part);
    }
    if (c1 === 63 /* ? */) return this.until(buf, lt, '?>', 2, from);
    // The closing '>' is the first one outside a quoted attribute value.
    let q = from > 0 ? this.quote : 0;
    let gt = -1;
    for (let i = lt + Math.max(1, from); i < n; i++) {
      const c = buf.charCodeAt(i);
      if (q !== 0) {
        if (c === q) q = 0;
      } else if (c === 62 /* > */) {
        gt = i;
        break;
      } else if (c === 34 || c === 39) q = c;
    }
    if (gt === -1) {
      this.hold(n - lt, q);
      return -1;
    }
    if (c1 === 47 /* / */) {
      this.h.close(localName(buf.slice(lt + 2, gt).trim()));
    } else {
      const selfClosing = buf.charCodeAt(gt - 1) === 47;
      const inner = buf.slice(lt + 1, selfClosing ? gt - 1 : gt);
      let sp = 0;
      while (sp < inner.length && !isSpace(inner.charCodeAt(sp))) sp++;
      this.h.open(localName(inner.slice(0, sp)), inner.slice(sp), selfClosing);
    }
    return gt + 1;
  }

  /** End of a comment, CDATA section or processing instruction (after `close`), or -1 (held). */
  private until(buf: string, lt: number, close: string, open: number, from: number): number {
    const end = buf.indexOf(close, lt + Math.max(open, from - close.length + 1));
    if (end === -1) return this.held(buf.length - lt);
    return end + close.length;
  }

  end(): void {
    if (this.buf.trim().length) this.h.text(eol(this.buf));
    this.buf = '';
    this.resume = this.quote = 0;
  }
}

function dtd(part: string) {
  return new FileRejectedError(
    'xml-dtd',
    `Tệp chứa khai báo DOCTYPE/ENTITY trong phần "${part}" — Excel không tạo ra khai báo này và nó có thể dùng để gây quá tải. Hãy mở tệp bằng Excel, lưu lại thành .xlsx rồi tải lên lại.`,
  );
}

/** XML parsers turn literal CR LF and CR into LF (XML 1.0 §2.11); &#13; survives as CR. */
function eol(s: string): string {
  return s.indexOf('\r') === -1 ? s : s.replace(/\r\n?/g, '\n');
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function localName(qname: string): string {
  const i = qname.indexOf(':');
  return i === -1 ? qname : qname.slice(i + 1);
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

/** Value of one attribute in a raw attribute string (decoded), or undefined. */
export function attr(raw: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const i = raw.indexOf(name, from);
    if (i === -1) return undefined;
    from = i + name.length;
    const before = i === 0 ? 32 : raw.charCodeAt(i - 1);
    if (!isSpace(before) && before !== 58 /* : prefix */) continue;
    let j = i + name.length;
    while (isSpace(raw.charCodeAt(j))) j++;
    if (raw.charCodeAt(j) !== 61 /* = */) continue;
    j++;
    while (isSpace(raw.charCodeAt(j))) j++;
    const q = raw.charCodeAt(j);
    if (q !== 34 && q !== 39) return undefined;
    const end = raw.indexOf(String.fromCharCode(q), j + 1);
    if (end === -1) return undefined;
    return decodeXml(raw.slice(j + 1, end));
  }
}

/** Only the predefined entities and numeric references; anything else is kept as written. */
export function decodeXml(s: string): string {
  if (s.indexOf('&') === -1) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (_m, e: string) => {
    switch (e) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
    }
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/** Excel escapes control characters in strings as _xHHHH_ (ST_Xstring). */
export function decodeExcelEscapes(s: string): string {
  if (s.indexOf('_x') === -1) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}
