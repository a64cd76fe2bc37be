import type { Channel, CriterionKind, RecipientType, AwardKind } from '@/lib/domain';
import { scoreTotal, sharedRanks } from '@/lib/scoring/rules';
import { foldKey } from '@/lib/text';
import { Rng } from './prng';
import {
  ADVISORY_AGENCIES,
  BLOCS,
  DEPARTMENT,
  DISTRICT_OFFICES,
  DIVISIONS,
  MOVEMENTS,
  OUTSIDE_UNITS,
  YEARS,
  type SampleBloc,
  type SampleUnit,
  type Year,
} from './units';

/**
 * The sample's ground truth: every activity, award and score the files will contain, built from
 * a seeded PRNG. The file writers only lay these records out; expected.json is computed from
 * here, never from the pipeline.
 */

export interface Activity {
  date: string; // yyyy-MM-dd
  unit: SampleUnit;
  channel: Channel;
  channelText: string;
  title: string;
  participants: number;
  movement: string | null;
  exemplar: string | null;
}

export interface Award {
  recipient: string;
  recipientType: Extract<RecipientType, 'individual' | 'collective'>;
  /** Canonical unit name, or the raw name of a unit outside the dimension. */
  unitName: string;
  unit: SampleUnit | null;
  awardName: string; // canonical (data/reference/award-forms.csv)
  awardWritten: string; // as the list writes it
  awardKind: AwardKind;
  decisionNo: string;
  decisionDate: string; // yyyy-MM-dd
  year: Year;
}

export interface Criterion {
  code: string;
  group: string | null;
  name: string;
  kind: CriterionKind;
  max: number;
}

export interface UnitScore {
  unit: SampleUnit;
  self: number[]; // aligned with criteria
  assessed: number[];
  selfTotal: number;
  total: number;
  rank: number;
}

export interface ScoreSheet {
  bloc: SampleBloc;
  year: Year;
  half: boolean; // six-month review (H1) or the year
  period: string; // 2022-H1 or 2022
  periodStart: string;
  periodEnd: string;
  groups: { code: string; name: string; max: number; criteria: number[] }[];
  criteria: Criterion[];
  scores: UnitScore[]; // in the bloc's member order
}

export interface SampleModel {
  activities: Activity[];
  awards: Award[];
  sheets: ScoreSheet[];
  staff: Map<string, string[]>; // unit name → people
}

const SEED = 20221231;

