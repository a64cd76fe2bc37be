import Link from 'next/link';
import { routes } from '@/lib/routes';

export default function BlocNotFound() {
  return (
    <div className="mt-6 rounded-tremor-default border border-tremor-border bg-white p-6 text-sm">
      <h1 className="text-lg font-semibold">Không tìm thấy khối thi đua</h1>
      <p className="mt-2">Mã khối trong đường dẫn không có. Chọn khối từ menu “Khối thi đua”.</p>
      <Link href={routes.overview} className="mt-3 inline-block text-tremor-brand-emphasis underline">
        Về trang tổng quan
      </Link>
    </div>
  );
}
