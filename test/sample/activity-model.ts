import type { Channel } from '@/lib/domain';
import { foldKey } from '@/lib/text';
import type { Rng } from './prng';
import { DISTRICT_OFFICES, DIVISIONS, MOVEMENTS, YEARS, type SampleUnit, type Year } from './units';
import { workingDay } from './calendar';

/** The sample's activities: channels and the words written for them, topics, head counts. */

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

function byDate(a: Activity, b: Activity): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
}

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

export function buildActivities(rng: Rng, staff: Map<string, string[]>): Activity[] {
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
  out.sort(byDate);
  return out;
}

/** Activities outside the sample (with-errors files): distinct titles, so they add, never collide. */
export function extraActivities(rng: Rng, unit: SampleUnit, year: Year, n: number): Activity[] {
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
  return out.sort(byDate);
}
