import type { NextRequest } from 'next/server';
import { requireApiUser } from '@/lib/auth/dal';
import { DATASETS, type Dataset } from '@/lib/domain';
import { attachmentHeader } from '@/lib/upload/file-name';
import { jsonError } from '@/lib/upload/http';
import { buildTemplate, templateFileName } from '@/lib/upload/templates';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Blank XLSX template for a dataset (units, activities, awards, scores), with an instruction sheet. */
export async function GET(req: NextRequest, { params }: { params: Promise<{ dataset: string }> }) {
  const auth = await requireApiUser(req, 'viewer');
  if (auth.response) return auth.response;
  const dataset = (await params).dataset.replace(/\.xlsx$/, '');
  if (!(DATASETS as readonly string[]).includes(dataset)) {
    return jsonError(404, `Không có mẫu «${dataset}». Các mẫu: ${DATASETS.join(', ')}.`);
  }
  const bytes = await buildTemplate(dataset as Dataset);
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': attachmentHeader(templateFileName(dataset as Dataset)),
      'Cache-Control': 'no-store',
    },
  });
}
