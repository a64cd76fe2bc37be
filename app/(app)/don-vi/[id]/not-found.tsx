import Link from 'next/link';
import { routes } from '@/lib/routes';

export default function UnitNotFound() {
  return (
    <div className="mt-6 rounded-tremor-default border border-tremor-border bg-white p-6 text-sm">
      <h1 className="text-lg font-semibold">Không tìm thấy đơn vị</h1>
      <p className="mt-2">Mã đơn vị trong đường dẫn không có trong danh mục. Chọn đơn vị từ trang tổng quan hoặc danh sách hoạt động.</p>
      <Link href={routes.overview} className="mt-3 inline-block text-tremor-brand-emphasis underline">
        Về trang tổng quan
      </Link>
    </div>
  );
}
