import { NextResponse } from 'next/server';
import { requireApiUser } from '@/lib/auth/dal';
import { getDb } from '@/lib/db/client';
import { todayIso } from '@/lib/filters/today';
import { buildReviewDocx } from '@/lib/review/docx';
import { buildReviewReport, reviewFileName, ReviewInputError } from '@/lib/review/report';
import { buildReviewXlsx } from '@/lib/review/xlsx';
import { SettingsError } from '@/lib/settings/store';

export const dynamic = 'force-dynamic';

const TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** GET /api/danh-gia?format=docx|xlsx&bloc=ID|NAME&period=2022-H1 — the review as a download. */
export async function GET(req: Request) {
  const auth = await requireApiUser(req, 'viewer');
  if (auth.response) return auth.response;
  const url = new URL(req.url);
  const format = url.searchParams.get('format');
  const bloc = url.searchParams.get('bloc');
  const period = url.searchParams.get('period');
  if (format !== 'docx' && format !== 'xlsx') {
    return NextResponse.json({ error: 'Tham số format phải là docx hoặc xlsx.' }, { status: 400 });
  }
  if (!bloc || !period) {
    return NextResponse.json({ error: 'Cần tham số bloc (mã hoặc tên khối) và period (ví dụ 2022-H1).' }, { status: 400 });
  }
  try {
    const report = await buildReviewReport(await getDb(), bloc, period);
    const [y, m, d] = todayIso().split('-').map(Number);
    const bytes = format === 'docx' ? await buildReviewDocx(report, new Date(y, m - 1, d)) : await buildReviewXlsx(report);
    return new NextResponse(new Uint8Array(bytes), {
      headers: {
        'Content-Type': TYPES[format],
        'Content-Disposition': `attachment; filename="${reviewFileName(report, format)}"`,
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (err) {
    if (err instanceof ReviewInputError || err instanceof SettingsError) {
      return NextResponse.json({ error: err.message }, { status: 400 });
    }
    console.error('[danh-gia] export failed', err);
    return NextResponse.json({ error: 'Không tạo được tệp. Hãy thử lại hoặc báo quản trị viên.' }, { status: 500 });
  }
}
