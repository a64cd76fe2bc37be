/**
 * DuckDB's own CSV reader for the body of a large plain UTF-8 CSV: the reader of csv.ts parses
 * in JS at ~150k rows/s, DuckDB several times faster. It is used only where both readers must give
 * the same records with the same row numbers; anything else is left to csv.ts, which also gives
 * the precise Vietnamese message for a broken file.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Cell } from '@/lib/import/types';
import type { ImportLimits } from '@/lib/env';
import { fieldCells, type BulkCsv } from './csv';
import { openByteSource } from './zip';

const LF = 10;
const CR = 13;
const QUOTE = 34;

/**
 * Reads the file once (1 MB at a time) and tells whether DuckDB and csv.ts read it alike: no NUL
 * byte, no empty line before more data (DuckDB drops empty lines, csv.ts counts them in row
 * numbers), every CR followed by LF, and every quote well formed — opening a field and closing
 * it right before a delimiter or a line end, with no line break inside. Anything else goes to
 * csv.ts, which refuses it with a precise message or reads it exactly. `fields` is the widest
 * record's field count.
 */
export async function scanCsv(path: string, delimiter: string): Promise<{ regular: boolean; fields: number }> {
  const scanner = new CsvShapeScanner(delimiter.charCodeAt(0));
  const src = await openByteSource({ path });
  try {
    for await (const chunk of src.chunks()) if (!scanner.feed(chunk)) break;
  } finally {
    await src.close();
  }
  return scanner.finish();
}

const OUT = 0; // outside quotes
const IN = 1; // inside a quoted field
const IN_QUOTE = 2; // a quote inside a quoted field: "" or the end of the field
const AFTER_CR = 3; // a CR outside quotes: LF must follow

/** The byte-level state machine of scanCsv; state carries across chunks. */
class CsvShapeScanner {
  private state = OUT;
  private fields = 1;
  private widest = 0;
  private lineStart = true;
  private fieldStart = true;
  private blank = false; // an empty line was seen: only line ends may follow
  private irregular = false;
  private atStart = true;

  constructor(private readonly d: number) {}

  /** Feeds a chunk; false once the file is known to be irregular. */
  feed(b: Uint8Array): boolean {
    const n = b.length;
    let i = this.skipBom(b);
    while (i < n) {
      // Runs of plain text are skipped in a tight loop; every other byte is one step.
      if (this.state === OUT) i = this.skipText(b, i);
      else if (this.state === IN) i = this.skipQuotedText(b, i);
      if (i === n) break;
      if (!this.step(b[i])) {
        this.irregular = true;
        return false;
      }
      i++;
    }
    return true;
  }

  private skipBom(b: Uint8Array): number {
    if (!this.atStart) return 0;
    this.atStart = false;
    return b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  }

  /** Unquoted text: most bytes (every byte of a multi-byte UTF-8 character is ≥ 0x80). */
  private skipText(b: Uint8Array, from: number): number {
    // After an empty line, text is refused by `outside`.
    if (this.blank) return from;
    const d = this.d;
    const n = b.length;
    let i = from;
    while (i < n && b[i] > QUOTE && b[i] !== d) i++;
    if (i > from) {
      this.fieldStart = false;
      this.lineStart = false;
    }
    return i;
  }

  /** Text inside a quoted field: anything but a quote, a line break or a NUL. */
  private skipQuotedText(b: Uint8Array, from: number): number {
    const n = b.length;
    let i = from;
    for (; i < n; i++) {
      const c = b[i];
      if (c === QUOTE || c === LF || c === CR || c === 0) break;
    }
    return i;
  }

  /** One byte in the current state; false when it makes the file irregular. */
  private step(c: number): boolean {
    if (this.state === OUT) return this.outside(c);
    if (this.state === IN) return this.inQuotes(c);
    if (this.state === IN_QUOTE) return this.afterQuote(c);
    return this.afterCr(c);
  }

  private outside(c: number): boolean {
    const d = this.d;
    if (c > QUOTE && c !== d) {
      if (this.blank) return false;
      this.fieldStart = false;
      this.lineStart = false;
    } else if (c === LF) this.endLine();
    else if (c === CR) this.state = AFTER_CR;
    else if (this.blank || c === 0 || (c === QUOTE && !this.fieldStart)) {
      return false; // data after an empty line, a NUL, or a quote inside an unquoted field
    } else if (c === QUOTE) {
      this.state = IN;
      this.lineStart = false;
    } else if (c === d) {
      this.fields++;
      this.fieldStart = true;
      this.lineStart = false;
    } else {
      this.fieldStart = false;
      this.lineStart = false;
    }
    return true;
  }

