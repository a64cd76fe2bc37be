import type { UnitKind } from '@/lib/domain';

/**
 * The organisation the sample describes: the Department of Finance of Tây Ninh province, its
 * divisions, the provincial advisory agencies and the district finance offices, and the three
 * emulation blocs they belong to over 2021–2023.
 */
export const PROVINCE = 'Tây Ninh';
export const YEARS = [2021, 2022, 2023] as const;
export type Year = (typeof YEARS)[number];

export interface SampleUnit {
  name: string;
  abbreviation: string;
  kind: UnitKind;
  /** As the units file writes "Loại đơn vị". */
  kindLabel: string;
  headcount: number;
  /** Other names the files use (units file column "Tên gọi khác"). */
  aliases: string[];
  /** Years the unit exists under this name. */
  years: Year[];
  successor?: string;
  /** Ways activity and award files write the unit's name (besides the canonical one). */
  spellings: string[];
}

export interface SampleBloc {
  key: 'divisions' | 'advisory' | 'districts';
  name: string;
  /** How score-sheet titles write the bloc, in capitals. */
  titleName: string;
  scale: 100 | 1000;
  members: (year: Year) => SampleUnit[];
}

function division(name: string, abbreviation: string, headcount: number, extra: Partial<SampleUnit> = {}): SampleUnit {
  return {
    name,
    abbreviation,
    kind: 'division',
    kindLabel: 'Phòng thuộc Sở',
    headcount,
    aliases: [],
    years: [...YEARS],
    spellings: [abbreviation, name.toUpperCase()],
    ...extra,
  };
}

export const DEPARTMENT: SampleUnit = {
  name: 'Sở Tài chính',
  abbreviation: 'STC',
  kind: 'department',
  kindLabel: 'Sở',
  headcount: 78,
  aliases: ['Sở Tài chính tỉnh Tây Ninh'],
  years: [...YEARS],
  spellings: ['STC', 'SỞ TÀI CHÍNH'],
};

export const DIVISIONS: SampleUnit[] = [
  division('Văn phòng Sở', 'VP', 14, { aliases: ['Văn phòng Sở Tài chính'], spellings: ['VP', 'VĂN PHÒNG SỞ', 'Văn phòng Sở Tài chính'] }),
  division('Thanh tra Sở', 'TTr', 8, { aliases: ['Thanh tra Sở Tài chính'], spellings: ['TTr', 'THANH TRA SỞ', 'Thanh tra Sở Tài chính'] }),
  division('Phòng Quản lý ngân sách', 'QLNS', 12, {
    aliases: ['Phòng Ngân sách'],
    spellings: ['QLNS', 'P. Quản lý ngân sách', 'PHÒNG QUẢN LÝ NGÂN SÁCH'],
  }),
  division('Phòng Tài chính đầu tư', 'TCĐT', 10, {
    aliases: ['Phòng Đầu tư'],
    spellings: ['TCĐT', 'P. Tài chính đầu tư', 'PHÒNG TÀI CHÍNH ĐẦU TƯ'],
  }),
  division('Phòng Quản lý giá và công sản', 'QLG&CS', 9, {
    aliases: ['Phòng Quản lý giá - công sản', 'Phòng Giá - Công sản'],
    spellings: ['QLG&CS', 'P. Quản lý giá và công sản', 'PHÒNG QUẢN LÝ GIÁ VÀ CÔNG SẢN', 'Phòng Giá - Công sản'],
  }),
  division('Phòng Tài chính hành chính sự nghiệp', 'HCSN', 11, {
    aliases: ['Phòng Tài chính HCSN'],
    spellings: ['HCSN', 'P. Tài chính hành chính sự nghiệp', 'PHÒNG TÀI CHÍNH HÀNH CHÍNH SỰ NGHIỆP', 'Phòng Tài chính HCSN'],
  }),
  division('Phòng Tin học và Thống kê', 'THTK', 6, {
    aliases: ['Phòng Tin học - Thống kê'],
    spellings: ['THTK', 'P. Tin học và Thống kê', 'PHÒNG TIN HỌC VÀ THỐNG KÊ', 'Phòng Tin học - Thống kê'],
  }),
  // Merged into Phòng Tài chính đầu tư from 01/01/2023: exercises the successor path.
  division('Phòng Tài chính doanh nghiệp', 'TCDN', 7, {
    years: [2021, 2022],
    successor: 'Phòng Tài chính đầu tư',
    spellings: ['TCDN', 'P. Tài chính doanh nghiệp', 'PHÒNG TÀI CHÍNH DOANH NGHIỆP'],
  }),
];

