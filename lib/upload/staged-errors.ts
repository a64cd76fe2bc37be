import { PassThrough, type Readable } from 'node:stream';
import { importLimits } from '@/lib/env';
import type { RawRow } from '@/lib/import/types';
import { openSpreadsheet } from '@/etl/read';
import { writeErrorWorkbook } from './error-workbook';
import type { StagedUpload } from './staging';

/**
 * The staged file with an extra «Lỗi» column and its faulty cells marked, streamed as it is
 * written (error-workbook.ts bounds its size). The file is read again by the pipeline's reader,
 * in its worker thread, which is freed once the last row is copied.
 */
export async function stagedErrorWorkbook(staged: StagedUpload & { result: NonNullable<StagedUpload['result']> }): Promise<{ stream: Readable; fileName: string }> {
  const result = staged.result;
  let rows: AsyncIterable<RawRow> | [] = [];
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
  const out = new PassThrough();
  writeErrorWorkbook(
    { sheetName: workbookSheetName(sheetName, staged.fileName), rows, errors: result.errors, warnings: result.warnings, headerMapping: result.headerMapping, fileName: staged.fileName },
    out,
  )
    .catch((err: unknown) => {
      console.error('[upload] error workbook failed', err);
      out.destroy(err as Error);
    })
    .finally(() => close?.());
  return { stream: out, fileName: `${staged.fileName.replace(/\.[^.]+$/, '')} - danh dau loi.xlsx` };
}

/** CSV "sheets" are named after the file; keep the sheet name short and meaningful. */
function workbookSheetName(sheetName: string | null, fileName: string): string {
  if (!sheetName || sheetName === fileName) return 'Dữ liệu';
  return sheetName;
}