  private inQuotes(c: number): boolean {
    if (c === QUOTE) this.state = IN_QUOTE;
    else if (c === LF || c === CR || c === 0) return false; // a line break inside a cell: csv.ts
    return true;
  }

  /** A quote inside a quoted field: "" or the end of the field. */
  private afterQuote(c: number): boolean {
    if (c === QUOTE) this.state = IN;
    else if (c === this.d) {
      this.state = OUT;
      this.fields++;
      this.fieldStart = true;
    } else if (c === LF) {
      this.state = OUT;
      this.endLine();
    } else if (c === CR) this.state = AFTER_CR;
    else return false; // text after a closing quote
    return true;
  }

  private afterCr(c: number): boolean {
    if (c !== LF) return false; // a lone CR
    this.state = OUT;
    this.endLine();
    return true;
  }

  /** A line end outside quotes: an empty line, or a record whose fields are counted. */
  private endLine(): void {
    if (this.lineStart) this.blank = true;
    else if (this.fields > this.widest) this.widest = this.fields;
    this.fields = 1;
    this.fieldStart = true;
    this.lineStart = true;
  }

  finish(): { regular: boolean; fields: number } {
    // A quote still open (csv.ts names its row) or a CR as the very last byte: csv.ts.
    if (this.irregular || this.state === IN || this.state === AFTER_CR) return { regular: false, fields: 0 };
    const widest = this.lineStart ? this.widest : Math.max(this.widest, this.fields);
    return { regular: true, fields: widest };
  }
}

/**
 * Loads the file into a temporary table `table` (c0 … c{width-1}, VARCHAR, empty as NULL or '')
 * whose rowid + 1 is the row number csv.ts gives. Returns false when DuckDB refuses the file
 * (invalid UTF-8, a line too long): csv.ts then reads it.
 */
export async function loadCsvTable(conn: DuckDBConnection, bulk: BulkCsv, table: string, width: number): Promise<boolean> {
  const columns = Array.from({ length: width }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  try {
    // Insertion order is preserved (DuckDB's default), also by the parallel reader, so rowid + 1
    // is the row number. The parallel reader refuses null padding when a quoted cell holds a line
    // break; the scan sends such files to csv.ts anyway, and any error here does the same.
    await conn.run(
      `CREATE OR REPLACE TEMP TABLE ${table} AS
       SELECT * FROM read_csv($path, header = false, auto_detect = false, delim = $delim, quote = '"', escape = '"',
                              comment = '', strict_mode = false, null_padding = true, parallel = true, columns = {${columns}})`,
      { path: bulk.path, delim: bulk.delimiter },
    );
    return true;
  } catch {
    await conn.run(`DROP TABLE IF EXISTS temp.${table}`);
    return false;
  }
}

/**
 * Checks the loaded table against the row and cell limits csv.ts enforces. Returns its row count,
 * or null to send the file back to csv.ts.
 */
export async function withinLimits(conn: DuckDBConnection, table: string, width: number, limits: ImportLimits): Promise<number | null> {
  // Bytes, not characters: never fewer than the UTF-16 code units csv.ts counts.
  const longest = Array.from({ length: width }, (_, i) => `coalesce(max(strlen(c${i})), 0)`).join(', ');
  const r = await conn.runAndReadAll(`SELECT count(*)::BIGINT AS n, ${width > 1 ? `greatest(${longest})` : longest}::BIGINT AS longest FROM ${table}`);
  const [n, longestCell] = r.getRows()[0].map(Number);
  return n <= limits.maxRows && longestCell <= limits.maxCellChars ? n : null;
}

/**
 * A DuckDB row's cells as csv.ts gives them (NULL is an empty field). No value holds a CR:
 * scanCsv sends files with line breaks inside cells to csv.ts.
 */
export function cellsFromTable(values: readonly (string | null)[]): Cell[] {
  return fieldCells(values.map((v) => v ?? ''));
}
