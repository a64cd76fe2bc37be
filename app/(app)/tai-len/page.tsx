import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/dal';
import { DATASETS, type Dataset } from '@/lib/domain';
import { importLimits } from '@/lib/env';
import { formatNumber } from '@/lib/format';
import { getDb } from '@/lib/db/client';
import { fieldOptions } from '@/lib/upload/choices';
import { uploadView, type UploadView } from '@/lib/upload/run-import';
import { getStagedUpload } from '@/lib/upload/staging';
import { routes, type SearchParams } from '@/lib/routes';
import { UploadTabs } from './_components/sub-nav';
import { UploadClient } from './_components/upload-client';

export const metadata: Metadata = { title: 'Tải dữ liệu lên' };
export const dynamic = 'force-dynamic';

export default async function UploadPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser('office');
  const tep = (await searchParams).tep;
  // ?tep=ID opens a staged upload (re-import of a kept original) at its preview.
  const initial: UploadView[] = [];
  if (typeof tep === 'string') {
    const staged = await getStagedUpload(await getDb(), tep, user);
    if (staged) initial.push(uploadView(staged));
  }
  const limits = importLimits();
  const fieldsByDataset = Object.fromEntries(DATASETS.map((d) => [d, fieldOptions(d)])) as Record<Dataset, { field: string; label: string }[]>;
  return (
    <div>
      <h1 className="text-2xl font-semibold text-tremor-content-strong">Tải dữ liệu lên</h1>
      <p className="mt-1 max-w-3xl text-sm text-tremor-content">
        Tải các bảng tính do phòng, đơn vị và khối thi đua gửi về: danh mục đơn vị, hoạt động tuyên truyền, khen thưởng, bảng chấm điểm
        thi đua. Hệ thống tự nhận loại dữ liệu, kỳ và khối từ tiêu đề; bạn xem trước, sửa nếu cần, rồi mới xác nhận nhập. Mỗi tệp được nhập
        trọn vẹn hoặc không nhập gì.
      </p>
      <UploadTabs current={routes.upload} />
      <div className="mt-6 grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <UploadClient maxFileBytes={limits.maxFileBytes} fieldsByDataset={fieldsByDataset} initial={initial} />
        <aside className="space-y-4 text-sm text-tremor-content">
          <div className="rounded-tremor-default bg-white p-4 ring-1 ring-tremor-ring">
            <h2 className="font-semibold text-tremor-content-strong">Giới hạn</h2>
            <ul className="mt-2 list-disc space-y-1 pl-5">
              <li>Tối đa {formatNumber(limits.maxFileBytes / 1024 / 1024)} MB mỗi tệp</li>
              <li>Tối đa {formatNumber(limits.maxRows)} dòng, {formatNumber(limits.maxColumns)} cột</li>
              <li>Định dạng: Excel .xlsx hoặc CSV (UTF-8, UTF-16, Windows-1258, TCVN3, VNI)</li>
              <li>Tệp .xls cũ: mở bằng Excel và lưu lại dạng .xlsx</li>
            </ul>
          </div>
          <div className="rounded-tremor-default bg-white p-4 ring-1 ring-tremor-ring">
            <h2 className="font-semibold text-tremor-content-strong">Các bước</h2>
            <ol className="mt-2 list-decimal space-y-1 pl-5">
              <li>Chọn hoặc kéo thả một hay nhiều tệp.</li>
              <li>Xem loại dữ liệu, đối chiếu cột, các dòng xem trước và lỗi.</li>
              <li>Có lỗi: sửa tệp (hoặc tải bản đánh dấu lỗi gửi lại đơn vị) rồi tải lên lại.</li>
              <li>Không lỗi: bấm «Xác nhận nhập».</li>
              <li>Nhập nhầm: hủy lần nhập trong <Link className="underline" href={routes.uploadHistory}>Lịch sử nhập</Link>.</li>
            </ol>
          </div>
          <div className="rounded-tremor-default bg-white p-4 ring-1 ring-tremor-ring">
            <h2 className="font-semibold text-tremor-content-strong">Chưa có mẫu?</h2>
            <p className="mt-1">
              Tải <Link className="underline" href={routes.templates}>mẫu nhập liệu trống</Link> để gửi các phòng, đơn vị.
            </p>
          </div>
        </aside>
      </div>
    </div>
  );
}
