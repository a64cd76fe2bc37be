import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/dal';
import { getDb } from '@/lib/db/client';
import { formatNumber } from '@/lib/format';
import { batchUnitReadings } from '@/lib/units/readings';
import { batchIssues, getBatch } from '@/lib/upload/batches';
import { DataTable } from '@/app/_components/chart-figure';
import { BatchActions, BatchHeading } from '../../_components/batch-facts';

export const metadata: Metadata = { title: 'Chi tiết lần nhập' };
export const dynamic = 'force-dynamic';

/** Warnings shown here; the batch keeps at most about a thousand, grouped by cause when imported. */
const ISSUE_LIMIT = 500;

/**
 * One batch as it was loaded: what it is, how the program read what it had to interpret (unit
 * names not written as in the catalogue, recipient types, years) and the warnings it kept.
 */
export default async function BatchPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser('office');
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const db = await getDb();
  const batch = await getBatch(db, id);
  if (!batch) notFound();
  const [readings, issues] = await Promise.all([batchUnitReadings(db, id), batchIssues(db, id, ISSUE_LIMIT)]);

  return (
    <div className="mx-auto max-w-4xl">
      <BatchHeading title={`Lần nhập #${batch.batch_id}`} batch={batch} />
      <div className="mt-3 text-sm">
        <BatchActions batch={batch} user={user} />
      </div>

      <section className="mt-6 rounded-tremor-default bg-white p-5 ring-1 ring-tremor-ring" aria-labelledby="unit-readings">
        <h2 id="unit-readings" className="font-semibold text-tremor-content-strong">
          Tên đơn vị được hiểu theo danh mục
        </h2>
        {readings.length === 0 ? (
          <p className="mt-2 text-sm text-tremor-content">Mọi tên đơn vị trong tệp đều viết đúng như danh mục (hoặc tệp không có cột đơn vị).</p>
        ) : (
          <>
            <p className="mt-1 text-sm text-tremor-content">
              {formatNumber(readings.length)} tên trong tệp không viết đúng như danh mục; chương trình đã hiểu mỗi tên là một đơn vị duy nhất như sau. Nếu có tên hiểu sai, hãy hủy lần nhập, sửa tên trong tệp
              (hoặc tên gọi khác ở «Tên đơn vị chưa nhận ra») rồi nhập lại.
            </p>
            <DataTable
              testId="unit-readings"
              caption="Tên đơn vị được hiểu theo danh mục"
              columns={['Tên trong tệp', 'Đơn vị trong danh mục', 'Cách hiểu']}
              rows={readings.map((r) => [r.text, r.unitName, r.rule])}
            />
          </>
        )}
      </section>

      <section className="mt-6 rounded-tremor-default bg-white p-5 ring-1 ring-tremor-ring" aria-labelledby="batch-issues">
        <h2 id="batch-issues" className="font-semibold text-tremor-content-strong">
          Cách đọc tệp và cảnh báo
        </h2>
        {issues.length === 0 ? (
          <p className="mt-2 text-sm text-tremor-content">Lần nhập này không có cảnh báo.</p>
        ) : (
          <ul className="mt-2 space-y-1 text-sm" data-testid="batch-issues">
            {issues.map((w, i) => (
              <li key={i}>
                <span className="text-tremor-content">
                  {w.row_no ? `Dòng ${formatNumber(w.row_no)}` : 'Cả tệp'}
                  {w.column_name ? `, cột «${w.column_name}»` : ''}:
                </span>{' '}
                {w.message}
              </li>
            ))}
          </ul>
        )}
        {issues.length === ISSUE_LIMIT && <p className="mt-2 text-xs text-tremor-content">Chỉ hiện {formatNumber(ISSUE_LIMIT)} cảnh báo đầu tiên.</p>}
      </section>
    </div>
  );
}
