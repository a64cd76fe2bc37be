import type { Metadata } from 'next';
import { Notices } from '@/app/_components/notices';
import { PageTitle, Section } from '@/app/_components/section';
import { requireUser } from '@/lib/auth/dal';
import { formatDateTime, formatNumber } from '@/lib/format';
import { backupRoot, listServerBackups } from '@/lib/ops/server-backups';
import { AdminTable, PRIMARY_BUTTON } from '../_components/admin-ui';
import { backupNow } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sao lưu dữ liệu' };

/** Messages by code: the URL never carries text the page would repeat. */
const ERRORS: Record<string, string> = {
  'sao-luu': 'Không sao lưu được: thư mục sao lưu trên máy chủ không ghi được hoặc đã có dữ liệu. Xem nhật ký máy chủ để biết chi tiết.',
  'loi-may-chu': 'Không sao lưu được cơ sở dữ liệu. Xem nhật ký máy chủ để biết chi tiết.',
};

/** Admins take a consistent backup while the server runs, and see the backups kept on the server. */
export default async function BackupsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requireUser('admin');
  const sp = await searchParams;
  const backups = listServerBackups();
  const done = backups.find((b) => b.name === sp['da-sao-luu']);
  const error = sp.loi ? (ERRORS[sp.loi] ?? ERRORS['loi-may-chu']) : null;
  return (
    <>
      <PageTitle
        title="Sao lưu dữ liệu"
        subtitle="Bản sao lưu nhất quán của toàn bộ cơ sở dữ liệu, tạo trong khi hệ thống vẫn phục vụ người dùng."
      />
      {done && <Notices tone="info" items={[`Đã sao lưu vào thư mục «${done.name}».`]} />}
      {error && <Notices items={[error]} />}
      <form action={backupNow} className="mt-4">
        <button type="submit" className={PRIMARY_BUTTON}>
          Sao lưu ngay
        </button>
      </form>
      <div className="mt-4">
        <Section title="Các bản sao lưu trên máy chủ" subtitle={`Thư mục ${backupRoot()}`}>
          {backups.length === 0 ? (
            <p className="text-sm text-tremor-content">Chưa có bản sao lưu nào.</p>
          ) : (
            <AdminTable testId="backups" minWidth="min-w-[36rem]" headers={['Thư mục', 'Thời điểm', 'Số bảng', 'Số dòng', 'Dung lượng (MB)']} numeric={[2, 3, 4]}>
              {backups.map((b) => (
                <tr key={b.name} className="border-b border-tremor-border/60">
                  <td className="py-2 pr-3 font-mono text-xs">{b.name}</td>
                  <td className="py-2 pr-3">{b.manifest ? formatDateTime(b.manifest.createdAt) : <span className="text-amber-700">chưa hoàn tất, không dùng được</span>}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">{b.manifest ? formatNumber(Object.keys(b.manifest.tables).length) : '–'}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">
                    {b.manifest ? formatNumber(Object.values(b.manifest.tables).reduce((s, t) => s + t.rows, 0)) : '–'}
                  </td>
                  <td className="py-2 text-right tabular-nums">{formatNumber(b.bytes / 1024 / 1024, 1)}</td>
                </tr>
              ))}
            </AdminTable>
          )}
        </Section>
      </div>
      <p className="mt-4 text-sm text-tremor-content">
        Khôi phục: dừng máy chủ rồi chạy <code className="rounded bg-tremor-background-subtle px-1">npm run -s ops -- restore THƯ_MỤC</code>. Tệp dữ liệu cũ được giữ lại
        bên cạnh; bản sao lưu được kiểm tra số dòng và dấu vân tay từng bảng trước khi thay thế.
      </p>
    </>
  );
}
