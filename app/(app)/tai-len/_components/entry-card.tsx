'use client';

import type { Dataset } from '@/lib/domain';
import { DATASET_LABELS, DATASETS } from '@/lib/domain';
import { formatNumber } from '@/lib/format';
import { previewLabel } from '@/lib/datasets';
import type { UploadView } from '@/lib/upload/run-import';
import type { ImportChoices } from '@/lib/upload/choices';
import { api, routes } from '@/lib/routes';
import { IssueGroups, UnitReadings } from './unit-names';
import type { UploadClientProps } from './upload-client';
import { Bar, cellText, IssueTable } from './entry-parts';

type Stage = 'waiting' | 'hashing' | 'uploading' | 'checking' | 'ready' | 'confirming' | 'loaded' | 'failed';

export interface Entry {
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

const PHASE_LABELS = { read: 'Đang đọc tệp', validate: 'Đang kiểm tra dữ liệu', load: 'Đang nhập vào cơ sở dữ liệu' } as const;

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${formatNumber(Math.round((n / 1024 / 1024) * 10) / 10)} MB`;
  if (n >= 1024) return `${formatNumber(n / 1024, 0)} KB`;
  return `${formatNumber(n)} byte`;
}

/** Stored identifiers shown with their Vietnamese labels. */
function statusBadge(e: Entry): { text: string; cls: string } | null {
  const u = e.upload;
  if (e.stage === 'failed') return { text: 'Không xử lý được', cls: 'bg-red-100 text-red-800' };
  if (!u) return null;
  switch (u.status) {
    case 'validated':
      return { text: 'Hợp lệ — chờ xác nhận nhập', cls: 'bg-blue-100 text-blue-800' };
    case 'loaded':
      return { text: `Đã nhập — lần nhập #${u.batchId}`, cls: 'bg-emerald-100 text-emerald-800' };
    case 'duplicate':
      return { text: `Đã có trong lần nhập #${u.batchId}`, cls: 'bg-amber-100 text-amber-800' };
    default:
      return { text: 'Có lỗi — chưa nhập được', cls: 'bg-red-100 text-red-800' };
  }
}

export function EntryCard({
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
                ? 'Đang nhập'
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
              <dt className="text-tremor-content">{e.upload?.status === 'loaded' ? 'Số dòng đã nhập' : 'Số dòng sẽ nhập'}</dt>
              <dd className="font-medium tabular-nums" data-testid="rows-count">{formatNumber(r.rowsLoaded)}</dd>
            </div>
            <div>
              <dt className="text-tremor-content">Dòng đã có từ lần nhập khác</dt>
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
              Tệp này đã được nhập trong <a className="font-medium underline" href={routes.uploadHistory}>lần nhập #{e.upload.batchId}</a>; không nhập lại. Nếu muốn thay dữ liệu, hãy hủy lần nhập đó trước.
            </p>
          )}
          {e.upload?.status === 'loaded' && (
            <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 ring-1 ring-emerald-200" data-testid="loaded-note">
              Đã nhập {formatNumber(r.rowsLoaded)} dòng vào lần nhập #{e.upload.batchId}.{' '}
              <a className="font-medium underline" href={routes.uploadHistory}>Xem lịch sử nhập</a> hoặc <a className="font-medium underline" href={routes.overview}>mở trang tổng quan</a>.
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
              <summary className="cursor-pointer text-sm font-semibold text-amber-800">Cảnh báo ({formatNumber(r.warnings.length)}) — không chặn việc nhập</summary>
              <IssueGroups issues={r.warnings} kind="warning" canMap={canMap} onMapped={onRecheck}>
                <IssueTable issues={r.warnings} kind="warning" />
              </IssueGroups>
            </details>
          )}

          {e.upload && e.upload.status !== 'loaded' && e.upload.status !== 'duplicate' && (
            <details open={r.errors.length > 0 && r.headerMapping.length > 0}>
              <summary className="cursor-pointer text-sm font-semibold text-tremor-content-strong">Đối chiếu cột và lựa chọn (sửa nếu hệ thống nhận sai)</summary>
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
                Xác nhận nhập {formatNumber(r.rowsLoaded)} dòng
              </button>
            )}
            {e.upload && (r.errors.length > 0 || r.warnings.length > 0) && (
              <a
                href={api.uploadErrors(e.upload.uploadId)}
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
