import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** The CLI: readings as an extra --json field (documented fields unchanged), errors grouped by cause for people. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etl-cli-units-'));
const db = path.join(dir, 't.duckdb');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function etl(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/cli/thidua.ts', 'etl', ...args], { cwd: process.cwd(), encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function write(name: string, lines: string[]): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, '\uFEFF' + lines.join('\n') + '\n');
  return f;
}

describe('etl CLI: unit names', () => {
  it('prints the readings in --json, one error per row there, and one line per unknown name for people', () => {
    const units = write('units.csv', [
      'STT;Tên đơn vị;Tên viết tắt;Loại đơn vị;Khối thi đua;Năm',
      '1;Văn phòng Sở;VP;Phòng thuộc Sở;Khối các phòng thuộc Sở;2024',
      '2;Phòng Tài chính - Kế hoạch huyện Châu Thành;;Phòng TC-KH huyện;Khối Phòng TC-KH;2024',
      '3;Phòng Tài chính - Kế hoạch thị xã Hòa Thành;;Phòng TC-KH huyện;Khối Phòng TC-KH;2024',
    ]);
    expect(etl('import', units, '--db', db, '--json').code).toBe(0);
    const head = 'STT;Ngày thực hiện;Đơn vị thực hiện;Hình thức;Nội dung;Số người tham gia';
    const bad = write('hd-sai.csv', [
      head,
      '1;01/03/2024;P.TC-KH H. Châu Thành;Hội nghị;Hội nghị 1;10',
      '2;02/03/2024;Phòng TC-KH Tân Biên;Hội nghị;Hội nghị 2;10',
      '3;03/03/2024;Phòng TC-KH Tân Biên;Hội nghị;Hội nghị 3;10',
      '4;04/03/2024;Phòng TC-KH Tân Biên;Hội nghị;Hội nghị 4;10',
    ]);
    const json = etl('import', bad, '--db', db, '--json');
    expect(json.code).toBe(1);
    const out = JSON.parse(json.stdout);
    expect(out.errors.map((e: { row: number }) => e.row)).toEqual([3, 4, 5]);
    expect(Object.keys(out.errors[0])).toEqual(['row', 'column', 'message']);
    expect(out.unitReadings).toEqual([
      { text: 'P.TC-KH H. Châu Thành', unitId: 2, unitName: 'Phòng Tài chính - Kế hoạch huyện Châu Thành', rule: 'viết tắt P. = Phòng; TC-KH = Tài chính - Kế hoạch; H. = huyện' },
    ]);
    const human = etl('import', bad, '--db', db);
    expect(human.code).toBe(1);
    const lines = human.stdout.split('\n').filter((l) => l.includes('Tân Biên'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Không tìm thấy đơn vị «Phòng TC-KH Tân Biên» \(dòng 3–5\) — gợi ý: «Phòng Tài chính - Kế hoạch/);
    expect(human.stdout).toContain('Đã hiểu «P.TC-KH H. Châu Thành» là «Phòng Tài chính - Kế hoạch huyện Châu Thành»');

    const good = write('hd.csv', [head, '1;01/03/2024;Phòng TCKH Hòa Thành;Hội nghị;Hội nghị 1;10']);
    const loaded = JSON.parse(etl('import', good, '--db', db, '--json').stdout);
    expect(loaded).toMatchObject({ status: 'loaded', rowsLoaded: 1, errors: [] });
    expect(loaded.unitReadings).toEqual([
      { text: 'Phòng TCKH Hòa Thành', unitId: 3, unitName: 'Phòng Tài chính - Kế hoạch thị xã Hòa Thành', rule: 'viết tắt TCKH = Tài chính - Kế hoạch; không ghi «thị xã»' },
    ]);
  }, 300_000);
});
