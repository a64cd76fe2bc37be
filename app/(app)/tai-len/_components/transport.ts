/**
 * Browser side of the upload protocol: a POST whose answer is NDJSON (progress lines, then a
 * result line). XMLHttpRequest, because fetch cannot report upload progress.
 */
export type ServerEvent =
  | { type: 'progress'; phase: 'read' | 'validate' | 'load'; done: number; total?: number }
  | { type: 'result'; upload: unknown }
  | { type: 'error'; message: string };

interface PostOptions {
  url: string;
  body: Blob | string;
  headers?: Record<string, string>;
  onUploadProgress?: (ratio: number) => void;
  onEvent: (e: ServerEvent) => void;
}

/** Resolves when the answer is complete; rejects with a Vietnamese message on HTTP or network errors. */
export function postNdjson({ url, body, headers, onUploadProgress, onEvent }: PostOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    for (const [k, v] of Object.entries(headers ?? {})) xhr.setRequestHeader(k, v);
    let consumed = 0;
    const drain = (final: boolean) => {
      if (xhr.status !== 200) return;
      const text = xhr.responseText;
      let nl: number;
      while ((nl = text.indexOf('\n', consumed)) !== -1) {
        const line = text.slice(consumed, nl).trim();
        consumed = nl + 1;
        if (line) onEvent(JSON.parse(line) as ServerEvent);
      }
      if (final && consumed < text.length && text.slice(consumed).trim()) onEvent(JSON.parse(text.slice(consumed)) as ServerEvent);
    };
    if (onUploadProgress) {
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onUploadProgress(e.loaded / e.total);
      };
      xhr.upload.onload = () => onUploadProgress(1);
    }
    xhr.onprogress = () => drain(false);
    xhr.onload = () => {
      if (xhr.status === 200) {
        try {
          drain(true);
          resolve();
        } catch {
          reject(new Error('Máy chủ trả lời không đúng định dạng. Hãy thử lại.'));
        }
        return;
      }
      let message = `Máy chủ từ chối yêu cầu (mã ${xhr.status}).`;
      try {
        const j = JSON.parse(xhr.responseText) as { error?: string };
        if (j.error) message = j.error;
      } catch {
        /* keep the generic message */
      }
      if (xhr.status === 401) message = 'Phiên đăng nhập đã hết hạn. Hãy tải lại trang và đăng nhập lại.';
      reject(new Error(message));
    };
    xhr.onerror = () => reject(new Error('Mất kết nối tới máy chủ khi đang gửi tệp. Hãy kiểm tra mạng rồi thử lại.'));
    xhr.onabort = () => reject(new Error('Đã hủy tải lên.'));
    xhr.send(body);
  });
}