function agency(name: string, abbreviation: string, kind: UnitKind, kindLabel: string, headcount: number, aliases: string[] = []): SampleUnit {
  return { name, abbreviation, kind, kindLabel, headcount, aliases, years: [...YEARS], spellings: [name] };
}

export const ADVISORY_AGENCIES: SampleUnit[] = [
  DEPARTMENT,
  agency('Sở Kế hoạch và Đầu tư', 'SKHĐT', 'department', 'Sở', 72),
  agency('Sở Nội vụ', 'SNV', 'department', 'Sở', 64),
  agency('Sở Tư pháp', 'STP', 'department', 'Sở', 45),
  agency('Sở Ngoại vụ', 'SNgV', 'department', 'Sở', 28),
  agency('Văn phòng UBND tỉnh', 'VP UBND', 'agency', 'Cơ quan cấp tỉnh', 96, ['Văn phòng Ủy ban nhân dân tỉnh']),
  agency('Thanh tra tỉnh', 'TTT', 'agency', 'Cơ quan cấp tỉnh', 52, ['Thanh tra tỉnh Tây Ninh']),
];

const DISTRICT_PLACES: [string, string, number][] = [
  ['thành phố Tây Ninh', 'TP Tây Ninh', 16],
  ['thị xã Hòa Thành', 'Hòa Thành', 13],
  ['thị xã Trảng Bàng', 'Trảng Bàng', 14],
  ['huyện Tân Biên', 'Tân Biên', 11],
  ['huyện Tân Châu', 'Tân Châu', 12],
  ['huyện Dương Minh Châu', 'Dương Minh Châu', 11],
  ['huyện Châu Thành', 'Châu Thành', 12],
  ['huyện Bến Cầu', 'Bến Cầu', 9],
  ['huyện Gò Dầu', 'Gò Dầu', 12],
];

export const DISTRICT_OFFICES: SampleUnit[] = DISTRICT_PLACES.map(([place, short, headcount]) => ({
  name: `Phòng Tài chính – Kế hoạch ${place}`,
  abbreviation: `TCKH ${short}`,
  kind: 'district_office' as const,
  kindLabel: 'Phòng TC-KH huyện',
  headcount,
  aliases: [`Phòng TC-KH ${place}`, `Phòng Tài chính - Kế hoạch ${place}`],
  years: [...YEARS],
  spellings: [`Phòng TC-KH ${place}`, `TCKH ${short}`, `PHÒNG TÀI CHÍNH – KẾ HOẠCH ${place.toUpperCase()}`],
}));

export const BLOCS: SampleBloc[] = [
  {
    key: 'divisions',
    name: 'Khối thi đua các phòng thuộc Sở Tài chính',
    titleName: 'KHỐI THI ĐUA CÁC PHÒNG THUỘC SỞ TÀI CHÍNH',
    scale: 100,
    members: (year) => DIVISIONS.filter((u) => u.years.includes(year)),
  },
  {
    key: 'advisory',
    name: 'Khối thi đua các cơ quan tham mưu tổng hợp của tỉnh',
    titleName: 'KHỐI THI ĐUA CÁC CƠ QUAN THAM MƯU TỔNG HỢP CỦA TỈNH',
    scale: 1000,
    members: () => ADVISORY_AGENCIES,
  },
  {
    key: 'districts',
    name: 'Khối thi đua Phòng Tài chính – Kế hoạch các huyện',
    titleName: 'KHỐI THI ĐUA PHÒNG TÀI CHÍNH – KẾ HOẠCH CÁC HUYỆN, THỊ XÃ, THÀNH PHỐ',
    scale: 100,
    members: () => DISTRICT_OFFICES,
  },
];

export const ALL_UNITS: SampleUnit[] = [...DIVISIONS, ...ADVISORY_AGENCIES, ...DISTRICT_OFFICES];

/** Units the award lists name but the units file does not hold: kept with a warning. */
export const OUTSIDE_UNITS = ['Kho bạc Nhà nước Tây Ninh', 'Cục Thuế tỉnh Tây Ninh', 'Ban Quản lý dự án đầu tư xây dựng tỉnh'];

export const MOVEMENTS = (year: Year): string[] => [
  `Thi đua thực hiện thắng lợi nhiệm vụ tài chính – ngân sách năm ${year}`,
  'Chuyển đổi số',
  'Cán bộ, công chức thi đua thực hiện văn hóa công sở',
  'Thực hiện công tác cải cách hành chính, vận động Nhân dân sử dụng dịch vụ công mức độ 4',
  'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
  'Tây Ninh chung tay vì người nghèo – Không để ai bị bỏ lại phía sau',
  'Tây Ninh chung sức xây dựng nông thôn mới',
];
