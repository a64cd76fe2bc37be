import { Suspense } from 'react';
import type { Metadata } from 'next';
import { DataTable } from '@/app/_components/chart-figure';
import { EmptyState } from '@/app/_components/empty-state';
import { RowLink } from '@/app/_components/row-link';
import { PageTitle, Section, Skeleton } from '@/app/_components/section';
import { requireUser } from '@/lib/auth/dal';
import { getDb } from '@/lib/db/client';
import { DATASET_LABELS, type Dataset } from '@/lib/domain';
import { todayIso } from '@/lib/filters/today';
import { formatDate, formatDateTime, formatNumber } from '@/lib/format';
import { parsePeriod, periodLabel } from '@/lib/periods';
import { importWarnings, missingScorePeriods, unresolvedUnitNames } from '@/lib/queries/data-quality';
import { dataExtent } from '@/lib/queries/options';
import { routes, withQuery } from '@/lib/routes';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Chất lượng dữ liệu' };

/** Chất lượng dữ liệu: unresolved unit names, import warnings, review periods without score sheets. */
export default async function DataQualityPage() {
  await requireUser();
  const extent = await dataExtent(await getDb());
  if (extent.activities + extent.awards + extent.scores + extent.units === 0) {
    return (
      <>
        <PageTitle title="Chất lượng dữ liệu" />
        <EmptyState title="Chưa có dữ liệu để kiểm tra">
          <p>Sau khi tải lên danh mục đơn vị và các danh sách, trang này liệt kê tên đơn vị chưa khớp, cảnh báo khi nhập và các kỳ còn thiếu bảng điểm.</p>
        </EmptyState>
      </>
    );
  }
  return (
    <>
      <PageTitle title="Chất lượng dữ liệu" subtitle="Những điểm cần Văn phòng xử lý để số liệu trên bảng điều khiển đầy đủ" />
      <div className="mt-4 space-y-4">
        <Suspense fallback={<Skeleton title="Tên đơn vị chưa khớp danh mục" />}>
          <Unresolved />
        </Suspense>
        <Suspense fallback={<Skeleton title="Kỳ còn thiếu bảng điểm" />}>
          <MissingScores />
        </Suspense>
        <Suspense fallback={<Skeleton title="Cảnh báo khi nhập dữ liệu" />}>
          <Warnings />
        </Suspense>
      </div>
    </>
  );
}

async function Unresolved() {
  const rows = await unresolvedUnitNames(await getDb());
  return (
    <Section
      title="Tên đơn vị chưa khớp danh mục"
      subtitle="Các dòng này vẫn được lưu nhưng không tính vào đơn vị, khối nào. Thêm tên vào danh mục đơn vị (cột Tên viết tắt) rồi nhập lại, hoặc sửa tên trong tệp."
      id="unresolved"
    >
      {rows.length === 0 ? (
        <p className="py-3 text-sm text-emerald-800">Mọi tên đơn vị đều đã khớp danh mục.</p>
      ) : (
        <DataTable
          testId="unresolved"
          caption="Tên đơn vị chưa khớp"
          columns={['Tên như trong tệp', 'Danh sách', 'Số dòng', 'Số lần nhập', 'Từ ngày', 'Đến ngày']}
          numeric={[2, 3]}
          rows={rows.map((r) => [
            r.unit_raw,
            DATASET_LABELS[r.dataset as Dataset] ?? r.dataset,
            formatNumber(r.rows),
            formatNumber(r.batches),
            formatDate(r.first_date),
            formatDate(r.last_date),
          ])}
        />
      )}
    </Section>
  );
}

async function MissingScores() {
  const rows = await missingScorePeriods(await getDb(), todayIso());
  return (
    <Section title="Kỳ đánh giá còn thiếu bảng điểm" subtitle="Sơ kết 6 tháng và tổng kết năm đã qua mà khối chưa có điểm của một số (hoặc tất cả) thành viên" id="missing-scores">
      {rows.length === 0 ? (
        <p className="py-3 text-sm text-emerald-800">Không thiếu bảng điểm nào.</p>
      ) : (
        <DataTable
          testId="missing-scores"
          caption="Kỳ còn thiếu bảng điểm"
          columns={['Khối', 'Kỳ', 'Thành viên', 'Đã có điểm', 'Chưa có điểm']}
          numeric={[2, 3]}
          rows={rows.map((r) => [
            <RowLink key="b" href={withQuery(routes.bloc(r.bloc_id), { period: r.period })}>
              {r.bloc_name}
            </RowLink>,
            periodLabel(parsePeriod(r.period)!),
            formatNumber(r.members),
            formatNumber(r.scored),
            r.scored === 0 ? 'Cả khối chưa có bảng điểm' : (r.missing_units ?? ''),
          ])}
        />
      )}
    </Section>
  );
}

async function Warnings() {
  const rows = await importWarnings(await getDb());
  return (
    <Section title="Cảnh báo khi nhập dữ liệu" subtitle="Các lần nhập vẫn được ghi nhưng có dòng cần xem lại (300 cảnh báo mới nhất)" id="warnings">
      {rows.length === 0 ? (
        <p className="py-3 text-sm text-emerald-800">Không có cảnh báo nào.</p>
      ) : (
        <DataTable
          testId="warnings"
          caption="Cảnh báo khi nhập"
          columns={['Tệp', 'Lúc nhập', 'Dòng', 'Cột', 'Nội dung', 'Giá trị']}
          rows={rows.map((r) => [
            `${r.file_name} (lần nhập ${r.batch_id})`,
            formatDateTime(r.imported_at),
            r.row_no !== null ? formatNumber(r.row_no) : '–',
            r.column_name ?? '–',
            r.message,
            r.raw_value ?? '',
          ])}
        />
      )}
    </Section>
  );
}
