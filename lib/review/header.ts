import { z } from 'zod';
import { query, type Db } from '../db/client';
import type { Settings } from '../settings/definitions';
import { fold } from '../text';

/**
 * The header of the review as the Sở issues it (Decree 30/2020/NĐ-CP, Appendix I): the governing
 * body («UBND TỈNH TÂY NINH»), the issuing body («SỞ TÀI CHÍNH») and the place of the date line
 * («Tây Ninh, ngày …»). Each comes from the settings (`document.*`) when filled in, else from the
 * title block of the latest units file, whose own header already names them. A governing body
 * without its province («UBND TỈNH») is never written; an unknown place leaves dots to fill in.
 */
export interface DocumentHeader {
  parent: string | null;
  issuer: string | null;
  place: string | null;
  /** Where the values came from, for the settings page and the notices. */
  source: 'settings' | 'units file' | 'mixed' | 'none';
}

const PARENT = /^(UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)\s+(TỈNH|THÀNH PHỐ)\s*(.*)$/iu; // tone-style: both (titles typed either way)
const ISSUER = /^(SỞ|BAN|VĂN PHÒNG|THANH TRA|CỤC|CHI CỤC|TRUNG TÂM|PHÒNG)\s+\S/iu;

/** «TÂY NINH» → «Tây Ninh». */
function titleCase(s: string): string {
  return s
    .toLocaleLowerCase('vi')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toLocaleUpperCase('vi') + w.slice(1))
    .join(' ');
}

/** A governing body that names its province (not «UBND TỈNH» alone). */
function completeParent(s: string): boolean {
  const m = PARENT.exec(s.trim());
  return !m || m[3].trim().length > 0;
}

/** Parent, issuer and province from the lines of a title block. */
export function headerFromTitle(lines: readonly string[]): { parent: string | null; issuer: string | null; province: string | null } {
  let parent: string | null = null;
  let province: string | null = null;
  let issuer: string | null = null;
  for (const raw of lines) {
    const line = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
    const m = PARENT.exec(line);
    if (m && m[3].trim() && !parent) {
      parent = line.toLocaleUpperCase('vi');
      province = titleCase(m[3]);
      continue;
    }
    if (!issuer && ISSUER.test(line) && !fold(line).startsWith('cong hoa')) issuer = line.toLocaleUpperCase('vi');
  }
  return { parent, issuer, province };
}

const TitleRow = z.object({ title_block: z.string() });

/** The title block of the latest loaded units file, as lines (empty when none kept). */
export async function latestUnitsTitle(db: Db): Promise<string[]> {
  const rows = await query(
    db,
    `SELECT t.title_block FROM batch_title_blocks t JOIN import_batches b USING (batch_id)
     WHERE b.dataset = 'units' AND b.status = 'loaded' ORDER BY b.imported_at DESC, b.batch_id DESC LIMIT 1`,
    {},
    TitleRow,
  );
  return rows[0]?.title_block.split('\n') ?? [];
}

export function documentHeader(s: Settings, titleLines: readonly string[]): DocumentHeader {
  const t = headerFromTitle(titleLines);
  const fromSettings = (v: string) => (v.trim() ? v.trim() : null);
  const setParent = fromSettings(s['document.issuer_parent']);
  const parent = setParent && completeParent(setParent) ? setParent : t.parent;
  const issuer = fromSettings(s['document.issuer']) ?? t.issuer;
  const setPlace = fromSettings(s['document.place']);
  const place = setPlace && fold(setPlace) !== 'tinh' ? setPlace : t.province;
  const used = [parent === setParent && setParent !== null, issuer === fromSettings(s['document.issuer']) && issuer !== null, place === setPlace && setPlace !== null];
  const fromTitle = [parent !== null && parent === t.parent && parent !== setParent, issuer !== null && issuer === t.issuer && issuer !== fromSettings(s['document.issuer']), place !== null && place === t.province && place !== setPlace];
  const source = used.some(Boolean) && fromTitle.some(Boolean) ? 'mixed' : used.some(Boolean) ? 'settings' : fromTitle.some(Boolean) ? 'units file' : 'none';
  return { parent, issuer, place, source };
}

/** «Tây Ninh, ngày 05 tháng 01 năm 2026» (Decree 30: day < 10 and month < 3 with a leading zero). */
export function placeDateLine(place: string | null, date: Date): string {
  const d = date.getDate();
  const m = date.getMonth() + 1;
  return `${place ?? '…………'}, ngày ${String(d).padStart(2, '0')} tháng ${m < 3 ? String(m).padStart(2, '0') : m} năm ${date.getFullYear()}`;
}

/** The line under an appendix's title: «(Kèm theo Báo cáo số      /BC-STC ngày 27 tháng 11 năm 2026)»; the number is written when the report is registered. */
export function appendixReference(numberSuffix: string, date: Date): string {
  const m = date.getMonth() + 1;
  return `(Kèm theo Báo cáo số        /${numberSuffix} ngày ${String(date.getDate()).padStart(2, '0')} tháng ${m < 3 ? String(m).padStart(2, '0') : m} năm ${date.getFullYear()})`;
}
