import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, query, type Db } from '@/lib/db/client';
import { importOpened } from '@/etl/pipeline';
import type { SessionUser } from '@/lib/auth/types';
import { receiveToFile } from '@/lib/upload/receive';
import { stagingDir } from '@/lib/upload/paths';
import { createStagedUpload, getStagedUpload } from '@/lib/upload/staging';
import { runStagedImport } from '@/lib/upload/run-import';
import { addOfficeAlias, listRecentReadings, listUnresolvedNames } from '@/lib/upload/aliases';
import { groupIssues } from '@/lib/units/group-issues';
import { batchUnitReadings } from '@/lib/units/readings';
import { metaOf, sheetsOf } from './etl-helpers';
import { TAY_NINH_UNITS } from './unit-names-fixture';

/** The preview of an upload: unknown names grouped, mapped in place, and the kept copy checked again. */
const office: SessionUser = { userId: 2, username: 'vanphong', role: 'office' };
const noop = () => undefined;

async function stageXlsx(db: Db, dir: string, rows: (string | number | null)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Hoạt động');
  for (const r of rows) ws.addRow(r);
  const file = path.join(dir, 'hoat-dong-tay-ninh.xlsx');
  await wb.xlsx.writeFile(file);
  const bytes = fs.readFileSync(file);
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(new Uint8Array(bytes));
      c.close();
    },
  });
  const sha = createHash('sha256').update(bytes).digest('hex');
  const got = await receiveToFile(body, { dir: stagingDir(), ext: '.xlsx', maxBytes: 10 * 1024 * 1024, expectedSize: bytes.length, expectedSha256: sha });
  const id = await createStagedUpload(db, { user: office, fileName: 'hoat-dong-tay-ninh.xlsx', fileSize: got.size, sha256: got.sha256, stagedPath: got.path });
  return (await getStagedUpload(db, id, office))!;
}

describe('upload preview: unit names', () => {
  let db: Db;
  let tmp: string;
  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-unitnames-'));
    process.env.THIDUA_UPLOAD_DIR = tmp;
    db = await openDb(':memory:');
    const r = await importOpened(db, sheetsOf({ DV: TAY_NINH_UNITS }), metaOf(TAY_NINH_UNITS), { fileName: 'don-vi.xlsx', importedBy: 'test' });
    expect(r.status).toBe('loaded');
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('groups an unknown name by its rows, maps it to a unit and checks the kept copy again', async () => {
    const unknown = 'Phòng TC-KH Gò Dầu cũ';
    const names = ['P.TC-KH H. Châu Thành', unknown, 'VP Sở', unknown, unknown, unknown, 'Thanh tra Sở', unknown];
    const rows = [
      ['BÁO CÁO HOẠT ĐỘNG TUYÊN TRUYỀN NĂM 2024', null, null, null, null, null],
      ['STT', 'Ngày thực hiện', 'Đơn vị thực hiện', 'Hình thức', 'Nội dung', 'Số người tham gia'],
      ...names.map((n, i) => [i + 1, `0${i + 1}/04/2024`, n, 'Hội nghị', `Hội nghị số ${i + 1}`, 10]),
    ];
    const staged = await stageXlsx(db, tmp, rows);
    const first = await runStagedImport(db, staged, office, {}, 'preview', noop);
    expect(first.status).toBe('rejected');
    const errors = first.result!.errors;
    expect(errors).toHaveLength(5); // one entry per row (the JSON contract)
    const groups = groupIssues(errors);
    expect(groups).toHaveLength(1);
    expect(groups[0].line).toMatch(/^Không tìm thấy đơn vị «Phòng TC-KH Gò Dầu cũ» \(dòng 4, 6–8, 10\) — gợi ý: «Phòng Tài chính - Kế hoạch huyện Gò Dầu»/);
    expect(first.result!.unitReadings!.map((r) => r.text)).toEqual(['P.TC-KH H. Châu Thành', 'VP Sở']);
    expect((await listUnresolvedNames(db)).find((u) => u.name === unknown)).toBeTruthy();

    const [goDau] = await query(db, "SELECT unit_id FROM units WHERE name = 'Phòng Tài chính - Kế hoạch huyện Gò Dầu'");
    await addOfficeAlias(db, { name: groups[0].unitName!, unitId: Number(goDau.unit_id) }, office);
    const again = await runStagedImport(db, (await getStagedUpload(db, staged.uploadId, office))!, office, {}, 'preview', noop);
    expect(again.status).toBe('validated');
    expect(again.result!.unitReadings!.find((r) => r.text === unknown)).toMatchObject({ unitName: 'Phòng Tài chính - Kế hoạch huyện Gò Dầu', rule: 'tên gọi khác đã có trong danh mục' });

    const loaded = await runStagedImport(db, (await getStagedUpload(db, staged.uploadId, office))!, office, {}, 'confirm', noop);
    expect(loaded.status).toBe('loaded');
    const kept = await batchUnitReadings(db, loaded.batchId!);
    expect(kept.map((k) => [k.text, k.unitName])).toEqual([
      ['P.TC-KH H. Châu Thành', 'Phòng Tài chính - Kế hoạch huyện Châu Thành'],
      [unknown, 'Phòng Tài chính - Kế hoạch huyện Gò Dầu'],
      ['VP Sở', 'Văn phòng Sở'],
    ]);
    const stored = await query(db, "SELECT count(*)::INTEGER AS n FROM v_activities WHERE unit_name = 'Phòng Tài chính - Kế hoạch huyện Gò Dầu'");
    expect(stored).toEqual([{ n: 5 }]);
    const alias = await query(db, 'SELECT w.created_by, w.created_at IS NOT NULL AS dated FROM unit_aliases a JOIN unit_alias_authors w USING (alias_key) WHERE a.alias = $a', { a: unknown });
    expect(alias).toEqual([{ created_by: 'vanphong', dated: true }]);
    // Readings not yet confirmed are offered on /tai-len/don-vi; confirming one makes it an alias.
    expect((await listRecentReadings(db)).map((r) => r.raw_name)).toEqual(['P.TC-KH H. Châu Thành', 'VP Sở']);
    const [chau] = await query(db, "SELECT unit_id FROM units WHERE name = 'Phòng Tài chính - Kế hoạch huyện Châu Thành'");
    await addOfficeAlias(db, { name: 'P.TC-KH H. Châu Thành', unitId: Number(chau.unit_id) }, office);
    expect((await listRecentReadings(db)).map((r) => r.raw_name)).toEqual(['VP Sở']);
  });
});
