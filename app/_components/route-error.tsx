'use client';

import { useEffect } from 'react';
import { routes } from '@/lib/routes';

/** The polite error shown by every route's error.tsx; the details stay in the server log. */
export function RouteError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="mt-6 rounded-tremor-default border border-red-200 bg-red-50 p-6 text-sm text-red-900">
      <h2 className="text-base font-semibold">Không hiển thị được trang này</h2>
      <p className="mt-2">
        Đã có lỗi khi đọc số liệu. Lỗi đã được ghi lại trên máy chủ{error.digest ? ` (mã ${error.digest})` : ''}. Hãy thử lại; nếu vẫn lỗi, báo
        cho quản trị viên kèm mã trên.
      </p>
      <div className="mt-4 flex gap-3">
        <button type="button" onClick={reset} className="rounded-tremor-small bg-red-700 px-3 py-1.5 font-semibold text-white focus:outline-none focus:ring-2 focus:ring-red-700 focus:ring-offset-2">
          Thử lại
        </button>
        <a href={routes.overview} className="px-3 py-1.5 underline">
          Về trang tổng quan
        </a>
      </div>
    </div>
  );
}
