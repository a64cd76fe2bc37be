import crypto from 'node:crypto';
import { expect } from 'vitest';
import { openDb, type Db } from '@/lib/db/client';
import type { Cell, RawRow } from '@/lib/import/types';
import { importOpened, type OpenedLike } from '@/etl/pipeline';

/** An in-memory "opened file": sheets of rows as a person sees them (row numbers from 1). */
export function sheetsOf(sheets: Record<string, Cell[][]>): OpenedLike {
  return {
    format: 'xlsx',
    notes: [],
    sheets: Object.entries(sheets).map(([name, rows]) => ({
      name,
      async *rows(): AsyncIterable<RawRow> {
        for (let i = 0; i < rows.length; i++) yield { rowNumber: i + 1, cells: rows[i] };
      },
    })),
  };
}

export function metaOf(content: unknown) {
  const s = JSON.stringify(content);
  return { sha256: crypto.createHash('sha256').update(s).digest('hex'), size: s.length };
}

export const UNITS_ROWS: Cell[][] = [
  ['SỞ TÀI CHÍNH TỈNH QUẢNG BÌNH'],
  ['DANH SÁCH ĐƠN VỊ VÀ KHỐI THI ĐUA NĂM 2023'],
  [],
  ['STT', 'Tên đơn vị', 'Tên viết tắt', 'Loại đơn vị', 'Khối thi đua', 'Năm', 'Tên gọi khác'],
  [1, 'Phòng Quản lý ngân sách', 'QLNS', 'Phòng thuộc Sở', 'Khối các phòng thuộc Sở', 2023, 'Phòng Ngân sách'],
  [2, 'Phòng Tài chính đầu tư', 'TCĐT', 'Phòng thuộc Sở', 'Khối các phòng thuộc Sở', 2023, null],
  [3, 'Thanh tra Sở', 'TTr', 'Phòng thuộc Sở', 'Khối các phòng thuộc Sở', 2023, null],
  [4, 'Văn phòng Sở', 'VP', 'Phòng thuộc Sở', 'Khối các phòng thuộc Sở', 2023, null],
  [5, 'Phòng Tài chính - Kế hoạch huyện Bố Trạch', 'TCKH Bố Trạch', 'Phòng TC-KH huyện', 'Khối Phòng TC-KH các huyện', 2023, null],
];

/** Import options as the tests give them: the file's name, «test» as the importer, and any others. */
export const importOptions = (fileName: string, extra = {}) => ({ fileName, importedBy: 'test', ...extra });

/** A fresh in-memory database with a units file loaded without errors (UNITS_ROWS unless given). */
export async function dbWithUnits(rows: Cell[][] = UNITS_ROWS, fileName = 'units.xlsx'): Promise<Db> {
  const db = await openDb(':memory:');
  const r = await importOpened(db, sheetsOf({ 'Đơn vị': rows }), metaOf(rows), importOptions(fileName));
  expect(r.errors).toEqual([]);
  expect(r.status).toBe('loaded');
  return db;
}
