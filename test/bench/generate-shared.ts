/**
 * Deterministic building blocks for the benchmark and stress data: a seeded PRNG and the
 * units every generated file refers to (so activities resolve their unit without errors).
 */

/** mulberry32: small, fast, and the same sequence on every machine for a given seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}

export interface BenchUnit {
  name: string;
  abbreviation: string;
  kind: string;
}

export const BENCH_BLOC = 'Khối thi đua các phòng thuộc Sở Tài chính';

export const BENCH_UNITS: BenchUnit[] = [
  { name: 'Văn phòng Sở', abbreviation: 'VP', kind: 'Phòng thuộc Sở' },
  { name: 'Thanh tra Sở', abbreviation: 'TTr', kind: 'Phòng thuộc Sở' },
  { name: 'Phòng Quản lý ngân sách', abbreviation: 'QLNS', kind: 'Phòng thuộc Sở' },
  { name: 'Phòng Tài chính đầu tư', abbreviation: 'TCĐT', kind: 'Phòng thuộc Sở' },
  { name: 'Phòng Quản lý giá và công sản', abbreviation: 'QLG&CS', kind: 'Phòng thuộc Sở' },
  { name: 'Phòng Tài chính hành chính sự nghiệp', abbreviation: 'HCSN', kind: 'Phòng thuộc Sở' },
  { name: 'Phòng Tin học và Thống kê', abbreviation: 'THTK', kind: 'Phòng thuộc Sở' },
  { name: 'Phòng Tài chính doanh nghiệp', abbreviation: 'TCDN', kind: 'Phòng thuộc Sở' },
];

/** Units file (dataset `units`) as CSV text: every bench unit, member of the bench bloc 2021–2024. */
export function unitsCsv(): string {
  const lines = ['STT,Tên đơn vị,Tên viết tắt,Loại đơn vị,Khối thi đua,Năm'];
  let n = 0;
  for (const year of [2021, 2022, 2023, 2024]) {
    for (const u of BENCH_UNITS) {
      n++;
      lines.push([n, u.name, u.abbreviation, u.kind, BENCH_BLOC, year].map(csvField).join(','));
    }
  }
  return lines.join('\r\n') + '\r\n';
}

export function csvField(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CHANNEL_TEXTS = [
  'Cổng thông tin điện tử',
  'Trang TTĐT',
  'Zalo',
  'Facebook',
  'Hội nghị',
  'Tọa đàm',
  'Cuộc thi',
  'Hội thi',
  'Văn nghệ',
  'Thể thao',
  'Tham quan',
  'Học tập kinh nghiệm',
] as const;

export const TOPICS = [
  'Phong trào thi đua yêu nước',
  'Học tập và làm theo Bác',
  'Luật Thi đua, khen thưởng',
  'Chuyển đổi số',
  'Thực hành tiết kiệm, chống lãng phí',
  'Gương người tốt, việc tốt',
  'Cải cách hành chính',
  'Xây dựng nông thôn mới',
] as const;

export const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương'] as const;
export const MIDDLE_NAMES = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Thanh', 'Quốc', 'Ngọc', 'Thu', 'Hoài'] as const;
export const GIVEN_NAMES = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hòa', 'Hùng', 'Hương', 'Khánh', 'Lan', 'Linh', 'Long', 'Mai', 'Nam', 'Nga', 'Phúc', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Tuấn', 'Vy'] as const;

/** Loose spellings the pipeline maps to canonical award names (lib/awards). */
export const AWARD_TEXTS = ['Lao động tiên tiến', 'LĐTT', 'Chiến sĩ thi đua cơ sở', 'CSTĐCS', 'Giấy khen Giám đốc Sở', 'Bằng khen UBND tỉnh'] as const;

export function ddmmyyyy(year: number, month: number, day: number): string {
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}
