import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSpreadsheet } from '@/etl/read';
import { collect, LIMITS } from '@/test/fixtures/read/helpers';

const TEMPLATES = path.join(import.meta.dirname, '../fixtures/real-templates');

const open = (name: string) => readSpreadsheet({ path: path.join(TEMPLATES, name) }, name, LIMITS);

describe('real award-proposal templates', () => {
  it('CANHAN.xlsx: individual list, merged title, header on row 3 with line breaks', async () => {
    const f = await open('CANHAN.xlsx');
    expect(f.format).toBe('xlsx');
    expect(f.sheets.map((s) => [s.name, !!s.hidden])).toEqual([
      ['DANHSACH', false],
      ['DANHMUC', false],
    ]);
    const rows = await collect(f.sheets[0]);
    expect(rows.map((r) => r.rowNumber)).toEqual([1, 3]);
    expect(rows[0].cells).toEqual(Array(11).fill('DANH SÁCH ĐỐI TƯỢNG ĐỀ NGHỊ KHEN THƯỞNG'));
    expect(rows[1].cells).toEqual([
      'STT',
      'Họ và tên',
      'Giới tính',
      'Ngày sinh',
      'Chức vụ',
      'Tên phòng ban/ khối, tổ \ncông tác',
      'Tên đơn vị/tập thể\ncông tác',
      'Địa chỉ / Nơi ở',
      'Mã phân loại cán bộ',
      'Mã hình thức khen thưởng',
      'Mã danh hiệu thi đua\n(nếu có)',
    ]);
    const codes = await collect(f.sheets[1]);
    expect(codes[0]).toEqual({
      rowNumber: 2,
      cells: ['STT', 'Mã số', 'Hình thức khen thưởng', null, 'STT', 'Mã số', 'Danh hiệu thi đua', null, 'STT', 'Mã phân loại cán bộ', 'Phân loại cán bộ'],
    });
    expect(codes[1].cells.slice(0, 3)).toEqual([1, '1650359884', 'Huân chương Sao vàng']);
  });

  it('TAPTHE.xlsx: collective list header', async () => {
    const f = await open('TAPTHE.xlsx');
    expect(f.sheets.map((s) => s.name)).toEqual(['DANHSACH', 'DANHMUC']);
    const rows = await collect(f.sheets[0]);
    expect(rows[1]).toEqual({
      rowNumber: 3,
      cells: ['STT', 'Tên đơn vị / tập thể', 'Mã phân loại tập thể', 'Mã hình thức khen thưởng', 'Mã danh hiệu thi đua\n(nếu có)'],
    });
  });

  it('NHANDULIEU.xlsx: header on row 3 and four example rows', async () => {
    const f = await open('NHANDULIEU.xlsx');
    expect(f.sheets.map((s) => s.name)).toEqual(['DANHSACH', 'DANHMUC']);
    const rows = await collect(f.sheets[0]);
    expect(rows.map((r) => r.rowNumber)).toEqual([1, 3, 4, 5, 6, 7]);
    expect(rows[1].cells).toEqual([
      'STT',
      'Phân loại khen thưởng',
      'Tên tập thể/cá nhân/hộ gia đình',
      'Chức vụ',
      'Đơn vị công tác',
      'Danh hiệu thi đua/Hình thức khen thưởng',
      'Phân loại đối tượng',
      'Lĩnh vực hoạt động',
    ]);
    expect(rows[2].cells).toEqual([null, 'TAPTHE', 'UBND Tỉnh Quảng Bình']);
    expect(rows[4].cells).toEqual([null, 'CANHAN', 'Trần Mạnh Hải', 'Giám đốc', 'Sở Y tế']);
    expect(rows[5].cells).toEqual([null, 'HOGIADINH', 'Gia đình ông Lê Văn Hải']);
  });

  it('MauTDKT_20231004.xlsx: sheet "file nhận", hidden code lists, cached #N/A helper columns', async () => {
    const f = await open('MauTDKT_20231004.xlsx');
    expect(f.sheets.map((s) => [s.name, !!s.hidden])).toEqual([
      ['file nhận', false],
      ['HTKT', true],
      ['PLDT', true],
      ['LVHD', true],
      ['phan loai kt', true],
      ['Hướng dẫn', false],
    ]);
    const rows = await collect(f.sheets[0]);
    expect(rows[0].rowNumber).toBe(1);
    expect(rows[0].cells.slice(0, 9)).toEqual([
      'STT',
      'Tên gọi\n(Ông/Bà/Chức danh)',
      'Tên tập thể/cá nhân/hộ gia đình',
      'Chức vụ',
      'Đơn vị công tác',
      'Phân loại khen thưởng',
      'Danh hiệu thi đua/Hình thức khen thưởng',
      'Phân loại đối tượng',
      'Lĩnh vực hoạt động',
    ]);
    expect(rows[0].cells.slice(17)).toEqual(['Mã Phân loại khen thưởng', 'Mã Danh hiệu thi đua', 'Mã phân loại loại tượng', 'Mã Lĩnh vực hoạt động']);
    // Formula helper columns hold their cached #N/A, never evaluated.
    expect(rows[1]).toEqual({ rowNumber: 2, cells: [...Array(17).fill(null), '#N/A', '#N/A', '#N/A', '#N/A'] });
    expect(rows).toHaveLength(553);
    const guide = await collect(f.sheets[5]);
    expect(guide[1].cells.slice(0, 7)).toEqual([1, 'Ông', 'Nguyễn Anh Đại', 'Phó Giám đốc', 'Sở Tài Chính', 'Khen thưởng cá nhân', 'Bằng khen']);
  });
});
