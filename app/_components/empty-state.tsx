import Link from 'next/link';
import { routes } from '@/lib/routes';

/** What to do next when there is nothing to show (empty database, empty filter). */
export function EmptyState({ title, children, showUpload = true }: { title: string; children?: React.ReactNode; showUpload?: boolean }) {
  return (
    <div className="mt-6 rounded-tremor-default border border-dashed border-tremor-border bg-white p-8 text-center" data-testid="empty-state">
      <h2 className="text-lg font-semibold text-tremor-content-strong">{title}</h2>
      <div className="mx-auto mt-2 max-w-xl text-sm text-tremor-content">{children}</div>
      {showUpload && (
        <p className="mt-4 text-sm">
          <Link href={routes.upload} className="font-semibold text-tremor-brand-emphasis underline">
            Tải lên tệp dữ liệu
          </Link>{' '}
          <span className="text-tremor-content">(tài khoản Văn phòng) hoặc chạy </span>
          <code className="rounded bg-tremor-background-subtle px-1">npm run -s etl -- import TỆP</code>
        </p>
      )}
    </div>
  );
}

/** Nothing matches the filters: say so and offer the way back. */
export function NoRows({ message = 'Không có dữ liệu cho bộ lọc này.', resetHref }: { message?: string; resetHref?: string }) {
  return (
    <p className="py-6 text-center text-sm text-tremor-content" data-testid="no-rows">
      {message}{' '}
      {resetHref && (
        <Link href={resetHref} className="text-tremor-brand-emphasis underline">
          Bỏ bộ lọc
        </Link>
      )}
    </p>
  );
}
