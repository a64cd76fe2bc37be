'use client';

import { useCallback, useRef, useState } from 'react';
import type { Dataset } from '@/lib/domain';
import {
  AWARD_KIND_LABELS,
  AWARD_LEVEL_LABELS,
  CHANNEL_LABELS,
  EXEMPLAR_KIND_LABELS,
  CRITERION_KIND_LABELS,
  DATASET_LABELS,
  DATASETS,
  RECIPIENT_TYPE_LABELS,
  UNIT_KIND_LABELS,
} from '@/lib/domain';
import { formatDate, formatNumber } from '@/lib/format';
import { previewLabel } from '@/lib/datasets';
import type { ImportIssue } from '@/etl/types';
import type { UploadView } from '@/lib/upload/run-import';
import type { ImportChoices } from '@/lib/upload/choices';
import { sha256OfFile } from './sha256';
import { postNdjson, type ServerEvent } from './transport';
import { IssueGroups, UnitReadings } from './unit-names';

type Stage = 'waiting' | 'hashing' | 'uploading' | 'checking' | 'ready' | 'confirming' | 'loaded' | 'failed';

interface Entry {
  key: string;
  /** The chosen file; absent for an upload staged on the server (re-import of a kept original). */
  file?: File;
  fileName: string;
  fileSize: number;
  stage: Stage;
  transfer: number;
  work: { phase: 'read' | 'validate' | 'load'; done: number; total?: number } | null;
  upload: UploadView | null;
  error: string | null;
  choices: ImportChoices;
}

export interface UploadClientProps {
  maxFileBytes: number;
  /** Uploads already staged on the server to show at once (re-import of a kept original). */
  initial?: UploadView[];
  fieldsByDataset: Record<Dataset, { field: string; label: string }[]>;
}

