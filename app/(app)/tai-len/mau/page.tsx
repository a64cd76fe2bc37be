import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/dal';
import { DATASET_LABELS, DATASETS } from '@/lib/domain';
import { TEMPLATE_COLUMNS, templateFileName } from '@/lib/upload/templates';
import { api, routes } from '@/lib/routes';
import { UploadTabs } from '../_components/sub-nav';

export const metadata: Metadata = { title: 'Mẫu nhập liệu' };
export const dynamic = 'force-dynamic';

export default async function TemplatesPage() {
  await requireUser('office');
  return (
    <div>
      <h1 className="text-2xl font-semibold text-tremor-content-strong">Mẫu nhập liệu</h1>
      <p className="mt-1 max-w-3xl text-sm text-tremor-content">
        Mẫu Excel trống cho từng loại dữ liệu, kèm trang «Hướng dẫn». Gửi mẫu cho các phòng, đơn vị; tệp điền theo mẫu được nhận ngay khi tải lên.
      </p>
      <UploadTabs current={routes.templates} />
      <ul className="mt-6 grid gap-4 sm:grid-cols-2">
        {DATASETS.map((d) => (
          <li key={d} className="rounded-tremor-default bg-white p-5 ring-1 ring-tremor-ring">
            <h2 className="font-semibold text-tremor-content-strong">{DATASET_LABELS[d]}</h2>
            <p className="mt-1 text-sm text-tremor-content">
              Cột: {TEMPLATE_COLUMNS[d].map((c) => (c.required ? `${c.header}*` : c.header)).join(' · ')}
            </p>
            <a
              href={api.template(d)}
              download={templateFileName(d)}
              className="mt-3 inline-block rounded-md bg-blue-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-700"
            >
              Tải mẫu {templateFileName(d)}
            </a>
          </li>
        ))}
      </ul>
      <p className="mt-4 text-xs text-tremor-content">* cột bắt buộc.</p>
    </div>
  );
}
