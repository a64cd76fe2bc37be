import { PassThrough, Readable } from 'node:stream';
import type { NextRequest } from 'next/server';
import { requireApiUser } from '@/lib/auth/dal';
import { getDb } from '@/lib/db/client';
import { importLimits } from '@/lib/env';
import { openSpreadsheet } from '@/etl/read';
import { writeErrorWorkbook } from '@/lib/upload/error-workbook';
import { attachmentHeader } from '@/lib/upload/file-name';
import { jsonError, NOT_FOUND } from '@/lib/upload/http';
import { getStagedUpload } from '@/lib/upload/staging';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** The uploaded sheet with an extra «Lỗi» column and the faulty cells marked, to send back to the division. */
export async function GET(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const auth = await requireApiUser(req, 'office');
  if (auth.response) return auth.response;
  const staged = await getStagedUpload(await getDb(), (await params).id, auth.user);
  if (!staged || !staged.result) return jsonError(404, NOT_FOUND);
  const result = staged.result;

  let rows: AsyncIterable<import('@/etl/types').RawRow> | [] = [];
  let sheetName = result.sheet;
  let close: (() => Promise<void>) | undefined;
  try {
    const opened = await openSpreadsheet({ path: staged.stagedPath }, staged.fileName, importLimits());
    close = opened.close;
    const sheet = opened.sheets.find((s) => s.name === result.sheet) ?? opened.sheets[0];
    if (sheet) {
      rows = sheet.rows();
      sheetName = sheet.name;
    }
  } catch {
    // A file the reader refuses has no rows to copy: the workbook still lists the errors.
  }
  // Streamed as it is written (lib/upload/error-workbook.ts bounds its size); the reader's worker
  // thread is freed once the last row is copied.
  const out = new PassThrough();
  writeErrorWorkbook(
    { sheetName: opened(sheetName, staged.fileName), rows, errors: result.errors, warnings: result.warnings, headerMapping: result.headerMapping, fileName: staged.fileName },
    out,
  )
    .catch((err: unknown) => {
      console.error('[upload] error workbook failed', err);
      out.destroy(err as Error);
    })
    .finally(() => close?.());
  const base = staged.fileName.replace(/\.[^.]+$/, '');
  return new Response(Readable.toWeb(out) as ReadableStream<Uint8Array>, {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': attachmentHeader(`${base} - danh dau loi.xlsx`),
      'Cache-Control': 'no-store',
    },
  });
}

/** CSV "sheets" are named after the file; keep the sheet name short and meaningful. */
function opened(sheetName: string | null, fileName: string): string {
  if (!sheetName || sheetName === fileName) return 'Dữ liệu';
  return sheetName;
}