const PHASE_LABELS = { read: 'Đang đọc tệp', validate: 'Đang kiểm tra dữ liệu', load: 'Đang nạp vào cơ sở dữ liệu' } as const;

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${formatNumber(Math.round((n / 1024 / 1024) * 10) / 10)} MB`;
  if (n >= 1024) return `${formatNumber(n / 1024, 0)} KB`;
  return `${formatNumber(n)} byte`;
}

/** Stored identifiers shown with their Vietnamese labels. */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  channel: CHANNEL_LABELS,
  recipient_type: RECIPIENT_TYPE_LABELS,
  award_kind: AWARD_KIND_LABELS,
  award_level: AWARD_LEVEL_LABELS,
  criterion_kind: CRITERION_KIND_LABELS,
  unit_kind: UNIT_KIND_LABELS,
  exemplar_kind: EXEMPLAR_KIND_LABELS,
};

function cellText(v: unknown, key?: string): string {
  if (v === null || v === undefined || v === '') return '';
  if (key && typeof v === 'string' && VALUE_LABELS[key]?.[v]) return VALUE_LABELS[key][v];
  if (key === 'row' || key === 'year' || key === 'award_year') return String(v);
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(v);
  if (typeof v === 'boolean') return v ? 'Có' : 'Không';
  return String(v);
}

function Bar({ value, label, tone = 'blue' }: { value: number | null; label: string; tone?: 'blue' | 'emerald' }) {
  const pct = value === null ? null : Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div className="mt-2">
      <div className="flex justify-between text-xs text-tremor-content">
        <span>{label}</span>
        {pct !== null && <span>{pct}%</span>}
      </div>
      <div
        className="mt-1 h-2 overflow-hidden rounded-full bg-gray-200"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct ?? undefined}
      >
        <div
          className={`h-full rounded-full ${tone === 'emerald' ? 'bg-emerald-500' : 'bg-blue-600'} ${pct === null ? 'w-1/3 animate-pulse' : ''}`}
          style={pct === null ? undefined : { width: `${pct}%` }}
        />
      </div>
    </div>
  );
}

function IssueTable({ issues, kind }: { issues: ImportIssue[]; kind: 'error' | 'warning' }) {
  const shown = issues.slice(0, 200);
  return (
    <div className="mt-2 max-h-96 overflow-auto rounded-md ring-1 ring-tremor-ring">
      <table className="min-w-full text-sm" data-testid={kind === 'error' ? 'error-table' : 'warning-table'}>
        <thead className="sticky top-0 bg-gray-50 text-left text-xs uppercase text-tremor-content">
          <tr>
            <th className="px-3 py-2">Dòng</th>
            <th className="px-3 py-2">Cột</th>
            <th className="px-3 py-2">{kind === 'error' ? 'Lỗi và cách sửa' : 'Cảnh báo'}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {shown.map((i, n) => (
            <tr key={n} className={kind === 'error' ? 'bg-red-50/40' : 'bg-amber-50/40'}>
              <td className="whitespace-nowrap px-3 py-1.5 tabular-nums">{i.row ?? '–'}</td>
              <td className="px-3 py-1.5">{i.column ?? '–'}</td>
              <td className="px-3 py-1.5">{i.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {issues.length > shown.length && (
        <p className="px-3 py-2 text-xs text-tremor-content">… và {formatNumber(issues.length - shown.length)} mục khác (xem đủ trong bản đánh dấu lỗi).</p>
      )}
    </div>
  );
}

function statusBadge(e: Entry): { text: string; cls: string } | null {
  const u = e.upload;
  if (e.stage === 'failed') return { text: 'Không xử lý được', cls: 'bg-red-100 text-red-800' };
  if (!u) return null;
  switch (u.status) {
    case 'validated':
      return { text: 'Hợp lệ — chờ xác nhận nạp', cls: 'bg-blue-100 text-blue-800' };
    case 'loaded':
      return { text: `Đã nạp — lô #${u.batchId}`, cls: 'bg-emerald-100 text-emerald-800' };
    case 'duplicate':
      return { text: `Đã có trong lô #${u.batchId}`, cls: 'bg-amber-100 text-amber-800' };
    default:
      return { text: 'Có lỗi — chưa nạp được', cls: 'bg-red-100 text-red-800' };
  }
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
          url: '/api/upload',
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
          url: `/api/upload/${entry.upload.uploadId}/${mode}`,
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
          Excel (.xlsx) hoặc CSV, tối đa <strong>{formatBytes(maxFileBytes)}</strong> mỗi tệp; có thể chọn nhiều tệp. Chưa có gì được ghi cho tới khi bạn bấm «Xác nhận nạp».
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

