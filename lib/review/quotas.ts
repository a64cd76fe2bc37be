import { z } from 'zod';
import { query, type Db } from '../db/client';
import type { Settings } from '../settings/definitions';
import { formatPercent } from '../format';
import { AWARD, type ReviewSummary } from './summary';

/**
 * Quota and eligibility checks for the year of a review, each following one article of Law
 * 06/2022/QH15 (its thresholds are settings, shown with their legal reference):
 * - CSTĐCS ≤ quota.cstdcs_over_ldtt × LĐTT of the DECIDING AGENCY — the whole agency (a unit's
 *   parent, e.g. the Sở for its divisions; a unit without parent decides for itself), never one
 *   division alone (Điều 23; ratio of the implementing decree);
 * - TTLĐXS: ≥ 70 % of the collective LĐTT and at least one CSTĐCS (Điều 27);
 * - TTLĐTT: more than 50 % of the collective LĐTT (Điều 28);
 * - CSTĐ cấp tỉnh: chosen among those with N consecutive CSTĐCS years (Điều 22).
 * Shares use the unit's headcount of that year (units file «Biên chế» with «Năm»), else its
 * latest headcount. What the data cannot show (100 % completing their tasks, discipline) is
 * listed as a condition to verify, never assumed.
 */

type QuotaRule = 'cstdcs_over_ldtt' | 'ttldxs_ldtt_share' | 'ttldxs_cstdcs' | 'ttldtt_ldtt_share' | 'cstd_tinh_consecutive';

export interface QuotaBreach {
  unitName: string;
  rule: QuotaRule;
  message: string;
}

interface AgencyAwards {
  agencyId: number;
  agencyName: string;
  ldtt: number;
  cstdcs: number;
}

export interface CstdcsStreak {
  name: string;
  unitName: string;
  /** Consecutive years with CSTĐCS ending at the review's year. */
  years: number;
  /** Received CSTĐ cấp tỉnh in the review's year. */
  provincial: boolean;
}

export interface QuotaData {
  agencies: AgencyAwards[];
  streaks: CstdcsStreak[];
}

const CSTD_TINH = 'Chiến sĩ thi đua cấp Bộ, ngành, tỉnh, đoàn thể trung ương';

const num = z.coerce.number();
const AgencyRow = z.object({ agency_id: num, agency_name: z.string(), ldtt: num, cstdcs: num });
const StreakRow = z.object({ name: z.string(), unit_name: z.string(), years: num, provincial: z.boolean() });

// The agencies deciding for the bloc's members of the year: a unit's parent, else the unit.
const AGENCY = `(SELECT unit_id, coalesce(parent_id, unit_id) AS agency_id FROM units)`;
const BLOC_AGENCIES = `(SELECT coalesce(u.parent_id, u.unit_id) FROM units u JOIN bloc_members m USING (unit_id) WHERE m.bloc_id = $bloc AND m.year = $year)`;

export async function readQuotaData(db: Db, summary: ReviewSummary, settings: Settings): Promise<QuotaData> {
  const p = { bloc: summary.bloc.blocId, year: summary.period.year, ldtt: AWARD.ldtt, cstdcs: AWARD.cstdcs };
  const n = settings['quota.cstd_tinh_consecutive_cstdcs'];
  const [agencies, streaks] = await Promise.all([
    query(
      db,
      `SELECT a.agency_id, g.name AS agency_name,
              count(*) FILTER (WHERE w.award_name = $ldtt)::INTEGER AS ldtt, count(*) FILTER (WHERE w.award_name = $cstdcs)::INTEGER AS cstdcs
       FROM v_awards w JOIN ${AGENCY} a USING (unit_id) JOIN units g ON g.unit_id = a.agency_id
       WHERE w.recipient_type = 'individual' AND w.award_year = $year AND a.agency_id IN ${BLOC_AGENCIES}
       GROUP BY ALL ORDER BY agency_name`,
      p,
      AgencyRow,
    ),
    // People (same name within one deciding agency) with CSTĐCS in each of the N years up to the review's year.
    query(
      db,
      `WITH c AS (
         SELECT lower(trim(w.recipient_name)) AS person, a.agency_id, any_value(w.recipient_name) AS name, any_value(w.unit_name) AS unit_name,
                count(DISTINCT w.award_year) FILTER (WHERE w.award_name = $cstdcs) AS years,
                bool_or(w.award_name = $tinh AND w.award_year = $year) AS provincial
         FROM v_awards w JOIN ${AGENCY} a USING (unit_id)
         WHERE w.recipient_type = 'individual' AND w.award_year BETWEEN $year - $n + 1 AND $year
           AND w.award_name IN ($cstdcs, $tinh) AND a.agency_id IN ${BLOC_AGENCIES}
         GROUP BY ALL)
       SELECT name, unit_name, years::INTEGER AS years, provincial FROM c WHERE years >= $n OR provincial ORDER BY unit_name, name`,
      { bloc: p.bloc, year: p.year, cstdcs: p.cstdcs, tinh: CSTD_TINH, n },
      StreakRow,
    ),
  ]);
  return {
    agencies: agencies.map((r) => ({ agencyId: r.agency_id, agencyName: r.agency_name, ldtt: r.ldtt, cstdcs: r.cstdcs })),
    streaks: streaks.map((r) => ({ name: r.name, unitName: r.unit_name, years: r.years, provincial: r.provincial })),
  };
}

