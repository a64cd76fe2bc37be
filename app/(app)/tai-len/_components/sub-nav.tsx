import Link from 'next/link';
import { UPLOAD_TABS } from '@/lib/routes';

/** Tabs shared by the upload pages. */
export function UploadTabs({ current }: { current: (typeof UPLOAD_TABS)[number]['href'] }) {
  return (
    <nav aria-label="Trang tải dữ liệu" className="mt-4 flex flex-wrap gap-1 border-b border-tremor-border">
      {UPLOAD_TABS.map((t) => (
        <Link
          key={t.href}
          href={t.href}
          aria-current={t.href === current ? 'page' : undefined}
          className={`-mb-px border-b-2 px-3 py-2 text-sm ${
            t.href === current ? 'border-blue-600 font-medium text-blue-700' : 'border-transparent text-tremor-content hover:text-tremor-content-strong'
          }`}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
