'use client';

import { useCallback, useRef, useState } from 'react';
import type { Dataset } from '@/lib/domain';
import type { UploadView } from '@/lib/upload/run-import';
import { api } from '@/lib/routes';
import { sha256OfFile } from './sha256';
import { postNdjson, type ServerEvent } from './transport';
import { EntryCard, formatBytes, type Entry } from './entry-card';

export interface UploadClientProps {
  maxFileBytes: number;
  /** Uploads already staged on the server to show at once (re-import of a kept original). */
  initial?: UploadView[];
  fieldsByDataset: Record<Dataset, { field: string; label: string }[]>;
}

export function UploadClient({ maxFileBytes, fieldsByDataset, initial = [] }: UploadClientProps) {
  const [entries, setEntries] = useState<Entry[]>(() =>
    initial.map((u) => ({
      key: u.uploadId,
      fileName: u.fileName,
      fileSize: u.fileSize,
      stage: u.status === 'loaded' ? 'loaded' : 'ready',
      transfer: 1,
      work: null,
      upload: u,
      error: null,
      choices: u.choices ?? {},
    })),
  );
  const [dragOver, setDragOver] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());

  const patch = useCallback((key: string, p: Partial<Entry> | ((e: Entry) => Partial<Entry>)) => {
    setEntries((list) => list.map((e) => (e.key === key ? { ...e, ...(typeof p === 'function' ? p(e) : p) } : e)));
  }, []);

  const onEvent = useCallback(
    (key: string) => (ev: ServerEvent) => {
      if (ev.type === 'progress') patch(key, { work: { phase: ev.phase, done: ev.done, total: ev.total } });
      else if (ev.type === 'error') patch(key, { stage: 'failed', error: ev.message });
      else {
        const upload = ev.upload as UploadView;
        patch(key, {
          upload,
          work: null,
          stage: upload.status === 'loaded' ? 'loaded' : 'ready',
          choices: upload.choices ?? {},
        });
      }
    },
    [patch],
  );

  const send = useCallback(
    async (entry: Entry) => {
      const { key, file } = entry;
      if (!file) return;
      if (file.size > maxFileBytes) {
        patch(key, { stage: 'failed', error: `Tệp lớn ${formatBytes(file.size)}, vượt giới hạn ${formatBytes(maxFileBytes)}. Hãy tách tệp thành nhiều tệp nhỏ hơn.` });
        return;
      }
      if (file.size === 0) {
        patch(key, { stage: 'failed', error: 'Tệp rỗng (0 byte). Hãy kiểm tra lại tệp.' });
        return;
      }
      try {
        patch(key, { stage: 'hashing' });
        const sha = await sha256OfFile(file);
        patch(key, { stage: 'uploading', transfer: 0 });
        await postNdjson({
          url: api.upload,
          body: file,
          headers: { 'X-File-Name': encodeURIComponent(file.name), 'X-Content-Sha256': sha, 'Content-Type': 'application/octet-stream' },
          onUploadProgress: (r) => patch(key, (e) => ({ transfer: r, stage: r >= 1 && e.stage === 'uploading' ? 'checking' : e.stage })),
          onEvent: onEvent(key),
        });
      } catch (err) {
        patch(key, { stage: 'failed', error: (err as Error).message });
      }
    },
    [maxFileBytes, onEvent, patch],
  );

  const addFiles = useCallback(
    (files: FileList | File[]) => {
      const fresh: Entry[] = Array.from(files).map((file) => ({
        key: `${file.name}-${file.size}-${file.lastModified}-${Math.random().toString(36).slice(2)}`,
        file,
        fileName: file.name,
        fileSize: file.size,
        stage: 'waiting',
        transfer: 0,
        work: null,
        upload: null,
        error: null,
        choices: {},
      }));
      setEntries((list) => [...fresh, ...list]);
      // One file at a time: the server parses them in turn anyway, and progress stays readable.
      for (const e of fresh) queue.current = queue.current.then(() => send(e));
    },
    [send],
  );

  const rerun = useCallback(
    async (entry: Entry, mode: 'preview' | 'confirm') => {
      if (!entry.upload) return;
      patch(entry.key, { stage: mode === 'confirm' ? 'confirming' : 'checking', work: null, error: null });
      try {
        await postNdjson({
          url: mode === 'confirm' ? api.uploadConfirm(entry.upload.uploadId) : api.uploadPreview(entry.upload.uploadId),
          body: JSON.stringify(entry.choices),
          headers: { 'Content-Type': 'application/json' },
          onEvent: onEvent(entry.key),
        });
      } catch (err) {
        patch(entry.key, { stage: 'ready', error: (err as Error).message });
      }
    },
    [onEvent, patch],
  );

  return (
    <div>
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragOver(true);
        }}
        onDragLeave={() => setDragOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragOver(false);
          if (e.dataTransfer.files.length) addFiles(e.dataTransfer.files);
        }}
        className={`flex flex-col items-center justify-center rounded-tremor-default border-2 border-dashed px-6 py-10 text-center transition ${
          dragOver ? 'border-blue-500 bg-blue-50' : 'border-gray-300 bg-white'
        }`}
      >
        <p className="text-base font-medium text-tremor-content-strong">Kéo và thả tệp vào đây</p>
        <p className="mt-1 text-sm text-tremor-content">hoặc</p>
        <button
          type="button"
          onClick={() => inputRef.current?.click()}
          className="mt-2 rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white hover:bg-blue-700 focus:outline-none focus:ring-2 focus:ring-blue-500 focus:ring-offset-2"
        >
          Chọn tệp từ máy tính
        </button>
        <input
          ref={inputRef}
          type="file"
          multiple
          accept=".xlsx,.xlsm,.xls,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          className="sr-only"
          data-testid="file-input"
          aria-label="Chọn tệp để tải lên"
          onChange={(e) => {
            if (e.target.files?.length) addFiles(e.target.files);
            e.target.value = '';
          }}
        />
        <p className="mt-3 text-xs text-tremor-content">
          Excel (.xlsx) hoặc CSV, tối đa <strong>{formatBytes(maxFileBytes)}</strong> mỗi tệp; có thể chọn nhiều tệp. Chưa có gì được ghi cho tới khi bạn bấm «Xác nhận nhập».
        </p>
      </div>

      <ul className="mt-6 space-y-4">
        {entries.map((e) => (
          <EntryCard
            key={e.key}
            entry={e}
            fieldsByDataset={fieldsByDataset}
            onChoices={(c) => patch(e.key, { choices: c })}
            onRecheck={() => rerun(e, 'preview')}
            onConfirm={() => rerun(e, 'confirm')}
            onRemove={() => setEntries((list) => list.filter((x) => x.key !== e.key))}
          />
        ))}
      </ul>
    </div>
  );
}

