/**
 * Worker thread entry (built to dist/read-worker.js): opens one file with the reader and streams
 * the rows the import asks for, never more than BLOCKS_AHEAD blocks ahead of it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RawRow } from '@/lib/import/types';
import { readSpreadsheet, type OpenedFile } from './open';
import { BLOCK_CHARS, BLOCK_ROWS, BLOCKS_AHEAD, type FromWorker, type SerialError, type ToWorker, type WorkerInput } from './worker-protocol';

const port = parentPort!;
const post = (m: FromWorker) => port.postMessage(m);

function serial(err: unknown): SerialError {
  const e = err as Error & { code?: unknown; row?: unknown };
  return {
    name: e?.name ?? 'Error',
    message: e?.message ?? String(err),
    code: typeof e?.code === 'string' ? e.code : undefined,
    row: typeof e?.row === 'number' ? e.row : null,
  };
}

/** Rough size of a row's text, to keep blocks small when cells are long. */
function rowChars(r: RawRow): number {
  let n = 8;
  for (const c of r.cells) n += typeof c === 'string' ? c.length : 8;
  return n;
}

class Stream {
  private credit = BLOCKS_AHEAD;
  private wake: (() => void) | null = null;
  closed = false;

  constructor(
    private readonly id: number,
    private readonly iterator: AsyncIterator<RawRow>,
  ) {}

  more(): void {
    this.credit++;
    this.wake?.();
  }

  close(): void {
    this.closed = true;
    this.wake?.();
  }

  async run(file: OpenedFile): Promise<void> {
    try {
      let done = false;
      while (!done && !this.closed) {
        if (this.credit === 0) {
          await new Promise<void>((resolve) => (this.wake = resolve));
          this.wake = null;
          continue;
        }
        const rows: RawRow[] = [];
        let chars = 0;
        while (rows.length < BLOCK_ROWS && chars < BLOCK_CHARS) {
          const r = await this.iterator.next();
          if (r.done) {
            done = true;
            break;
          }
          rows.push(r.value);
          chars += rowChars(r.value);
        }
        if (rows.length) {
          this.credit--;
          post({ t: 'block', id: this.id, rows });
        }
      }
      if (done) post({ t: 'end', id: this.id, encoding: file.encoding, notes: file.notes });
      else await this.iterator.return?.();
    } catch (err) {
      post({ t: 'error', id: this.id, error: serial(err) });
    }
  }
}

async function main(): Promise<void> {
  const { input, fileName, limits } = workerData as WorkerInput;
  let file: OpenedFile;
  try {
    file = await readSpreadsheet(input, fileName, limits);
  } catch (err) {
    post({ t: 'error', id: null, error: serial(err) });
    return;
  }
  post({
    t: 'opened',
    file: { format: file.format, sheets: file.sheets.map((s) => ({ name: s.name, hidden: s.hidden })), encoding: file.encoding, delimiter: file.delimiter, notes: file.notes, bulk: file.bulk },
  });
  const streams = new Map<number, Stream>();
  port.on('message', (m: ToWorker) => {
    if (m.t === 'rows') {
      const sheet = file.sheets[m.sheet];
      let iterator: AsyncIterator<RawRow>;
      try {
        iterator = sheet.rows()[Symbol.asyncIterator]();
      } catch (err) {
        post({ t: 'error', id: m.id, error: serial(err) });
        return;
      }
      const s = new Stream(m.id, iterator);
      streams.set(m.id, s);
      void s.run(file).finally(() => streams.delete(m.id));
    } else if (m.t === 'more') streams.get(m.id)?.more();
    else if (m.t === 'close') streams.get(m.id)?.close();
  });
}

void main();
