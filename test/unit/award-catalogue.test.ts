import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AWARD_KINDS, AWARD_LEVELS } from '@/lib/domain';
import { awardForms, levelOfAward, matchAward } from '@/lib/awards/catalogue';
import { admitsRecipient, onlyRecipientOf, parseAwardForms, validOn } from '@/lib/awards/forms';

const form = (name: string) => {
  const f = awardForms().find((x) => x.name === name);
  if (!f) throw new Error(`no ${name}`);
  return f;
};
const matched = (raw: string) => {
  const m = matchAward(raw);
  return m.ok ? m.form.name : null;
};

describe('award catalogue v2 (data/reference/award-forms.csv, Law 06/2022/QH15)', () => {
  it('keeps the analyst view contract: every level and kind is one v_awards allows', () => {
    for (const f of awardForms()) {
      expect(AWARD_LEVELS, f.name).toContain(f.level);
      expect(AWARD_KINDS, f.name).toContain(f.kind);
      expect(f.recipients.length, f.name).toBeGreaterThan(0);
    }
  });

  it('Điều 80 khoản 1: the head of a Sở decides only TTLĐTT, CSTĐCS, LĐTT and giấy khen', () => {
    const bySo = awardForms().filter((f) => /Điều 80 khoản 1\b/.test(f.article ?? '')).map((f) => f.name);
    expect(bySo.sort()).toEqual(
      [
        'Chiến sĩ thi đua cơ sở',
        'Giấy khen của Thủ trưởng cơ quan chuyên môn và tương đương thuộc Ủy ban nhân dân cấp tỉnh',
        'Giấy khen của Thủ trưởng cơ quan, đơn vị thuộc bộ, ngành, cơ quan ngang bộ, cơ quan thuộc Chính phủ',
        'Lao động tiên tiến',
        'Tập thể lao động tiên tiến',
      ].sort(),
    );
  });

  it('Điều 80 khoản 1: «Tập thể lao động xuất sắc» is not the Sở\'s, it is decided at province level', () => {
    expect(form('Tập thể lao động xuất sắc').level).toBe('province');
    expect(form('Tập thể lao động xuất sắc').authority).toMatch(/Chủ tịch Ủy ban nhân dân cấp tỉnh/);
  });

  it('«Chiến sĩ thi đua toàn quốc» is decided by the Prime Minister (government level)', () => {
    expect(form('Chiến sĩ thi đua toàn quốc')).toMatchObject({ level: 'government', authority: 'Thủ tướng Chính phủ' });
  });

  it('Quân kỳ quyết thắng and Vì an ninh Tổ quốc exist only as Huy chương; the old Huân chương names read as them', () => {
    expect(awardForms().some((f) => /^Huân chương (Quân kỳ quyết thắng|Vì an ninh Tổ quốc)/.test(f.name))).toBe(false);
    expect(matched('Huân chương Quân kỳ quyết thắng')).toBe('Huy chương Quân kỳ quyết thắng');
    expect(matched('Huân chương Vì an ninh Tổ quốc')).toBe('Huy chương Vì an ninh Tổ quốc');
  });

  it('the flag of the Bộ, ban, ngành, tỉnh is one form, whatever name a list uses', () => {
    const flags = awardForms().filter((f) => /^Cờ thi đua/.test(f.name)).map((f) => f.name);
    expect(flags.sort()).toEqual(['Cờ thi đua của Bộ, ban, ngành, tỉnh', 'Cờ thi đua của Chính phủ']);
    for (const s of ['Cờ thi đua của UBND tỉnh', 'Cờ thi đua cấp Bộ, ngành, tỉnh, đoàn thể trung ương', 'Cờ thi đua UBND tỉnh']) {
      expect(matched(s), s).toBe('Cờ thi đua của Bộ, ban, ngành, tỉnh');
    }
    expect(levelOfAward('Cờ thi đua của UBND tỉnh')).toBe('province');
  });

  it('Điều 80 khoản 2: district-level forms end with the district level (decided until 30/6/2025)', () => {
    const gk = form('Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện');
    expect(gk.validTo).toBe('2025-06-30');
    expect(validOn(gk, '2025-06-30')).toBe(true);
    expect(validOn(gk, '2025-07-01')).toBe(false);
    expect(validOn(gk, null)).toBe(true);
    expect(form('Thôn, tổ dân phố văn hóa').validTo).toBe('2025-06-30');
    expect(form('Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã').validTo).toBeNull();
  });

  it('recipient kinds: titles for people, for collectives, for households; commendations for several', () => {
    expect(onlyRecipientOf(form('Lao động tiên tiến'))).toBe('individual');
    expect(onlyRecipientOf(form('Chiến sĩ thi đua cơ sở'))).toBe('individual');
    expect(onlyRecipientOf(form('Tập thể lao động xuất sắc'))).toBe('collective');
    expect(onlyRecipientOf(form('Cờ thi đua của Bộ, ban, ngành, tỉnh'))).toBe('collective');
    expect(onlyRecipientOf(form('Gia đình văn hóa'))).toBe('household');
    expect(onlyRecipientOf(form('Bằng khen của Bộ, ban, ngành, tỉnh'))).toBeNull();
    expect(admitsRecipient(form('Lao động tiên tiến'), 'collective')).toBe(false);
  });

  it('every code of the real CANHAN/TAPTHE code lists decodes (a class-less family code asks for the class)', async () => {
    for (const file of ['CANHAN', 'TAPTHE']) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(`test/fixtures/real-templates/${file}.xlsx`);
      const ws = wb.getWorksheet('DANHMUC')!;
      let codes = 0;
      ws.eachRow((row, n) => {
        if (n < 3) return;
        for (const [codeCol, nameCol] of [[2, 3], [6, 7]]) {
          const code = row.getCell(codeCol).text.trim();
          const name = row.getCell(nameCol).text.trim();
          if (!/^\d{10}$/.test(code)) continue;
          codes++;
          const m = matchAward(code);
          if (m.ok) expect(matched(name) ?? m.form.name.startsWith(name.split(' ').slice(0, 2).join(' ')), `${code} ${name}`).toBeTruthy();
          else {
            expect(m.message, `${code} ${name}`).toMatch(/không ghi hạng/);
            expect(m.suggestions.length, code).toBeGreaterThan(1);
          }
        }
      });
      expect(codes, file).toBe(31);
    }
    expect(matched('1647933151')).toBe('Tập thể lao động xuất sắc');
    expect(matched('1650360299')).toBe('Huy chương Quân kỳ quyết thắng');
    const bk = matchAward('1650360491');
    expect(bk.ok && bk.form.name).toBe('Bằng khen của Bộ, ban, ngành, tỉnh');
    expect(bk.ok && bk.assumed).toMatch(/mã 1650360491 là «Bằng khen»/);
    const hcld = matchAward('1650360184');
    expect(hcld.ok).toBe(false);
    if (!hcld.ok) expect(hcld.suggestions).toEqual(['Huân chương Lao động hạng nhất', 'Huân chương Lao động hạng nhì', 'Huân chương Lao động hạng ba']);
    expect(matchAward('1234567890')).toMatchObject({ ok: false });
  });

  it('a malformed catalogue row is refused naming its line', () => {
    const head = 'name,kind,recipients,level,authority,article,valid_from,valid_to,template_code,aliases\n';
    expect(() => parseAwardForms(head + 'A,title,individual,county,x,,,,,\n')).toThrow(/line 2: level «county»/);
    expect(() => parseAwardForms(head + 'A,title,person,state,x,,,,,\n')).toThrow(/line 2: recipients/);
    expect(() => parseAwardForms(head + 'A,title,individual,state,x,,,,,\nA,title,individual,state,x,,,,,\n')).toThrow(/line 3: «A» twice/);
  });
});
