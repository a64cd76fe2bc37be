/**
 * The reader behind a wall: each file is parsed in its own worker thread with a heap limit
 * (`resourceLimits`) and a time budget, so a hostile or broken file can neither block the event
 * loop that serves every page nor take the server's memory. Past either bound the worker is
 * stopped and the file refused with a Vietnamese verdict. Rows stream back in blocks, at most
 * BLOCKS_AHEAD blocks ahead of the import.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RawRow } from '@/lib/import/types';
import type { ImportLimits, ParseLimits } from '@/lib/env';
import { FileRejectedError } from './errors';
import type { OpenedFile, SheetSource } from './open';
import type { FromWorker, OpenedInfo, SerialError, ToWorker, WorkerInput } from './worker-protocol';
import type { SourceInput } from './zip';

/** Built ahead of time by scripts/build-node.mjs; found at run time, never bundled (the path is computed). */
function workerFile(): string {
  return path.join(process.cwd(), 'dist', 'read-worker.js');
}

type Waiter = { resolve: (m: FromWorker) => void; reject: (e: Error) => void };

const mb = (n: number) => n.toLocaleString('vi-VN');

function timeoutVerdict(fileName: string, limits: ParseLimits): FileRejectedError {
  return new FileRejectedError(
    'parse-timeout',
    `Đọc tệp «${fileName}» mất quá ${mb(Math.round(limits.timeoutMs / 1000))} giây nên đã dừng lại; không có dữ liệu nào được ghi. Tệp có thể bị hỏng hoặc được tạo bất thường (ví dụ vùng gộp ô chồng chéo, thẻ XML quá dài). Hãy mở tệp bằng Excel, lưu lại thành .xlsx (hoặc xuất ra "CSV UTF-8") rồi tải lên lại; nếu tệp rất lớn, hãy chia thành nhiều tệp nhỏ hơn.`,
  );
}

function memoryVerdict(fileName: string, limits: ParseLimits): FileRejectedError {
  return new FileRejectedError(
    'parse-memory',
    `Đọc tệp «${fileName}» cần nhiều hơn ${mb(limits.memoryMb)} MB bộ nhớ nên đã dừng lại; không có dữ liệu nào được ghi. Hãy xóa các trang, cột và định dạng thừa hoặc chia tệp thành nhiều tệp nhỏ hơn, lưu lại rồi tải lên lại.`,
  );
}

function revive(e: SerialError): Error {
  if (e.name === 'FileRejectedError') return new FileRejectedError(e.code ?? 'file_rejected', e.message, e.row ?? null);
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}

/** One worker and its messages: a queue per stream, and the time budget spent while waiting on it. */
class ParseWorker {
  private readonly worker: Worker;
  private readonly queues = new Map<number | null, FromWorker[]>();
  private readonly waiters = new Map<number | null, Waiter>();
  private failure: Error | null = null;
  private budgetMs: number;
  private nextId = 1;

  constructor(
    job: WorkerInput,
    private readonly limits: ParseLimits,
  ) {
    this.budgetMs = limits.timeoutMs;
    const file = workerFile();
    if (!fs.existsSync(file)) throw new Error(`Thiếu ${file}: hãy chạy «npm run build:node» (npm ci chạy sẵn bước này).`);
    this.worker = new Worker(file, {
      workerData: job,
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
      stdout: false,
      stderr: false,
    });
    this.worker.unref();
    this.worker.on('message', (m: FromWorker) => this.deliver(m.t === 'opened' ? null : m.id, m));
    this.worker.on('error', (err: Error & { code?: string }) => {
      this.fail(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? memoryVerdict(job.fileName, limits) : err);
    });
    this.worker.on('exit', () => this.fail(this.failure ?? new Error('Tiến trình đọc tệp đã dừng.')));
  }

  private deliver(id: number | null, m: FromWorker): void {
    const w = this.waiters.get(id);
    if (w) {
      this.waiters.delete(id);
      w.resolve(m);
    } else {
      const q = this.queues.get(id) ?? [];
      q.push(m);
      this.queues.set(id, q);
    }
  }

  private fail(err: Error): void {
    if (!this.failure) this.failure = err;
    for (const w of this.waiters.values()) w.reject(this.failure);
    this.waiters.clear();
  }

  /** The next message of a stream (null: the opening), within what is left of the time budget. */
  async next(id: number | null, fileName: string): Promise<FromWorker> {
    const queued = this.queues.get(id)?.shift();
    if (queued) return queued;
    if (this.failure) throw this.failure;
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      return await new Promise<FromWorker>((resolve, reject) => {
        this.waiters.set(id, { resolve, reject });
        timer = setTimeout(() => {
          this.fail(timeoutVerdict(fileName, this.limits));
          void this.worker.terminate();
        }, Math.max(0, this.budgetMs));
      });
    } finally {
      clearTimeout(timer);
      this.budgetMs -= Date.now() - started;
    }
  }

  send(m: ToWorker): void {
    if (!this.failure) this.worker.postMessage(m);
  }

  newStream(): number {
    return this.nextId++;
  }

  async close(): Promise<void> {
    this.fail(new Error('Tệp đã được đóng.'));
    await this.worker.terminate();
  }
}

async function* streamRows(w: ParseWorker, sheet: number, fileName: string, info: OpenedInfo): AsyncGenerator<RawRow> {
  const id = w.newStream();
  w.send({ t: 'rows', id, sheet });
  let finished = false;
  try {
    for (;;) {
      const m = await w.next(id, fileName);
      if (m.t === 'error') throw revive(m.error);
      if (m.t === 'end') {
        finished = true;
        // A CSV's encoding may be settled only once its rows were read: the notes follow.
        info.encoding = m.encoding;
        for (const n of m.notes) if (!info.notes.includes(n)) info.notes.push(n);
        return;
      }
      if (m.t !== 'block') continue;
      w.send({ t: 'more', id });
      yield* m.rows;
    }
  } finally {
    if (!finished) w.send({ t: 'close', id });
  }
}

/**
 * Opens a file in a worker thread; the sheets stream their rows from it. The caller closes the
 * file when done (`close()`); the worker never keeps the process alive.
 */
export async function openIsolated(input: SourceInput, fileName: string, limits: ImportLimits, parse: ParseLimits): Promise<OpenedFile> {
  const w = new ParseWorker({ input, fileName, limits }, parse);
  let m: FromWorker;
  try {
    m = await w.next(null, fileName);
  } catch (err) {
    await w.close();
    throw err;
  }
  if (m.t === 'error' || m.t !== 'opened') {
    await w.close();
    throw m.t === 'error' ? revive(m.error) : new Error('Tiến trình đọc tệp trả lời sai thứ tự.');
  }
  const info = m.file;
  const sheets: SheetSource[] = info.sheets.map((s, i) => ({ name: s.name, hidden: s.hidden, rows: () => streamRows(w, i, fileName, info) }));
  return {
    format: info.format,
    sheets,
    get encoding() {
      return info.encoding;
    },
    delimiter: info.delimiter,
    notes: info.notes,
    bulk: info.bulk,
    close: () => w.close(),
  };
}
