import { describe, expect, it } from 'vitest';
import { UnitResolver, type KnownUnit } from '@/lib/units/resolve';
import { groupIssues, rowRanges } from '@/lib/units/group-issues';
import { unitProblem } from '@/lib/units/messages';
import type { ImportIssue } from '@/lib/import/types';

/** The units of a provincial finance department (Sở Tài chính Tây Ninh) and its district offices. */
export const TAY_NINH: KnownUnit[] = [
  { unitId: 1, name: 'Sở Tài chính', abbreviation: 'STC' },
  { unitId: 2, name: 'Văn phòng Sở', abbreviation: null },
  { unitId: 3, name: 'Thanh tra Sở', abbreviation: null },
  { unitId: 4, name: 'Phòng Quản lý ngân sách', abbreviation: 'QLNS' },
  { unitId: 5, name: 'Phòng Tài chính hành chính sự nghiệp', abbreviation: 'HCSN' },
  { unitId: 6, name: 'Phòng Tài chính đầu tư', abbreviation: null },
  { unitId: 7, name: 'Phòng Tài chính doanh nghiệp', abbreviation: null },
  { unitId: 8, name: 'Phòng Tin học - Thống kê', abbreviation: 'THTK' },
  { unitId: 10, name: 'Phòng Tài chính - Kế hoạch thành phố Tây Ninh', abbreviation: null },
  { unitId: 11, name: 'Phòng Tài chính - Kế hoạch thị xã Hòa Thành', abbreviation: null },
  { unitId: 12, name: 'Phòng Tài chính - Kế hoạch thị xã Trảng Bàng', abbreviation: null },
  { unitId: 13, name: 'Phòng Tài chính - Kế hoạch huyện Châu Thành', abbreviation: null },
  { unitId: 14, name: 'Phòng Tài chính - Kế hoạch huyện Tân Châu', abbreviation: null },
  { unitId: 15, name: 'Phòng Tài chính - Kế hoạch huyện Dương Minh Châu', abbreviation: null },
  { unitId: 16, name: 'Phòng Tài chính - Kế hoạch huyện Gò Dầu', abbreviation: null },
  { unitId: 20, name: 'Thanh tra tỉnh', abbreviation: null },
];

const resolver = new UnitResolver(TAY_NINH, []);
const id = (s: string) => {
  const m = resolver.resolve(s);
  return m.ok ? m.unitId : null;
};

describe('unit names as offices write them', () => {
  it('reads abbreviations, P./Phòng, TP/TX/H., dashes, case and accents', () => {
    for (const s of [
      'Phòng TC-KH thành phố Tây Ninh',
      'P.TC-KH TP Tây Ninh',
      'Phòng TCKH Tp. Tây Ninh',
      'PHÒNG TÀI CHÍNH – KẾ HOẠCH THÀNH PHỐ TÂY NINH',
      'phong tai chinh ke hoach thanh pho tay ninh',
      'Phòng Tài chính Kế hoạch TP.Tây Ninh',
      'P. TC - KH TP. Tây Ninh',
    ]) expect(id(s), s).toBe(10);
    for (const s of ['Phòng TC-KH TX Hòa Thành', 'Phòng TCKH Hoà Thành', 'P.TC–KH thị xã Hoà Thành', 'Phòng TC-KH huyện Hòa Thành']) expect(id(s), s).toBe(11);
    for (const s of ['P.TC-KH H. Châu Thành', 'Phòng TC-KH Châu Thành', 'Phòng TCKH H.Châu Thành']) expect(id(s), s).toBe(13);
    expect(id('Phòng TC-KH Dương Minh Châu')).toBe(15);
    expect(id('Phòng TC-KH Tân Châu')).toBe(14);
    expect(id('Sở TC')).toBe(1);
    expect(id('VP Sở')).toBe(2);
    expect(id('TTr Sở')).toBe(3);
    expect(id('P. QLNS')).toBe(4);
    expect(id('Phòng TC HCSN')).toBe(5);
    expect(id('Phòng TCĐT')).toBe(6);
    expect(id('P.TC-ĐT')).toBe(6);
    expect(id('Phòng TCDN')).toBe(7);
    expect(id('Phòng THTK')).toBe(8);
    expect(id('Phòng Tin học và Thống kê')).toBe(8);
    expect(id('Thanh tra Sở Tài chính')).toBe(3);
    expect(id('Văn phòng Sở Tài chính')).toBe(2);
    expect(id('Sở Tài chính')).toBe(1);
  });

  it('says how it read a name, and nothing when the name is written as in the catalogue', () => {
    const m = resolver.resolve('P.TC-KH H. Châu Thành');
    expect(m.ok && m.reading).toBe('viết tắt P. = Phòng; TC-KH = Tài chính - Kế hoạch; H. = huyện');
    const k = resolver.resolve('Phòng TC-KH Hòa Thành');
    expect(k.ok && k.reading).toContain('không ghi «thị xã»');
    const exact = resolver.resolve('Thanh tra Sở');
    expect(exact.ok && exact.reading).toBe(null);
    const r = resolver.readings();
    expect(r.find((x) => x.text === 'P.TC-KH H. Châu Thành')).toMatchObject({ unitId: 13, unitName: 'Phòng Tài chính - Kế hoạch huyện Châu Thành' });
    expect(r.some((x) => x.text === 'Thanh tra Sở')).toBe(false);
  });

  it('refuses a name that fits several units and names every one', () => {
    const m = resolver.resolve('Thanh tra');
    expect(m.ok).toBe(false);
    if (!m.ok) expect(m.candidates).toEqual(['Thanh tra Sở', 'Thanh tra tỉnh']);
    const two = new UnitResolver(
      [...TAY_NINH, { unitId: 30, name: 'Phòng Tài chính - Kế hoạch huyện Châu Thành tỉnh Long An', abbreviation: null }],
      [],
    );
    const c = two.resolve('Phòng TC-KH Châu Thành');
    expect(c.ok).toBe(false);
    if (!c.ok) {
      expect(c.candidates).toEqual(['Phòng Tài chính - Kế hoạch huyện Châu Thành', 'Phòng Tài chính - Kế hoạch huyện Châu Thành tỉnh Long An']);
      const p = unitProblem('Phòng TC-KH Châu Thành', c);
      expect(p.code).toBe('unit_ambiguous');
      expect(p.message).toContain('«Phòng Tài chính - Kế hoạch huyện Châu Thành tỉnh Long An»');
    }
    // Written in full, the Tây Ninh office is the one named.
    expect(two.resolve('Phòng TC-KH huyện Châu Thành').ok).toBe(true);
  });

  it('ranks suggestions by meaning: a district finance office is offered district finance offices', () => {
    const m = resolver.resolve('Phòng TC-KH huyện Tân Biên');
    expect(m.ok).toBe(false);
    if (!m.ok) {
      expect(m.suggestions).toHaveLength(3);
      for (const s of m.suggestions) expect(s).toMatch(/^Phòng Tài chính - Kế hoạch huyện/);
      expect(m.suggestions).not.toContain('Thanh tra tỉnh');
    }
    const place = resolver.resolve('UBND huyện Gò Dầu');
    expect(!place.ok && place.suggestions[0]).toBe('Phòng Tài chính - Kế hoạch huyện Gò Dầu');
    const typo = resolver.resolve('Phòng Quản lí ngân sach');
    expect(!typo.ok && typo.suggestions[0]).toBe('Phòng Quản lý ngân sách');
  });

  it('does not read a person or a short word as a unit', () => {
    expect(id('Nguyễn Văn Thanh')).toBe(null);
    expect(id('Tài')).toBe(null);
    expect(id('')).toBe(null);
  });
});