// ---------------------------------------------------------------- people

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Hoàng', 'Phan', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Trương', 'Đoàn', 'Lâm'];
const MIDDLE_M = ['Văn', 'Minh', 'Quốc', 'Hữu', 'Đức', 'Thanh', 'Hoàng', 'Công', 'Trung', 'Tấn'];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thị Thu', 'Thị Kim', 'Thanh', 'Thị Mỹ', 'Thị Hồng', 'Bích', 'Thị Ngọc'];
const GIVEN_M = ['An', 'Bình', 'Cường', 'Dũng', 'Duy', 'Hải', 'Hiếu', 'Hùng', 'Huy', 'Khánh', 'Khoa', 'Long', 'Nam', 'Nghĩa', 'Phúc', 'Phong', 'Quân', 'Sơn', 'Tài', 'Thắng', 'Thịnh', 'Toàn', 'Trí', 'Tuấn', 'Việt', 'Vinh'];
const GIVEN_F = ['Anh', 'Châu', 'Diễm', 'Dung', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hoa', 'Hương', 'Lan', 'Liên', 'Linh', 'Loan', 'Mai', 'Nga', 'Ngân', 'Nhung', 'Oanh', 'Phương', 'Quyên', 'Tâm', 'Thảo', 'Thắm', 'Thủy', 'Trang', 'Trinh', 'Vy', 'Yến'];

function makeNamer(rng: Rng): () => string {
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

// ---------------------------------------------------------------- dates

export function ymd(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Fixed public holidays (Tết moves with the lunar calendar and is left out). */
const HOLIDAYS = new Set(['1-1', '4-30', '5-1', '9-2']);

/** A working day (Mon–Fri, not a fixed holiday) in the given month range. */
function workingDay(rng: Rng, year: number, fromMonth: number, toMonth: number): string {
  for (;;) {
    const m = rng.int(fromMonth, toMonth);
    const d = rng.int(1, daysInMonth(year, m));
    const dow = new Date(Date.UTC(year, m - 1, d)).getUTCDay();
    if (dow !== 0 && dow !== 6 && !HOLIDAYS.has(`${m}-${d}`)) return ymd(year, m, d);
  }
}

// ---------------------------------------------------------------- activities

const CHANNEL_WEIGHTS: [Channel, number][] = [
  ['portal', 30],
  ['egov', 16],
  ['social', 14],
  ['seminar', 13],
  ['contest', 7],
  ['event', 12],
  ['study_visit', 5],
  ['press', 3],
  ['visual', 3],
  ['exchange', 2],
];

/** Words the Office writes in "Hình thức"; each maps to exactly one channel. */
export const CHANNEL_TEXTS: Record<Exclude<Channel, 'other'>, string[]> = {
  portal: ['Cổng thông tin điện tử', 'Cổng Thông tin điện tử Sở Tài chính', 'Đăng tin trên Cổng thông tin điện tử'],
  egov: ['Chính quyền điện tử', 'Hệ thống eGov', 'eGov'],
  social: ['Zalo', 'Facebook', 'Nhóm Zalo cơ quan', 'Trang Facebook của Sở'],
  press: ['Báo Tây Ninh', 'Phát thanh - Truyền hình'],
  visual: ['Pano, áp phích', 'Băng rôn, khẩu hiệu'],
  exchange: ['Giao lưu điển hình tiên tiến', 'Trao đổi kinh nghiệm'],
  seminar: ['Hội nghị', 'Tọa đàm', 'Hội nghị chuyên đề', 'Sơ kết phong trào thi đua'],
  contest: ['Cuộc thi', 'Cuộc thi trực tuyến'],
  event: ['Văn nghệ', 'Thể thao', 'Văn nghệ, thể thao', 'Hội thao'],
  study_visit: ['Tham quan học tập kinh nghiệm', 'Tham quan, học tập kinh nghiệm'],
};

const PORTAL_TOPICS = [
  'Kết quả thực hiện dự toán thu, chi ngân sách',
  'Gương người tốt, việc tốt trong công chức Sở',
  'Hướng dẫn sử dụng dịch vụ công trực tuyến mức độ 4',
  'Biểu dương tập thể, cá nhân điển hình tiên tiến',
  'Phát động đợt thi đua cao điểm',
  'Sơ kết phong trào thi đua',
  'Mô hình mới, cách làm hay trong quản lý tài chính công',
  'Thực hành tiết kiệm, chống lãng phí',
  'Giải ngân vốn đầu tư công',
  'Công khai ngân sách theo quy định',
];
const EGOV_TOPICS = [
  'Chia sẻ bài viết về phong trào thi đua',
  'Phổ biến văn bản mới về thi đua, khen thưởng',
  'Lan tỏa gương điển hình tiên tiến',
  'Vận động sử dụng dịch vụ công trực tuyến',
  'Tuyên truyền văn hóa công sở',
  'Hưởng ứng ngày chuyển đổi số',
];
const SEMINAR_TOPICS = [
  'Quán triệt kế hoạch tuyên truyền thi đua',
  'Giao lưu, trao đổi kinh nghiệm với điển hình tiên tiến',
  'Sơ kết 6 tháng công tác thi đua, khen thưởng',
  'Triển khai Luật Thi đua, khen thưởng',
  'Tọa đàm nâng cao chất lượng tham mưu',
];
const CONTEST_TOPICS = [
  'Cuộc thi tìm hiểu pháp luật về thi đua, khen thưởng',
  'Cuộc thi trực tuyến tìm hiểu lịch sử Đảng bộ tỉnh',
  'Hội thi sáng kiến cải cách hành chính',
  'Cuộc thi viết về gương người tốt, việc tốt',
];
const EVENT_TOPICS = [
  'Giải bóng đá mini chào mừng ngày thành lập ngành Tài chính',
  'Hội diễn văn nghệ mừng Xuân',
  'Giải cầu lông công chức, người lao động',
  'Văn nghệ chào mừng ngày Quốc khánh 2/9',
  'Ngày hội thể thao Khối thi đua',
];
const VISIT_TOPICS = [
  'Học tập kinh nghiệm mô hình chuyển đổi số',
  'Tham quan khu di tích lịch sử',
  'Học tập kinh nghiệm quản lý tài sản công',
  'Trao đổi kinh nghiệm công tác thi đua với Sở Tài chính tỉnh bạn',
];

const TOPICS: Record<Exclude<Channel, 'other'>, string[]> = {
  portal: PORTAL_TOPICS,
  egov: EGOV_TOPICS,
  social: EGOV_TOPICS,
  press: PORTAL_TOPICS,
  visual: PORTAL_TOPICS,
  exchange: VISIT_TOPICS,
  seminar: SEMINAR_TOPICS,
  contest: CONTEST_TOPICS,
  event: EVENT_TOPICS,
  study_visit: VISIT_TOPICS,
};

function participantsFor(rng: Rng, channel: Channel, unit: SampleUnit): number {
  switch (channel) {
    case 'portal':
      return rng.chance(0.35) ? 0 : rng.int(5, unit.headcount * 4);
    case 'egov':
      // A post shared to the province's page reaches thousands ("lượt tiếp cận").
      return rng.chance(0.2) ? rng.int(1000, 3500) : rng.int(8, 160);
    case 'seminar':
      return rng.int(20, 150);
    case 'contest':
      return rng.chance(0.3) ? rng.int(1000, 2600) : rng.int(30, 400);
    case 'event':
      return rng.int(30, 320);
    case 'study_visit':
      return rng.int(5, 30);
    case 'exchange':
      return rng.int(10, 60);
    case 'social':
      return rng.int(8, 160);
    default:
      return 0;
  }
}

export function activityKey(a: Pick<Activity, 'date' | 'unit' | 'channel' | 'title'>): string {
  return `${a.date}|${a.unit.name}|${a.channel}|${foldKey(a.title)}`;
}

function buildActivities(rng: Rng, staff: Map<string, string[]>): Activity[] {
  const out: Activity[] = [];
  const keys = new Set<string>();
  const units: [SampleUnit, number][] = [...DIVISIONS.map((u) => [u, 11] as [SampleUnit, number]), ...DISTRICT_OFFICES.map((u) => [u, 5] as [SampleUnit, number])];
  for (const year of YEARS) {
    const movements = MOVEMENTS(year);
    const growth = year === 2021 ? 0.85 : year === 2022 ? 1 : 1.15;
    for (const [unit, perHead] of units) {
      if (!unit.years.includes(year)) continue;
      const n = Math.round(unit.headcount * perHead * growth * (0.85 + rng.next() * 0.3));
      for (let i = 0; i < n; i++) {
        const channel = rng.weighted(CHANNEL_WEIGHTS) as Exclude<Channel, 'other'>;
        const date = workingDay(rng, year, 1, 12);
        const month = Number(date.slice(5, 7));
        const movement = rng.chance(0.8) ? rng.pick(movements) : null;
        const topic = rng.pick(TOPICS[channel]);
        let title = movement && rng.chance(0.5) ? `${topic} – phong trào “${movement}”` : `${topic} tháng ${month}/${year}`;
        const people = staff.get(unit.name);
        const exemplar =
          (channel === 'portal' || channel === 'seminar' || channel === 'egov') && people && rng.chance(0.12)
            ? `${rng.pick(people)} (${unit.name})`
            : null;
        let k = 2;
        while (keys.has(activityKey({ date, unit, channel, title }))) title = `${title.replace(/ \(lần \d+\)$/, '')} (lần ${k++})`;
        keys.add(activityKey({ date, unit, channel, title }));
        out.push({
          date,
          unit,
          channel,
          channelText: rng.pick(CHANNEL_TEXTS[channel]),
          title,
          participants: participantsFor(rng, channel, unit),
          movement,
          exemplar,
        });
      }
    }
  }
  out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return out;
}

// ---------------------------------------------------------------- scores

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

function criteriaFor(bloc: SampleBloc): { groups: ScoreSheet['groups']; criteria: Criterion[] } {
  const spec = bloc.key === 'divisions' ? DIVISION_CRITERIA : bloc.key === 'districts' ? DISTRICT_CRITERIA : ADVISORY_CRITERIA;
  const criteria: Criterion[] = [];
  const groups: ScoreSheet['groups'] = [];
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

function round(x: number, step: number): number {
  return Math.round(x / step) * step;
}

/** Totals and shared ranks (1, 2, 2, 4) by the scoring rules every reader uses (lib/scoring). */
export function rankScores(scores: UnitScore[], criteria: Criterion[]): void {
  for (const s of scores) {
    s.total = scoreTotal(criteria.map((c, i) => ({ kind: c.kind, points: s.assessed[i] })));
    s.selfTotal = scoreTotal(criteria.map((c, i) => ({ kind: c.kind, points: s.self[i] })));
  }
  const ranks = sharedRanks(scores.map((s) => s.total));
  scores.forEach((s, i) => (s.rank = ranks[i]));
}

function buildSheet(rng: Rng, bloc: SampleBloc, year: Year, half: boolean, strength: Map<string, number>): ScoreSheet {
  const { groups, criteria } = criteriaFor(bloc);
  const step = bloc.scale === 1000 ? 1 : 0.5;
  const members = bloc.members(year);
  const scores: UnitScore[] = members.map((unit) => {
    const base = strength.get(unit.name) ?? 0.85;
    const assessed: number[] = [];
    const self: number[] = [];
    for (const c of criteria) {
      if (c.kind === 'criterion') {
        const q = Math.min(1, Math.max(0.55, base + (rng.next() - 0.5) * 0.16));
        const a = Math.min(c.max, round(c.max * q, step));
        const s = Math.min(c.max, a + (rng.chance(0.45) ? round(rng.next() * c.max * 0.08, step) : 0));
        assessed.push(a);
        self.push(s);
      } else if (c.kind === 'bonus') {
        const b = rng.chance(0.6) ? round(rng.next() * c.max, step) : 0;
        assessed.push(b);
        self.push(Math.min(c.max, b + (rng.chance(0.3) ? step * 2 : 0)));
      } else {
        const p = rng.chance(0.25) ? Math.max(step, round(rng.next() * c.max * 0.3, step)) : 0;
        assessed.push(p);
        self.push(rng.chance(0.5) ? 0 : p);
      }
    }
    return { unit, self, assessed, selfTotal: 0, total: 0, rank: 0 };
  });
  rankScores(scores, criteria);
  return {
    bloc,
    year,
    half,
    period: half ? `${year}-H1` : String(year),
    periodStart: ymd(year, 1, 1),
    periodEnd: half ? ymd(year, 6, 30) : ymd(year, 12, 31),
    groups,
    criteria,
    scores,
  };
}

/**
 * Makes the units ranked second and third share their total, so every reader of the sample
 * sees a tie (ranks 1, 2, 2, 4): the third unit's first criterion is raised by the gap.
 */
function forceTie(sheet: ScoreSheet): void {
  const byTotal = [...sheet.scores].sort((a, b) => b.total - a.total);
  const [, second, third] = byTotal;
  const gap = Math.round((second.total - third.total) * 100) / 100;
  if (gap === 0) return;
  const c = sheet.criteria.findIndex((cr, i) => cr.kind === 'criterion' && third.assessed[i] + gap <= cr.max);
  if (c >= 0) {
    third.assessed[c] += gap;
    third.self[c] = Math.min(sheet.criteria[c].max, Math.max(third.self[c], third.assessed[c]));
  } else {
    const d = sheet.criteria.findIndex((cr, i) => cr.kind === 'criterion' && second.assessed[i] - gap >= 0);
    second.assessed[d] -= gap;
  }
  rankScores(sheet.scores, sheet.criteria);
  const ranks = [...sheet.scores].map((s) => s.rank).sort((a, b) => a - b);
  if (ranks[1] !== 2 || ranks[2] !== 2) throw new Error(`tie not made in ${sheet.bloc.name} ${sheet.period}`);
}

function buildSheets(rng: Rng): ScoreSheet[] {
  const strength = new Map<string, number>();
  for (const u of [...DIVISIONS, ...ADVISORY_AGENCIES, ...DISTRICT_OFFICES]) strength.set(u.name, 0.78 + rng.next() * 0.17);
  const sheets: ScoreSheet[] = [];
  for (const bloc of BLOCS) {
    for (const year of YEARS) {
      if (bloc.key !== 'advisory') sheets.push(buildSheet(rng, bloc, year, true, strength));
      sheets.push(buildSheet(rng, bloc, year, false, strength));
    }
  }
  // Ties: divisions 2022 (year) and districts 2023-H1.
  forceTie(sheets.find((s) => s.bloc.key === 'divisions' && s.period === '2022')!);
  forceTie(sheets.find((s) => s.bloc.key === 'districts' && s.period === '2023-H1')!);
  for (const s of sheets) {
    const leaders = s.scores.filter((x) => x.rank === 1);
    if (leaders.length !== 1) throw new Error(`two leaders in ${s.bloc.name} ${s.period}`);
  }
  return sheets;
}

// ---------------------------------------------------------------- awards

export const AWARD_FORMS = {
  ldtt: { name: 'Lao động tiên tiến', kind: 'title', written: ['LĐTT', 'Lao động tiên tiến', 'Lao động tiên tiến'] },
  cstdcs: { name: 'Chiến sĩ thi đua cơ sở', kind: 'title', written: ['CSTĐCS', 'Chiến sĩ thi đua cơ sở'] },
  giayKhenSo: {
    name: 'Giấy khen của Thủ trưởng cơ quan chuyên môn và tương đương thuộc Ủy ban nhân dân cấp tỉnh',
    kind: 'commendation',
    written: ['Giấy khen Giám đốc Sở', 'Giấy khen của Giám đốc Sở Tài chính'],
  },
  bangKhenTinh: {
    name: 'Bằng khen của Bộ, ban, ngành, tỉnh',
    kind: 'commendation',
    written: ['Bằng khen UBND tỉnh', 'Bằng khen của Chủ tịch UBND tỉnh'],
  },
  ttldxs: { name: 'Tập thể lao động xuất sắc', kind: 'title', written: ['TTLĐXS', 'Tập thể lao động xuất sắc'] },
  ttldtt: { name: 'Tập thể lao động tiên tiến', kind: 'title', written: ['Tập thể lao động tiên tiến'] },
  coThiDua: { name: 'Cờ thi đua của Bộ, ban, ngành, tỉnh', kind: 'title', written: ['Cờ thi đua của UBND tỉnh', 'Cờ thi đua UBND tỉnh'] },
  bangKhenTTg: { name: 'Bằng khen của Thủ tướng Chính phủ', kind: 'commendation', written: ['Bằng khen của Thủ tướng Chính phủ'] },
  huanChuongLd3: { name: 'Huân chương Lao động hạng ba', kind: 'commendation', written: ['Huân chương Lao động hạng ba'] },
} as const satisfies Record<string, { name: string; kind: AwardKind; written: readonly string[] }>;
type FormKey = keyof typeof AWARD_FORMS;

function buildAwards(rng: Rng, staff: Map<string, string[]>, sheets: ScoreSheet[], newName: () => string): Award[] {
  const out: Award[] = [];
  const outsiders = new Map<string, string[]>(OUTSIDE_UNITS.map((u) => [u, [newName(), newName(), newName()]]));
  for (const year of YEARS) {
    const sttDate = ymd(year, 12, rng.int(20, 28));
    const ubndDate = year === 2021 ? ymd(year, 12, 30) : ymd(year + 1, rng.int(1, 2), rng.int(5, 25));
    const dec = {
      ldtt: `${rng.int(300, 420)}/QĐ-STC`,
      cstdcs: `${rng.int(421, 460)}/QĐ-STC`,
      giayKhen: `${rng.int(461, 520)}/QĐ-STC`,
      ubnd: `${rng.int(2800, 3400)}/QĐ-UBND`,
      coThiDua: `${rng.int(150, 400)}/QĐ-UBND`,
    };
    const add = (recipient: string, type: Award['recipientType'], unit: SampleUnit | null, unitName: string, form: FormKey, decisionNo: string, decisionDate: string) => {
      const f = AWARD_FORMS[form];
      out.push({
        recipient,
        recipientType: type,
        unit,
        unitName,
        awardName: f.name,
        awardWritten: rng.pick(f.written),
        awardKind: f.kind,
        decisionNo,
        decisionDate,
        year,
      });
    };

    // Collectives: the divisions' titles, and the blocs' flag and certificates.
    const divisions = DIVISIONS.filter((u) => u.years.includes(year));
    const annual = (key: SampleBloc['key']) => sheets.find((s) => s.bloc.key === key && s.period === String(year))!;
    const byRank = (key: SampleBloc['key']) => [...annual(key).scores].sort((a, b) => a.rank - b.rank);
    const topDivisions = new Set(byRank('divisions').slice(0, 3).map((s) => s.unit.name));
    for (const u of divisions) {
      if (topDivisions.has(u.name)) add(u.name, 'collective', u, u.name, 'ttldxs', dec.ubnd, ubndDate);
      else add(u.name, 'collective', u, u.name, 'ttldtt', dec.ldtt, sttDate);
    }
    const divisionLeader = byRank('divisions')[0].unit;
    add(divisionLeader.name, 'collective', divisionLeader, divisionLeader.name, 'bangKhenTinh', dec.ubnd, ubndDate);
    for (const key of ['advisory', 'districts'] as const) {
      const ranked = byRank(key);
      add(ranked[0].unit.name, 'collective', ranked[0].unit, ranked[0].unit.name, 'coThiDua', dec.coThiDua, ubndDate);
      for (const s of ranked.slice(1, 3)) add(s.unit.name, 'collective', s.unit, s.unit.name, 'bangKhenTinh', dec.ubnd, ubndDate);
    }
    if (year === 2023) add(DEPARTMENT.name, 'collective', DEPARTMENT, DEPARTMENT.name, 'huanChuongLd3', '1245/QĐ-CTN', ymd(2023, 11, 14));

    // Individuals of the department: most are LĐTT, ≤ 15 % of those CSTĐCS, some certificates.
    for (const u of divisions) {
      // From 2023 the staff of the merged division work in its successor.
      const people = [...(staff.get(u.name) ?? [])];
      if (year === 2023 && u.name === 'Phòng Tài chính đầu tư') people.push(...(staff.get('Phòng Tài chính doanh nghiệp') ?? []));
      const ldtt = people.filter(() => rng.chance(0.88));
      for (const p of ldtt) add(p, 'individual', u, u.name, 'ldtt', dec.ldtt, sttDate);
      const cstd = rng.shuffle(ldtt).slice(0, Math.max(1, Math.floor(ldtt.length * 0.15)));
      for (const p of cstd) add(p, 'individual', u, u.name, 'cstdcs', dec.cstdcs, sttDate);
      for (const p of rng.shuffle(people).slice(0, rng.int(1, 3))) add(p, 'individual', u, u.name, 'giayKhenSo', dec.giayKhen, sttDate);
      if (rng.chance(0.45)) add(rng.pick(ldtt.length ? ldtt : people), 'individual', u, u.name, 'bangKhenTinh', dec.ubnd, ubndDate);
    }
    if (year === 2022) {
      const director = staff.get('Văn phòng Sở')![0];
      add(director, 'individual', DIVISIONS[0], DIVISIONS[0].name, 'bangKhenTTg', '1520/QĐ-TTg', ymd(2022, 11, 8));
    }
    // People of units outside the dimension, thanked by the Director for their cooperation.
    for (const [unitName, people] of outsiders) {
      if (rng.chance(0.7)) add(people[year - 2021], 'individual', null, unitName, 'giayKhenSo', dec.giayKhen, sttDate);
    }
    if (year === 2022) add('Phòng Kế hoạch – Tổng hợp', 'collective', null, 'Ban Quản lý dự án đầu tư xây dựng tỉnh', 'giayKhenSo', dec.giayKhen, sttDate);
  }
  return out;
}

// ---------------------------------------------------------------- the model

export function buildModel(): SampleModel {
  const root = new Rng(SEED);
  const newName = makeNamer(root.fork('names'));
  const staff = new Map<string, string[]>();
  for (const u of DIVISIONS) staff.set(u.name, Array.from({ length: u.headcount }, newName));
  const sheets = buildSheets(root.fork('scores'));
  const activities = buildActivities(root.fork('activities'), staff);
  const awards = buildAwards(root.fork('awards'), staff, sheets, newName);
  return { activities, awards, sheets, staff };
}

/** A score sheet outside the sample (with-errors files): its own PRNG stream. */
export function buildExtraSheet(blocKey: SampleBloc['key'], year: Year, half: boolean, label: string): ScoreSheet {
  const rng = new Rng(SEED).fork(label);
  const strength = new Map<string, number>();
  for (const u of [...DIVISIONS, ...ADVISORY_AGENCIES, ...DISTRICT_OFFICES]) strength.set(u.name, 0.78 + rng.next() * 0.17);
  const sheet = buildSheet(rng, BLOCS.find((b) => b.key === blocKey)!, year, half, strength);
  if (sheet.scores.filter((s) => s.rank === 1).length !== 1) throw new Error(`two leaders in ${label}`);
  return sheet;
}

/** Activities outside the sample (with-errors files): distinct titles, so they add, never collide. */
export function buildExtraActivities(unit: SampleUnit, year: Year, n: number, label: string): Activity[] {
  const rng = new Rng(SEED).fork(label);
  const out: Activity[] = [];
  for (let i = 0; i < n; i++) {
    const channel = rng.weighted(CHANNEL_WEIGHTS) as Exclude<Channel, 'other'>;
    out.push({
      date: workingDay(rng, year, 1, 12),
      unit,
      channel,
      channelText: rng.pick(CHANNEL_TEXTS[channel]),
      title: `Báo cáo bổ sung số ${i + 1}: ${rng.pick(TOPICS[channel])}`,
      participants: participantsFor(rng, channel, unit),
      movement: rng.pick(MOVEMENTS(year)),
      exemplar: null,
    });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
