import { describe, expect, it } from 'vitest';
import { UnitResolver } from '@/lib/units/resolve';
import { levelOfAward, matchAward, parseAwardLevel } from '@/lib/awards/catalogue';

const resolver = new UnitResolver(
  [
    { unitId: 1, name: 'Phòng Quản lý ngân sách', abbreviation: 'QLNS' },
    { unitId: 2, name: 'Thanh tra Sở', abbreviation: 'TTr' },
    { unitId: 3, name: 'Phòng Tài chính đầu tư', abbreviation: 'TCĐT' },
    { unitId: 4, name: 'Phòng Tin học và Thống kê', abbreviation: null },
  ],
  [{ aliasKey: 'phongngansach', unitId: 1 }],
);

describe('unit resolution', () => {
  it('resolves names, abbreviations, aliases, P. prefixes, capitals and missing accents', () => {
    const id = (s: string) => {
      const m = resolver.resolve(s);
      return m.ok ? m.unitId : null;
    };
    expect(id('Phòng Quản lý ngân sách')).toBe(1);
    expect(id('PHÒNG QUẢN LÝ NGÂN SÁCH')).toBe(1);
    expect(id('phong quan ly ngan sach')).toBe(1);
    expect(id('P. Quản lý ngân sách')).toBe(1);
    expect(id('P Quản lý ngân sách')).toBe(1);
    expect(id('P. QLNS')).toBe(1);
    expect(id('QLNS')).toBe(1);
    expect(id('Phòng Ngân sách')).toBe(1);
    expect(id('TTr')).toBe(2);
    expect(id('Tài chính đầu tư')).toBe(3);
    expect(id('P.TCĐT')).toBe(3);
  });
  it('names the closest known units when it cannot resolve', () => {
    const m = resolver.resolve('Phòng Quản lí ngân sach');
    expect(m.ok).toBe(false);
    if (!m.ok) expect(m.suggestions[0]).toBe('Phòng Quản lý ngân sách');
  });
});

describe('award catalogue', () => {
  const name = (s: string) => {
    const m = matchAward(s);
    return m.ok ? m.form.name : null;
  };
  it('maps loose spellings to canonical names, with kind and level', () => {
    expect(name('LĐTT')).toBe('Lao động tiên tiến');
    expect(name('Lao động tiên tiến')).toBe('Lao động tiên tiến');
    expect(name('CSTĐCS')).toBe('Chiến sĩ thi đua cơ sở');
    expect(name('TTLĐXS')).toBe('Tập thể lao động xuất sắc');
    expect(name('Bằng khen UBND tỉnh')).toBe('Bằng khen của Bộ, ban, ngành, tỉnh');
    expect(name('Bằng khen của Chủ tịch UBND tỉnh')).toBe('Bằng khen của Bộ, ban, ngành, tỉnh');
    expect(name('Bằng khen Thủ tướng Chính phủ')).toBe('Bằng khen của Thủ tướng Chính phủ');
    expect(name('Giấy khen Giám đốc Sở')).toBe('Giấy khen của Thủ trưởng cơ quan chuyên môn và tương đương thuộc Ủy ban nhân dân cấp tỉnh');
    expect(name('Cờ thi đua UBND tỉnh')).toBe('Cờ thi đua của Bộ, ban, ngành, tỉnh');
    expect(name('Huân chương Lao động hạng 3')).toBe('Huân chương Lao động hạng ba');
    expect(name('Huân chương Lao động hạng III')).toBe('Huân chương Lao động hạng ba');
    const ldtt = matchAward('LĐTT');
    expect(ldtt.ok && ldtt.form.kind).toBe('title');
    expect(ldtt.ok && ldtt.form.level).toBe('grassroots');
    expect(levelOfAward('Huân chương Lao động hạng ba')).toBe('state');
    expect(levelOfAward('Bằng khen của Thủ tướng Chính phủ')).toBe('government');
    expect(levelOfAward('Bằng khen cấp bộ, ban, ngành, tỉnh, đoàn thể trung ương')).toBe('province');
    expect(levelOfAward('Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện')).toBe('department');
    expect(levelOfAward('Chiến sĩ thi đua cơ sở')).toBe('grassroots');
    expect(parseAwardLevel('Cấp tỉnh')).toBe('province');
    expect(parseAwardLevel('Nhà nước')).toBe('state');
    expect(parseAwardLevel('Cơ sở')).toBe('grassroots');
  });
  it('refuses unknown names with the closest canonical ones', () => {
    const m = matchAward('Huy hiệu Bác Hồ vàng');
    expect(m.ok).toBe(false);
    if (!m.ok) expect(m.suggestions).toHaveLength(3);
  });
});
