import type { Metadata } from 'next';
import Link from 'next/link';
import { Pagination } from '@/app/_components/pagination';
import { PageTitle, Section } from '@/app/_components/section';
import { AUDIT_ACTIONS, AUDIT_PAGE_SIZE, listAudit, type AuditAction } from '@/lib/audit';
import { requireUser } from '@/lib/auth/dal';
import { getDb } from '@/lib/db/client';
import { formatDateTime } from '@/lib/format';
import { firstValue, routes, type SearchParams, withQuery } from '@/lib/routes';
import { AdminTable } from '../_components/admin-ui';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Nhật ký hoạt động' };

/** Filters by kind of action; the value is an action prefix of lib/audit. */
const KINDS = [
  { value: '', label: 'Tất cả' },
  { value: 'login.', label: 'Đăng nhập' },
  { value: 'user.', label: 'Tài khoản' },
  { value: 'upload.', label: 'Nhập dữ liệu' },
  { value: 'batch.', label: 'Hủy lần nhập' },
  { value: 'alias.', label: 'Tên gọi khác' },
  { value: 'settings.', label: 'Thiết lập' },
  { value: 'backup.', label: 'Sao lưu' },
] as const;

function describe(details: string | null): string {
  if (!details) return '';
  try {
    return Object.entries(JSON.parse(details) as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
      .join('; ');
  } catch {
    return details;
  }
}

/** Admins: who did what and when — logins, account changes, imports, undos, alias and settings edits, backups. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireUser('admin');
  const sp = await searchParams;
  const kindParam = firstValue(sp.loai) ?? '';
  const kind = KINDS.find((k) => k.value === kindParam)?.value ?? '';
  const page = Math.max(1, Number(firstValue(sp.trang) ?? 1) || 1);
  const { rows, total } = await listAudit(await getDb(), { page, actionPrefix: kind || null });
  const hrefFor = (p: number, k: string = kind) => withQuery(routes.audit, { loai: k, trang: p > 1 ? p : null });
  return (
    <>
      <PageTitle title="Nhật ký hoạt động" subtitle="Ai làm gì, lúc nào: đăng nhập, thay đổi tài khoản, nhập và hủy lần nhập, tên gọi khác, thiết lập, sao lưu." />
      <nav aria-label="Lọc theo loại" className="mt-4 flex flex-wrap gap-2 text-sm">
        {KINDS.map((k) => (
          <Link
            key={k.value}
            href={hrefFor(1, k.value)}
            aria-current={k.value === kind ? 'page' : undefined}
            className={`rounded-tremor-small border px-2.5 py-1 ${k.value === kind ? 'border-tremor-brand bg-tremor-brand text-white' : 'border-tremor-border hover:bg-tremor-background-subtle'}`}
          >
            {k.label}
          </Link>
        ))}
      </nav>
      <div className="mt-4">
        <Section title="Các sự kiện" subtitle="Mới nhất trước">
          {rows.length === 0 ? (
            <p className="text-sm text-tremor-content">Chưa có sự kiện nào.</p>
          ) : (
            <AdminTable testId="audit" minWidth="min-w-[48rem]" headers={['Thời điểm', 'Người thực hiện', 'Việc', 'Đối tượng', 'Chi tiết', 'Địa chỉ']}>
              {rows.map((r) => (
                <tr key={r.audit_id} className="border-b border-tremor-border/60 align-top" data-action={r.action}>
                  <td className="py-2 pr-3 whitespace-nowrap tabular-nums">{formatDateTime(r.at)}</td>
                  <td className="py-2 pr-3">{r.username ?? '–'}</td>
                  <td className="py-2 pr-3">{AUDIT_ACTIONS[r.action as AuditAction] ?? r.action}</td>
                  <td className="py-2 pr-3">{r.target ?? ''}</td>
                  <td className="py-2 pr-3 text-xs text-tremor-content">{describe(r.details)}</td>
                  <td className="py-2 font-mono text-xs">{r.address ?? ''}</td>
                </tr>
              ))}
            </AdminTable>
          )}
          <Pagination page={page} pages={Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE))} total={total} pageSize={AUDIT_PAGE_SIZE} hrefFor={(p) => hrefFor(p)} />
        </Section>
      </div>
    </>
  );
}
