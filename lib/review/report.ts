import type { Db } from '../db/client';
import { invalidPeriodMessage, parsePeriod, type Period } from '../periods';
import { readSettings } from '../settings/store';
import type { Settings } from '../settings/definitions';
import { findBloc, listBlocs } from './blocs';
import { buildNarrative } from './narrative';
import { proposeAwards, type ReviewProposals } from './rules';
import { readQuotaData } from './quotas';
import { documentHeader, latestUnitsTitle, type DocumentHeader } from './header';
import { getReviewSummary, type ReviewSummary } from './summary';

/** Everything a review page, document or spreadsheet shows. */
export interface ReviewReport {
  summary: ReviewSummary;
  proposals: ReviewProposals;
  narrative: string[];
  settings: Settings;
  /** Governing body, issuing body and place (settings, else the units file's title block). */
  header: DocumentHeader;
}

/** A bad bloc or period given by a person; the message says what to type instead. */
export class ReviewInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReviewInputError';
  }
}

async function resolveReviewInput(db: Db, blocArg: string, periodArg: string): Promise<{ blocId: number; period: Period }> {
  const period = parsePeriod(periodArg);
  if (!period) throw new ReviewInputError(invalidPeriodMessage(periodArg));
  const bloc = await findBloc(db, blocArg);
  if (!bloc) {
    const names = (await listBlocs(db)).map((b) => `"${b.name}" (mã ${b.blocId})`);
    throw new ReviewInputError(
      `Không tìm thấy khối thi đua "${blocArg}". ` + (names.length ? `Các khối hiện có: ${names.join(', ')}.` : 'Chưa có khối nào: hãy nhập tệp đơn vị trước.'),
    );
  }
  return { blocId: bloc.blocId, period };
}

export async function buildReviewReport(db: Db, blocArg: string, periodArg: string): Promise<ReviewReport> {
  const { blocId, period } = await resolveReviewInput(db, blocArg, periodArg);
  const bloc = (await findBloc(db, String(blocId)))!;
  const [summary, settings, title] = await Promise.all([getReviewSummary(db, bloc, period), readSettings(db), latestUnitsTitle(db)]);
  const proposals = proposeAwards(summary, settings, await readQuotaData(db, summary, settings));
  return { summary, proposals, narrative: buildNarrative(summary, proposals), settings, header: documentHeader(settings, title) };
}

/** File name for downloads: "danh-gia-khoi-3-2022-H1.docx". */
export function reviewFileName(report: ReviewReport, ext: 'docx' | 'xlsx'): string {
  return `danh-gia-khoi-${report.summary.bloc.blocId}-${report.summary.period.id}.${ext}`;
}
