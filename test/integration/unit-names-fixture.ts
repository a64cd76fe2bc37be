import type { Cell } from '@/lib/import/types';

/** The units file of a provincial finance department (Sở Tài chính Tây Ninh): divisions and district finance offices. */
export const DIVISIONS = 'Khối các phòng thuộc Sở';
export const DISTRICTS = 'Khối Phòng Tài chính - Kế hoạch các huyện, thị xã, thành phố';
export const TAY_NINH_UNITS: Cell[][] = [
  ['SỞ TÀI CHÍNH TỈNH TÂY NINH'],
  ['DANH SÁCH ĐƠN VỊ VÀ KHỐI THI ĐUA NĂM 2024'],
  [],
  ['STT', 'Tên đơn vị', 'Tên viết tắt', 'Loại đơn vị', 'Khối thi đua', 'Năm'],
  [1, 'Văn phòng Sở', 'VP', 'Phòng thuộc Sở', DIVISIONS, 2024],
  [2, 'Thanh tra Sở', 'TTr', 'Phòng thuộc Sở', DIVISIONS, 2024],
  [3, 'Phòng Quản lý ngân sách', 'QLNS', 'Phòng thuộc Sở', DIVISIONS, 2024],
  [4, 'Phòng Tài chính hành chính sự nghiệp', 'HCSN', 'Phòng thuộc Sở', DIVISIONS, 2024],
  [5, 'Phòng Tài chính đầu tư', 'TCĐT', 'Phòng thuộc Sở', DIVISIONS, 2024],
  [6, 'Phòng Tài chính doanh nghiệp', 'TCDN', 'Phòng thuộc Sở', DIVISIONS, 2024],
  [7, 'Phòng Tài chính - Kế hoạch thành phố Tây Ninh', null, 'Phòng TC-KH huyện', DISTRICTS, 2024],
  [8, 'Phòng Tài chính - Kế hoạch thị xã Hòa Thành', null, 'Phòng TC-KH huyện', DISTRICTS, 2024],
  [9, 'Phòng Tài chính - Kế hoạch thị xã Trảng Bàng', null, 'Phòng TC-KH huyện', DISTRICTS, 2024],
  [10, 'Phòng Tài chính - Kế hoạch huyện Châu Thành', null, 'Phòng TC-KH huyện', DISTRICTS, 2024],
  [11, 'Phòng Tài chính - Kế hoạch huyện Tân Châu', null, 'Phòng TC-KH huyện', DISTRICTS, 2024],
  [12, 'Phòng Tài chính - Kế hoạch huyện Gò Dầu', null, 'Phòng TC-KH huyện', DISTRICTS, 2024],
];