/** CSTĐCS ≤ ratio × LĐTT of the whole deciding agency (Law 06/2022/QH15, Điều 23). */
function checkCstdcsQuota(agencies: AgencyAwards[], ratio: number, year: number): QuotaBreach[] {
  const out: QuotaBreach[] = [];
  for (const a of agencies) {
    if (a.cstdcs === 0 || a.cstdcs <= ratio * a.ldtt + 1e-9) continue;
    const allowed = Math.floor(ratio * a.ldtt + 1e-9);
    out.push({
      unitName: a.agencyName,
      rule: 'cstdcs_over_ldtt',
      message: `${a.agencyName} (cơ quan quyết định): ${a.cstdcs} ${AWARD.cstdcs} năm ${year} vượt tỷ lệ ${formatPercent(ratio)} của ${a.ldtt} ${AWARD.ldtt} toàn cơ quan (tối đa ${allowed}).`,
    });
  }
  return out;
}

/** TTLĐXS (Điều 27) and TTLĐTT (Điều 28) conditions the award data can show, per member. */
function checkCollectiveTitles(summary: ReviewSummary, settings: Settings): QuotaBreach[] {
  const year = summary.period.year;
  const out: QuotaBreach[] = [];
  const share = (ldtt: number, headcount: number | null) => (headcount && headcount > 0 ? ldtt / headcount : null);
  for (const m of summary.members) {
    const a = m.awards;
    const s = share(a.ldtt, m.headcount);
    const people = `${a.ldtt}/${m.headcount} người (${s === null ? '–' : formatPercent(s)})`;
    if (a.ttldxs > 0) {
      const min = settings['quota.ttldxs_min_ldtt_share'];
      if (s !== null && s < min - 1e-9) {
        out.push({ unitName: m.unitName, rule: 'ttldxs_ldtt_share', message: `${m.unitName}: ${AWARD.ttldxs} năm ${year} nhưng chỉ ${people} đạt ${AWARD.ldtt}, cần tối thiểu ${formatPercent(min)} (Luật TĐKT 2022, Điều 27).` });
      }
      const minCstdcs = settings['quota.ttldxs_min_cstdcs'];
      if (a.cstdcs < minCstdcs) {
        out.push({ unitName: m.unitName, rule: 'ttldxs_cstdcs', message: `${m.unitName}: ${AWARD.ttldxs} năm ${year} nhưng có ${a.cstdcs} ${AWARD.cstdcs}, cần tối thiểu ${minCstdcs} (Luật TĐKT 2022, Điều 27).` });
      }
    }
    if (a.ttldtt > 0) {
      const min = settings['quota.ttldtt_min_ldtt_share'];
      if (s !== null && s <= min + 1e-9) {
        out.push({ unitName: m.unitName, rule: 'ttldtt_ldtt_share', message: `${m.unitName}: ${AWARD.ttldtt} năm ${year} nhưng chỉ ${people} đạt ${AWARD.ldtt}, cần trên ${formatPercent(min)} (Luật TĐKT 2022, Điều 28).` });
      }
    }
  }
  return out;
}

/** CSTĐ cấp tỉnh only among those with N consecutive CSTĐCS years (Law 06/2022/QH15, Điều 22). */
function checkProvincialFighters(streaks: CstdcsStreak[], n: number, year: number): QuotaBreach[] {
  return streaks
    .filter((s) => s.provincial && s.years < n)
    .map((s) => ({
      unitName: s.unitName,
      rule: 'cstd_tinh_consecutive' as const,
      message: `${s.name} (${s.unitName}): ${CSTD_TINH} năm ${year} nhưng chỉ có ${s.years} năm ${AWARD.cstdcs} liên tục đến năm ${year}, cần ${n} (Luật TĐKT 2022, Điều 22).`,
    }));
}

export function checkQuotas(summary: ReviewSummary, data: QuotaData, settings: Settings): QuotaBreach[] {
  const year = summary.period.year;
  return [
    ...checkCstdcsQuota(data.agencies, settings['quota.cstdcs_over_ldtt'], year),
    ...checkCollectiveTitles(summary, settings),
    ...checkProvincialFighters(data.streaks, settings['quota.cstd_tinh_consecutive_cstdcs'], year),
  ];
}

/** People who may be considered for CSTĐ cấp tỉnh this year (N consecutive CSTĐCS years). */
export function provincialFighterCandidates(data: QuotaData, n: number): CstdcsStreak[] {
  return data.streaks.filter((s) => s.years >= n && !s.provincial);
}