describe('issues grouped by cause', () => {
  it('writes runs of rows as ranges', () => {
    expect(rowRanges([20, 4, 9, 15, 16, 17, 18, 19, 9])).toBe('4, 9, 15–20');
    expect(rowRanges([3, 4])).toBe('3, 4');
  });
  it('one line per unknown unit name with its rows and suggestions', () => {
    const m = resolver.resolve('Phòng TC-KH Tân Biên');
    if (m.ok) throw new Error('should not resolve');
    const p = unitProblem('Phòng TC-KH Tân Biên', m);
    const rows = [4, 9, 15, 16, 17, 18, 19, 20];
    const issues: ImportIssue[] = rows.map((row) => ({ row, column: 'Đơn vị', message: `Dòng ${row}, cột «Đơn vị»: ${p.message}`, severity: 'error' as const, code: p.code }));
    issues.push({ row: 7, column: 'Ngày', message: 'Dòng 7, cột «Ngày»: thiếu ngày thực hiện.', severity: 'error', code: 'date_missing' });
    const g = groupIssues(issues);
    expect(g).toHaveLength(2);
    expect(g[0].line).toBe(`Không tìm thấy đơn vị «Phòng TC-KH Tân Biên» (dòng 4, 9, 15–20) — gợi ý: ${m.suggestions.map((s) => `«${s}»`).join(', ')}`);
    expect(g[0].count).toBe(8);
    expect(g[1].line).toBe('Thiếu ngày thực hiện. (dòng 7)');
  });
});

describe('suggestions stay quick on a large catalogue', () => {
  it('ranks 300 unknown names against 2,000 units in well under a second each', () => {
    const units: KnownUnit[] = [];
    for (let i = 0; i < 2000; i++) units.push({ unitId: i + 1, name: `Phòng Tài chính - Kế hoạch huyện Số${i} Xã${i % 97}`, abbreviation: null });
    units.push({ unitId: 5000, name: 'Phòng Quản lý ngân sách', abbreviation: null });
    const big = new UnitResolver(units, []);
    const t0 = performance.now();
    for (let i = 0; i < 300; i++) expect(big.resolve(`Phòng Quản lí ngân sach mới ${i}`).ok).toBe(false);
    const ms = performance.now() - t0;
    expect(big.resolve('Phòng Quản lí ngân sach mới 1')).toMatchObject({ suggestions: ['Phòng Quản lý ngân sách'] });
    expect(ms / 300).toBeLessThan(200);
  });
});
