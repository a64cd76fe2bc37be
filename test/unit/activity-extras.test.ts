import { describe, expect, it } from 'vitest';
import { openDb, query } from '@/lib/db/client';
import { checkReach, exemplarKindOfColumn, exemplarKindsIn, exemplarKindsSql, ExemplarTyping, proposedOf } from '@/etl/datasets/activity-extras';

describe('exemplar kinds (điển hình tiên tiến, mô hình mới, nhân tố mới, người tốt việc tốt)', () => {
  const TEXTS: [string, string[]][] = [
    ['Tuyên truyền gương ĐIỂN HÌNH TIÊN TIẾN năm 2025', ['advanced']],
    ['Người tốt, việc tốt ở phường 3', ['good_deed']],
    ['Mô hình mới và nhân tố mới trong thu ngân sách', ['new_model', 'new_factor']],
    ['Mô hình mới; mô hình mới', ['new_model']],
    ['Hội nghị sơ kết 6 tháng', []],
    ['Điển hình', []],
  ];
  it.each(TEXTS)('«%s» names %j, in JS and in the SQL of a bulk body alike', async (text, kinds) => {
    expect(exemplarKindsIn(text)).toEqual(kinds);
    const db = await openDb(':memory:');
    const [row] = await query<{ k: string[] }>(db, `SELECT ${exemplarKindsSql('$t')} AS k`, { t: text });
    expect([...row.k].sort()).toEqual([...kinds].sort());
  });

  it('the «Loại điển hình» column: labels, short forms, nothing, or not understood', () => {
    expect(exemplarKindOfColumn('Điển hình tiên tiến')).toBe('advanced');
    expect(exemplarKindOfColumn('NTVT')).toBe('good_deed');
    expect(exemplarKindOfColumn('Gương người tốt')).toBe('good_deed');
    expect(exemplarKindOfColumn('Mô hình')).toBe('new_model');
    expect(exemplarKindOfColumn('')).toBeNull();
    expect(exemplarKindOfColumn('Loại lạ')).toBeUndefined();
    expect(exemplarKindOfColumn('Mô hình mới, nhân tố mới')).toBeUndefined();
  });

  it('a stated kind wins; else the exemplar, else the title (for a row with an exemplar); two kinds leave it empty with one grouped warning', () => {
    const t = new ExemplarTyping();
    expect(t.kind(5, 'Nhân tố mới', 'Điển hình tiên tiến A', '')).toBe('new_factor');
    expect(t.kind(6, '', 'Nguyễn Văn A, người tốt việc tốt', 'Mô hình mới')).toBe('good_deed');
    expect(t.kind(7, '', 'Tổ thu ngân sách', 'Giới thiệu mô hình mới')).toBe('new_model');
    expect(t.kind(8, '', 'Tổ Kho bạc', 'Mô hình mới, nhân tố mới')).toBeNull();
    expect(t.kind(9, '', 'Tổ Kho bạc', 'Nhân tố mới và mô hình mới')).toBeNull();
    // No exemplar named: nothing to type, whatever the title says.
    expect(t.kind(10, '', '', 'Tuyên truyền người tốt việc tốt')).toBeNull();
    expect(t.kind(11, 'Nhân tố mới', '', 'Tuyên truyền')).toBe('new_factor');
    const notes = t.notes();
    expect(notes).toHaveLength(1);
    expect(notes[0][2]).toBe('exemplar_kind_ambiguous');
    expect(notes[0][1]).toContain('2 dòng (dòng 8–9)');
    expect(notes[0][1]).toContain('«Mô hình mới» và «Nhân tố mới»');
  });
});

describe('proposed to the province council, reach', () => {
  it('có / x / ✓ are yes, không / 0 no, empty unknown, anything else is asked about', () => {
    for (const v of ['có', 'Có', 'x', 'X', '✓', '✔', 1, true, 'Đã đề nghị']) expect(proposedOf(v as never), String(v)).toBe(true);
    for (const v of ['không', '0', 0, false]) expect(proposedOf(v as never), String(v)).toBe(false);
    expect(proposedOf(null)).toBeNull();
    expect(proposedOf('  ')).toBeNull();
    expect(proposedOf('có lẽ')).toBeUndefined();
  });

  it('reach is a whole number ≥ 0, empty is unknown (not 0)', () => {
    expect(checkReach('12.500')).toEqual({ ok: true, value: 12500 });
    expect(checkReach(null)).toEqual({ ok: true, value: null });
    expect(checkReach('-1')).toMatchObject({ ok: false, code: 'reach_negative' });
    expect(checkReach('nhiều')).toMatchObject({ ok: false, code: 'reach_invalid' });
  });
});
