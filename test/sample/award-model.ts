import type { AwardKind, RecipientType } from '@/lib/domain';
import type { Rng } from './prng';
import { DEPARTMENT, DIVISIONS, OUTSIDE_UNITS, YEARS, type SampleBloc, type SampleUnit, type Year } from './units';
import { ymd } from './calendar';
import type { ScoreSheet } from './score-model';

/** The sample's awards: titles and commendations by the blocs' ranks and the divisions' staff. */

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

export function buildAwards(rng: Rng, staff: Map<string, string[]>, sheets: ScoreSheet[], newName: () => string): Award[] {
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
