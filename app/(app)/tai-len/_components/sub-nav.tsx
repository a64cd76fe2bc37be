import Link from 'next/link';

const TABS = [
  { href: '/tai-len', label: 'Tải dữ liệu lên' },
  { href: '/tai-len/lich-su', label: 'Lịch sử nhập' },
  { href: '/tai-len/don-vi', label: 'Tên đơn vị chưa nhận ra' },
  { href: '/tai-len/mau', label: 'Mẫu nhập liệu' },
] as const;

/** Tabs shared by the upload pages. */
export function UploadTabs({ current }: { current: (typeof TABS)[number]['href'] }) {
  return (
    <nav aria-label="Trang tải dữ liệu" className="mt-4 flex flex-wrap gap-1 border-b border-tremor-border">
      {TABS.map((t) => (
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
