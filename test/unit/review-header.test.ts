import { describe, expect, it } from 'vitest';
import { appendixReference, documentHeader, headerFromTitle, placeDateLine } from '@/lib/review/header';
import { SEED_VALUE } from '@/lib/settings/definitions';

const TITLE = ['UBND TỈNH TÂY NINH', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'SỞ TÀI CHÍNH', 'Độc lập - Tự do - Hạnh phúc', 'DANH SÁCH ĐƠN VỊ VÀ KHỐI THI ĐUA'];

describe('document header as the Sở issues it (Decree 30/2020/NĐ-CP, Appendix I)', () => {
  it('reads the governing body, the issuing body and the province from a units file title block', () => {
    expect(headerFromTitle(TITLE)).toEqual({ parent: 'UBND TỈNH TÂY NINH', issuer: 'SỞ TÀI CHÍNH', province: 'Tây Ninh' });
    expect(headerFromTitle(['ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH', 'SỞ NỘI VỤ'])).toEqual({
      parent: 'ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH',
      issuer: 'SỞ NỘI VỤ',
      province: 'Hồ Chí Minh',
    });
  });

  it('settings win when filled in; else the title block; never «UBND TỈNH» without a province nor «Tỉnh, ngày»', () => {
    const s = { ...SEED_VALUE, 'document.issuer': '', 'document.issuer_parent': '', 'document.place': '' };
    expect(documentHeader(s, TITLE)).toEqual({ parent: 'UBND TỈNH TÂY NINH', issuer: 'SỞ TÀI CHÍNH', place: 'Tây Ninh', source: 'units file' });
    const old = { ...SEED_VALUE, 'document.issuer_parent': 'UBND TỈNH', 'document.place': 'Tỉnh' };
    expect(documentHeader(old, TITLE)).toMatchObject({ parent: 'UBND TỈNH TÂY NINH', place: 'Tây Ninh' });
    expect(documentHeader(old, [])).toMatchObject({ parent: null, issuer: 'SỞ TÀI CHÍNH', place: null });
    const own = { ...SEED_VALUE, 'document.issuer_parent': 'UBND TỈNH LONG AN', 'document.place': 'Long An' };
    expect(documentHeader(own, TITLE)).toMatchObject({ parent: 'UBND TỈNH LONG AN', place: 'Long An', source: 'settings' });
    expect(placeDateLine(null, new Date(2026, 0, 5))).toBe('…………, ngày 05 tháng 01 năm 2026');
    expect(placeDateLine('Tây Ninh', new Date(2026, 10, 27))).toBe('Tây Ninh, ngày 27 tháng 11 năm 2026');
  });

  it('recipients include «Lãnh đạo Sở»; appendices cite the report they go with', () => {
    expect(SEED_VALUE['document.recipients']).toContain('Lãnh đạo Sở;');
    expect(appendixReference('BC-STC', new Date(2026, 1, 3))).toBe('(Kèm theo Báo cáo số        /BC-STC ngày 03 tháng 02 năm 2026)');
  });
});
