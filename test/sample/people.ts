import { foldKey } from '@/lib/text';
import type { Rng } from './prng';

/** People's names for the sample: Vietnamese surname, middle and given names, never repeated. */

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Hoàng', 'Phan', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Trương', 'Đoàn', 'Lâm'];
const MIDDLE_M = ['Văn', 'Minh', 'Quốc', 'Hữu', 'Đức', 'Thanh', 'Hoàng', 'Công', 'Trung', 'Tấn'];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thị Thu', 'Thị Kim', 'Thanh', 'Thị Mỹ', 'Thị Hồng', 'Bích', 'Thị Ngọc'];
const GIVEN_M = ['An', 'Bình', 'Cường', 'Dũng', 'Duy', 'Hải', 'Hiếu', 'Hùng', 'Huy', 'Khánh', 'Khoa', 'Long', 'Nam', 'Nghĩa', 'Phúc', 'Phong', 'Quân', 'Sơn', 'Tài', 'Thắng', 'Thịnh', 'Toàn', 'Trí', 'Tuấn', 'Việt', 'Vinh'];
const GIVEN_F = ['Anh', 'Châu', 'Diễm', 'Dung', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hoa', 'Hương', 'Lan', 'Liên', 'Linh', 'Loan', 'Mai', 'Nga', 'Ngân', 'Nhung', 'Oanh', 'Phương', 'Quyên', 'Tâm', 'Thảo', 'Thắm', 'Thủy', 'Trang', 'Trinh', 'Vy', 'Yến'];

export function makeNamer(rng: Rng): () => string {
  const used = new Set<string>();
  return () => {
    for (;;) {
      const female = rng.chance(0.52);
      const name = `${rng.pick(SURNAMES)} ${rng.pick(female ? MIDDLE_F : MIDDLE_M)} ${rng.pick(female ? GIVEN_F : GIVEN_M)}`;
      if (!used.has(foldKey(name))) {
        used.add(foldKey(name));
        return name;
      }
    }
  };
}
