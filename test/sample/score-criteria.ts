import type { CriterionKind } from '@/lib/domain';
import type { SampleBloc } from './units';

/** Each bloc's scoring criteria: groups (I, II, III) of numbered criteria, then bonus and penalty rows. */

export interface Criterion {
  code: string;
  group: string | null;
  name: string;
  kind: CriterionKind;
  max: number;
}

/** A group of criteria and its points (the sum of its criteria's). */
export interface CriteriaGroup {
  code: string;
  name: string;
  max: number;
  /** Indexes into the sheet's criteria. */
  criteria: number[];
}

const DIVISION_CRITERIA: [string, string, [string, number][]][] = [
  ['I', 'Thực hiện nhiệm vụ chuyên môn', [
    ['Hoàn thành chỉ tiêu, nhiệm vụ được giao trong kế hoạch công tác', 25],
    ['Chất lượng, tiến độ tham mưu văn bản', 20],
    ['Thực hiện cải cách hành chính, ứng dụng công nghệ thông tin', 15],
  ]],
  ['II', 'Công tác thi đua, khen thưởng và tuyên truyền', [
    ['Tổ chức phát động, triển khai phong trào thi đua', 10],
    ['Tuyên truyền, nhân rộng điển hình tiên tiến', 10],
    ['Thực hiện chế độ thông tin, báo cáo', 5],
  ]],
  ['III', 'Xây dựng đơn vị, chấp hành kỷ luật', [
    ['Chấp hành nội quy, quy chế, văn hóa công sở', 10],
    ['Tham gia hoạt động đoàn thể, văn nghệ, thể thao', 5],
  ]],
];

const DISTRICT_CRITERIA: [string, string, [string, number][]][] = [
  ['I', 'Công tác quản lý ngân sách địa phương', [
    ['Lập, giao dự toán ngân sách đúng thời gian quy định', 15],
    ['Tổ chức thu ngân sách đạt và vượt dự toán', 20],
    ['Điều hành chi ngân sách tiết kiệm, hiệu quả', 15],
    ['Thẩm định quyết toán dự án hoàn thành', 10],
  ]],
  ['II', 'Công tác kế hoạch và đầu tư', [
    ['Giải ngân vốn đầu tư công đạt kế hoạch', 15],
    ['Tham mưu kế hoạch phát triển kinh tế - xã hội', 10],
  ]],
  ['III', 'Công tác thi đua, khen thưởng, báo cáo', [
    ['Phát động và tổ chức phong trào thi đua', 8],
    ['Thực hiện chế độ báo cáo đúng hạn', 7],
  ]],
];

const ADVISORY_CRITERIA: [string, string, [string, number][]][] = [
  ['I', 'Thực hiện nhiệm vụ chính trị được giao', [
    ['Tham mưu UBND tỉnh ban hành văn bản chỉ đạo, điều hành', 150],
    ['Hoàn thành các chỉ tiêu, nhiệm vụ trọng tâm của ngành', 150],
    ['Thực hiện cải cách hành chính, chuyển đổi số', 100],
  ]],
  ['II', 'Công tác thi đua, khen thưởng', [
    ['Tổ chức phong trào thi đua, ký kết giao ước thi đua', 100],
    ['Phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến', 100],
    ['Tham gia hoạt động của Khối thi đua', 100],
    ['Thực hiện chế độ thông tin, báo cáo', 50],
  ]],
  ['III', 'Xây dựng tổ chức Đảng, đoàn thể và cơ quan văn hóa', [
    ['Xây dựng tổ chức cơ sở Đảng trong sạch, vững mạnh', 100],
    ['Hoạt động Công đoàn, Đoàn Thanh niên', 80],
    ['Xây dựng cơ quan đạt chuẩn văn hóa', 70],
  ]],
];

export function criteriaFor(bloc: SampleBloc): { groups: CriteriaGroup[]; criteria: Criterion[] } {
  const spec = bloc.key === 'divisions' ? DIVISION_CRITERIA : bloc.key === 'districts' ? DISTRICT_CRITERIA : ADVISORY_CRITERIA;
  const criteria: Criterion[] = [];
  const groups: CriteriaGroup[] = [];
  let n = 0;
  for (const [code, name, items] of spec) {
    const idx: number[] = [];
    for (const [cname, max] of items) {
      n++;
      idx.push(criteria.length);
      criteria.push({ code: String(n), group: `${code}. ${name}`, name: cname, kind: 'criterion', max });
    }
    groups.push({ code, name, max: items.reduce((s, [, m]) => s + m, 0), criteria: idx });
  }
  const unitStep = bloc.scale === 1000 ? 10 : 1;
  criteria.push({ code: '', group: null, name: 'Điểm thưởng', kind: 'bonus', max: 5 * unitStep * (bloc.scale === 1000 ? 1 : 1) });
  criteria.push({ code: '', group: null, name: 'Điểm trừ', kind: 'penalty', max: 10 * unitStep });
  return { groups, criteria };
}
