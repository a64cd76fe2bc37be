/**
 * A streamed answer of one JSON object per line: progress events while the file is parsed and
 * loaded, then the result. The browser reads it as it arrives (XMLHttpRequest onprogress).
 */
export type UploadEvent =
  | { type: 'progress'; phase: 'read' | 'validate' | 'load'; done: number; total?: number }
  | { type: 'result'; upload: unknown }
  | { type: 'error'; message: string };

export function ndjsonResponse(run: (emit: (e: UploadEvent) => void) => Promise<void>): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      const emit = (e: UploadEvent) => {
        if (!closed) controller.enqueue(encoder.encode(`${JSON.stringify(e)}\n`));
      };
      try {
        await run(emit);
      } catch (err) {
        console.error('upload stream failed', err);
        emit({ type: 'error', message: `Lỗi khi xử lý tệp trên máy chủ: ${(err as Error)?.message ?? String(err)}. Hãy thử lại; nếu vẫn lỗi, báo quản trị viên.` });
      } finally {
        closed = true;
        controller.close();
      }
    },
  });
  return new Response(stream, {
    status: 200,
    headers: {
      'Content-Type': 'application/x-ndjson; charset=utf-8',
      // no-transform keeps the compression middleware from buffering the stream.
      'Cache-Control': 'no-store, no-transform',
      'X-Accel-Buffering': 'no',
    },
  });
}

/** Forwards pipeline progress at most every `ms` milliseconds (and always the first of a phase). */
export function throttledProgress(emit: (e: UploadEvent) => void, ms = 250) {
  let last = 0;
  let lastPhase = '';
  return (p: { phase: 'read' | 'validate' | 'load'; done: number; total?: number }) => {
    const now = Date.now();
    if (p.phase !== lastPhase || now - last >= ms) {
      last = now;
      lastPhase = p.phase;
      emit({ type: 'progress', ...p });
    }
  };
}
