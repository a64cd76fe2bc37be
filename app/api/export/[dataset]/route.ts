import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { NextRequest } from 'next/server';
import { requireApiUser } from '@/lib/auth/dal';
import { getDb } from '@/lib/db/client';
import { AWARD_KIND_LABELS, AWARD_LEVEL_LABELS, CHANNEL_LABELS, EXEMPLAR_KIND_LABELS, RECIPIENT_TYPE_LABELS, type AwardKind, type AwardLevel, type Channel, type ExemplarKind, type RecipientType } from '@/lib/domain';
import { parseActivityListFilters, parseAwardListFilters } from '@/lib/filters/lists';
import { formatDate } from '@/lib/format';
import { listActivities, listAwards } from '@/lib/queries/lists';
import { safeCell } from '@/lib/spreadsheet-safety';
import { EXPORT_MAX_ROWS } from '@/app/_components/export-links';
import { type SearchParams } from '@/lib/routes';

export const dynamic = 'force-dynamic';

type Cell = string | number | null;
interface Sheet {
  name: string;
  headers: string[];
  rows: Cell[][];
}

async function activitiesSheet(sp: SearchParams): Promise<Sheet> {
  const { filters } = parseActivityListFilters(sp);
  const page = await listActivities(await getDb(), filters, EXPORT_MAX_ROWS);
  return {
    name: 'Hoạt động',
    headers: ['Ngày', 'Đơn vị', 'Kênh', 'Nội dung', 'Số người tham gia', 'Số lượt xem', 'Điển hình', 'Loại điển hình', 'Đề nghị Hội đồng TĐKT tỉnh'],
    rows: page.rows.map((r) => [
      formatDate(r.activity_date),
      r.unit_name,
      CHANNEL_LABELS[r.channel as Channel] ?? r.channel,
      r.title,
      r.participants,
      r.reach,
      r.exemplar,
      r.exemplar_kind ? (EXEMPLAR_KIND_LABELS[r.exemplar_kind as ExemplarKind] ?? r.exemplar_kind) : null,
      r.exemplar_proposed ? 'x' : null,
    ]),
  };
}

async function awardsSheet(sp: SearchParams): Promise<Sheet> {
  const { filters } = parseAwardListFilters(sp);
  const page = await listAwards(await getDb(), filters, EXPORT_MAX_ROWS);
  return {
    name: 'Khen thưởng',
    headers: ['Người / tập thể', 'Đối tượng', 'Đơn vị', 'Hình thức, danh hiệu', 'Loại', 'Cấp khen', 'Số quyết định', 'Ngày quyết định', 'Năm'],
    rows: page.rows.map((r) => [
      r.recipient_name,
      RECIPIENT_TYPE_LABELS[r.recipient_type as RecipientType] ?? r.recipient_type,
      r.unit_name,
      r.award_name,
      AWARD_KIND_LABELS[r.award_kind as AwardKind] ?? r.award_kind,
      r.award_level ? AWARD_LEVEL_LABELS[r.award_level as AwardLevel] : null,
      r.decision_no,
      r.decision_date ? formatDate(r.decision_date) : null,
      r.award_year,
    ]),
  };
}

const SHEETS = { activities: activitiesSheet, awards: awardsSheet } as const;
const FILE_NAMES = { activities: 'hoat-dong', awards: 'khen-thuong' } as const;

/** GET /api/export/activities|awards?…list filters…&format=csv|xlsx — what the list shows, formula cells neutralised. */
export async function GET(req: NextRequest, { params }: { params: Promise<{ dataset: string }> }) {
  const auth = await requireApiUser(req);
  if (auth.response) return auth.response;
  const { dataset } = await params;
  if (dataset !== 'activities' && dataset !== 'awards') {
    return Response.json({ error: `Không có danh sách "${dataset}" để xuất; dùng activities hoặc awards.` }, { status: 404 });
  }
  const sp: SearchParams = Object.fromEntries(req.nextUrl.searchParams.entries());
  const format = sp.format ?? 'csv';
  if (format !== 'csv' && format !== 'xlsx') {
    return Response.json({ error: `Định dạng "${format}" không hỗ trợ; dùng format=csv hoặc format=xlsx.` }, { status: 400 });
  }
  try {
    const sheet = await SHEETS[dataset](sp);
    const rows = sheet.rows.map((r) => r.map((c) => safeCell(c)));
    const stamp = new Date().toISOString().slice(0, 10);
    const fileName = `${FILE_NAMES[dataset]}-${stamp}.${format}`;
    if (format === 'csv') {
      // BOM so Excel opens UTF-8 Vietnamese correctly.
      const body = '\uFEFF' + Papa.unparse({ fields: sheet.headers.map((h) => safeCell(h)), data: rows }, { newline: '\r\n' });
      return new Response(body, {
        headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${fileName}"`, 'cache-control': 'no-store' },
      });
    }
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(sheet.name);
    ws.addRow(sheet.headers).font = { bold: true };
    for (const r of rows) ws.addRow(r);
    ws.columns.forEach((c) => (c.width = 22));
    const buf = await wb.xlsx.writeBuffer();
    return new Response(new Uint8Array(buf as ArrayBuffer), {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="${fileName}"`,
        'cache-control': 'no-store',
      },
    });
  } catch (err) {
    console.error('[export] failed', err);
    return Response.json({ error: 'Không xuất được danh sách; lỗi đã được ghi lại trên máy chủ. Hãy thử lại.' }, { status: 500 });
  }
}
