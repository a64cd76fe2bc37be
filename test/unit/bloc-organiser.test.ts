import { describe, expect, it } from 'vitest';
import { inferBlocOrganiser } from '@/lib/bloc-organiser';

describe('who organises a bloc, inferred from its name (Law 06/2022/QH15, Điều 16 khoản 2)', () => {
  it.each([
    ['Khối thi đua các phòng thuộc Sở Tài chính', 'department'],
    ['Khối các phòng thuộc Sở', 'department'],
    ['KHỐI CÁC PHÒNG, ĐƠN VỊ THUỘC SỞ', 'department'],
    ['Cụm thi đua số 3', 'province'],
    ['Cụm thi đua các huyện, thị xã, thành phố', 'province'],
    ['Khối thi đua các cơ quan tham mưu tổng hợp của tỉnh', 'province'],
    ['Khối các sở, ban, ngành tỉnh', 'province'],
    ['Khối thi đua Phòng Tài chính – Kế hoạch các huyện', 'sector'],
    ['Khối thi đua ngành Tài chính', 'sector'],
  ])('%s → %s', (name, kind) => {
    expect(inferBlocOrganiser(name)).toBe(kind);
  });

  it('says nothing when the name does not say it', () => {
    expect(inferBlocOrganiser('Khối thi đua số 1')).toBeNull();
    expect(inferBlocOrganiser('Khối A')).toBeNull();
  });
});