function EntryCard({
  entry: e,
  fieldsByDataset,
  onChoices,
  onRecheck,
  onConfirm,
  onRemove,
}: {
  entry: Entry;
  fieldsByDataset: UploadClientProps['fieldsByDataset'];
  onChoices: (c: ImportChoices) => void;
  onRecheck: () => void;
  onConfirm: () => void;
  onRemove: () => void;
}) {
  const badge = statusBadge(e);
  const r = e.upload?.result ?? null;
  const busy = ['waiting', 'hashing', 'uploading', 'checking', 'confirming'].includes(e.stage);
  const dataset = e.choices.dataset ?? r?.dataset ?? null;
  const fields = dataset ? fieldsByDataset[dataset] : [];
  const mappingChanged = Boolean(e.choices.headerOverrides || e.choices.dataset || e.choices.period || e.choices.bloc);
  const previewKeys = r?.preview?.length ? Object.keys(r.preview[0]) : [];
  // A name mapped in the preview is checked again from the copy kept on the server.
  const canMap = Boolean(e.upload) && e.upload?.status !== 'loaded' && e.upload?.status !== 'duplicate' && !busy;

  return (
    <li className="rounded-tremor-default bg-white p-5 shadow-tremor-card ring-1 ring-tremor-ring" data-testid="upload-entry" data-status={e.upload?.status ?? e.stage}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <p className="font-medium text-tremor-content-strong">{e.fileName}</p>
          <p className="text-xs text-tremor-content">{formatBytes(e.fileSize)}</p>
        </div>
        <div className="flex items-center gap-2">
          {badge && <span className={`rounded-full px-2.5 py-0.5 text-xs font-medium ${badge.cls}`} data-testid="upload-status">{badge.text}</span>}
          {!busy && (
            <button type="button" onClick={onRemove} className="text-xs text-tremor-content underline hover:text-tremor-content-strong">
              Ẩn
            </button>
          )}
        </div>
      </div>

      {e.stage === 'waiting' && <p className="mt-2 text-sm text-tremor-content">Đang chờ lượt…</p>}
      {e.stage === 'hashing' && <Bar value={null} label="Đang tính mã kiểm tra của tệp" />}
      {(e.stage === 'uploading' || e.stage === 'checking') && <Bar value={e.transfer} label="Đang gửi tệp" />}
      {(e.stage === 'checking' || e.stage === 'confirming') && (
        <Bar
          value={e.work?.total ? e.work.done / e.work.total : null}
          tone="emerald"
          label={
            e.work
              ? `${PHASE_LABELS[e.work.phase]}${e.work.done ? ` — ${formatNumber(e.work.done)}${e.work.total ? ` / ${formatNumber(e.work.total)}` : ''} dòng` : ''}`
              : e.stage === 'confirming'
                ? 'Đang nạp'
                : 'Đang kiểm tra'
          }
        />
      )}
      {e.error && (
        <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          {e.error}
        </p>
      )}

      {r && (
        <div className="mt-4 space-y-4">
          <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
            <div>
              <dt className="text-tremor-content">Loại dữ liệu</dt>
              <dd className="font-medium" data-testid="detected-dataset">{r.dataset ? DATASET_LABELS[r.dataset] : 'Chưa nhận ra'}</dd>
            </div>
            <div>
              <dt className="text-tremor-content">Trang tính</dt>
              <dd className="font-medium">{r.sheet ?? '–'}</dd>
            </div>
            <div>
              <dt className="text-tremor-content">Kỳ</dt>
              <dd className="font-medium">{r.period ?? '–'}</dd>
            </div>
            <div>
              <dt className="text-tremor-content">Khối thi đua</dt>
              <dd className="font-medium">{r.bloc ?? '–'}</dd>
            </div>
            <div>
              <dt className="text-tremor-content">{e.upload?.status === 'loaded' ? 'Số dòng đã nạp' : 'Số dòng sẽ nạp'}</dt>
              <dd className="font-medium tabular-nums" data-testid="rows-count">{formatNumber(r.rowsLoaded)}</dd>
            </div>
            <div>
              <dt className="text-tremor-content">Dòng đã có từ lô khác</dt>
              <dd className="font-medium tabular-nums">{formatNumber(r.rowsSkipped)}</dd>
            </div>
            <div>
              <dt className="text-tremor-content">Lỗi</dt>
              <dd className={`font-medium tabular-nums ${r.errors.length ? 'text-red-700' : ''}`} data-testid="error-count">{formatNumber(r.errors.length)}</dd>
            </div>
            <div>
              <dt className="text-tremor-content">Cảnh báo</dt>
              <dd className="font-medium tabular-nums">{formatNumber(r.warnings.length)}</dd>
            </div>
          </dl>

          {e.upload?.status === 'duplicate' && (
            <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200" data-testid="duplicate-note">
              Tệp này đã được nạp trong <a className="font-medium underline" href="/tai-len/lich-su">lô #{e.upload.batchId}</a>; không nạp lại. Nếu muốn thay dữ liệu, hãy hoàn tác lô đó trước.
            </p>
          )}
          {e.upload?.status === 'loaded' && (
            <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 ring-1 ring-emerald-200" data-testid="loaded-note">
              Đã nạp {formatNumber(r.rowsLoaded)} dòng vào lô #{e.upload.batchId}.{' '}
              <a className="font-medium underline" href="/tai-len/lich-su">Xem lịch sử nạp</a> hoặc <a className="font-medium underline" href="/">mở trang tổng quan</a>.
            </p>
          )}

          <UnitReadings readings={r.unitReadings} canConfirm={canMap} onConfirmed={() => undefined} />
          {r.errors.length > 0 && (
            <section>
              <h3 className="text-sm font-semibold text-red-800">Lỗi cần sửa ({formatNumber(r.errors.length)})</h3>
              <p className="text-xs text-tremor-content">Sửa các lỗi này trong tệp rồi tải lên lại; hoặc tải bản đánh dấu lỗi để gửi lại cho đơn vị.</p>
              <IssueGroups issues={r.errors} kind="error" canMap={canMap} onMapped={onRecheck}>
                <IssueTable issues={r.errors} kind="error" />
              </IssueGroups>
            </section>
          )}
          {r.warnings.length > 0 && (
            <details>
              <summary className="cursor-pointer text-sm font-semibold text-amber-800">Cảnh báo ({formatNumber(r.warnings.length)}) — không chặn việc nạp</summary>
              <IssueGroups issues={r.warnings} kind="warning" canMap={canMap} onMapped={onRecheck}>
                <IssueTable issues={r.warnings} kind="warning" />
              </IssueGroups>
            </details>
          )}

          {e.upload && e.upload.status !== 'loaded' && e.upload.status !== 'duplicate' && (
            <details open={r.errors.length > 0 && r.headerMapping.length > 0}>
              <summary className="cursor-pointer text-sm font-semibold text-tremor-content-strong">Ánh xạ cột và lựa chọn (sửa nếu hệ thống nhận sai)</summary>
              <div className="mt-3 grid gap-3 sm:grid-cols-3">
                <label className="text-sm">
                  <span className="text-tremor-content">Loại dữ liệu</span>
                  <select
                    className="mt-1 block w-full rounded-md border-gray-300 text-sm"
                    value={e.choices.dataset ?? ''}
                    onChange={(ev) => onChoices({ ...e.choices, dataset: (ev.target.value || undefined) as Dataset | undefined, headerOverrides: undefined })}
                  >
                    <option value="">Tự nhận ({r.dataset ? DATASET_LABELS[r.dataset] : 'chưa rõ'})</option>
                    {DATASETS.map((d) => (
                      <option key={d} value={d}>
                        {DATASET_LABELS[d]}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="text-sm">
                  <span className="text-tremor-content">Kỳ (ví dụ 2022, 2022-H1)</span>
                  <input
                    className="mt-1 block w-full rounded-md border-gray-300 text-sm"
                    placeholder={r.period ?? 'Tự nhận từ tiêu đề'}
                    value={e.choices.period ?? ''}
                    onChange={(ev) => onChoices({ ...e.choices, period: ev.target.value || undefined })}
                  />
                </label>
                <label className="text-sm">
                  <span className="text-tremor-content">Khối thi đua</span>
                  <input
                    className="mt-1 block w-full rounded-md border-gray-300 text-sm"
                    placeholder={r.bloc ?? 'Tự nhận từ tiêu đề'}
                    value={e.choices.bloc ?? ''}
                    onChange={(ev) => onChoices({ ...e.choices, bloc: ev.target.value || undefined })}
                  />
                </label>
              </div>
              {r.headerMapping.length > 0 && (
                <div className="mt-3 overflow-auto rounded-md ring-1 ring-tremor-ring">
                  <table className="min-w-full text-sm" data-testid="mapping-table">
                    <thead className="bg-gray-50 text-left text-xs uppercase text-tremor-content">
                      <tr>
                        <th className="px-3 py-2">Cột</th>
                        <th className="px-3 py-2">Tiêu đề trong tệp</th>
                        <th className="px-3 py-2">Dữ liệu tương ứng</th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-gray-100">
                      {r.headerMapping.map((m) => {
                        const override = e.choices.headerOverrides?.[m.column];
                        const value = override !== undefined ? (override ?? '') : (m.field ?? '');
                        return (
                          <tr key={m.column}>
                            <td className="px-3 py-1.5 font-mono">{m.column}</td>
                            <td className="px-3 py-1.5">{m.header || <span className="text-tremor-content">(trống)</span>}</td>
                            <td className="px-3 py-1.5">
                              <select
                                aria-label={`Dữ liệu của cột ${m.column}`}
                                className="block w-full rounded-md border-gray-300 py-1 text-sm"
                                value={value}
                                onChange={(ev) =>
                                  onChoices({ ...e.choices, headerOverrides: { ...(e.choices.headerOverrides ?? {}), [m.column]: ev.target.value || null } })
                                }
                              >
                                <option value="">— Bỏ qua cột này —</option>
                                {fields.map((f) => (
                                  <option key={f.field} value={f.field}>
                                    {f.label}
                                  </option>
                                ))}
                              </select>
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              )}
              <button
                type="button"
                disabled={!mappingChanged || busy}
                onClick={onRecheck}
                className="mt-3 rounded-md px-3 py-1.5 text-sm font-medium text-blue-700 ring-1 ring-blue-300 hover:bg-blue-50 disabled:cursor-not-allowed disabled:opacity-50"
              >
                Kiểm tra lại với lựa chọn này
              </button>
            </details>
          )}

          {previewKeys.length > 0 && (
            <details open={r.errors.length === 0}>
              <summary className="cursor-pointer text-sm font-semibold text-tremor-content-strong">
                Xem trước {formatNumber(r.preview.length)} dòng đầu (như sẽ được lưu)
              </summary>
              <div className="mt-2 max-h-96 overflow-auto rounded-md ring-1 ring-tremor-ring">
                <table className="min-w-full text-sm" data-testid="preview-table">
                  <thead className="sticky top-0 bg-gray-50 text-left text-xs uppercase text-tremor-content">
                    <tr>
                      {previewKeys.map((k) => (
                        <th key={k} className="whitespace-nowrap px-3 py-2">
                          {previewLabel(r.dataset, k)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-gray-100">
                    {r.preview.map((row, i) => (
                      <tr key={i}>
                        {previewKeys.map((k) => (
                          <td key={k} className="whitespace-nowrap px-3 py-1.5">
                            {cellText(row[k], k)}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          )}

          <div className="flex flex-wrap items-center gap-3 border-t border-gray-100 pt-4">
            {e.upload?.status === 'validated' && (
              <button
                type="button"
                disabled={busy}
                onClick={onConfirm}
                className="rounded-md bg-emerald-600 px-4 py-2 text-sm font-medium text-white hover:bg-emerald-700 focus:outline-none focus:ring-2 focus:ring-emerald-500 focus:ring-offset-2 disabled:opacity-50"
              >
                Xác nhận nạp {formatNumber(r.rowsLoaded)} dòng
              </button>
            )}
            {e.upload && (r.errors.length > 0 || r.warnings.length > 0) && (
              <a
                href={`/api/upload/${e.upload.uploadId}/errors.xlsx`}
                className="rounded-md px-4 py-2 text-sm font-medium text-red-700 ring-1 ring-red-300 hover:bg-red-50"
                data-testid="errors-download"
              >
                Tải bản đánh dấu lỗi (.xlsx)
              </a>
            )}
            {e.upload?.status === 'rejected' && (
              <span className="text-sm text-tremor-content">Sửa tệp rồi kéo thả lại vào khung phía trên. Tệp lỗi không được ghi vào hệ thống.</span>
            )}
          </div>
        </div>
      )}
    </li>
  );
}
