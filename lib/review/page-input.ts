import type { Db } from '../db/client';
import { invalidPeriodMessage, parsePeriod } from '../periods';
import { findBloc, listBlocs, listScorePeriods, type Bloc } from './blocs';

/**
 * Turns `?bloc=…&period=…` into a bloc and a period, falling back (with a notice) to the first
 * bloc and its latest score period, so a mistyped link still opens something useful.
 */
interface ReviewPageInput {
  blocs: Bloc[];
  bloc: Bloc | null;
  periodId: string | null;
  periods: string[];
  notices: string[];
}

export async function resolveReviewPageInput(db: Db, blocParam: string | undefined, periodParam: string | undefined): Promise<ReviewPageInput> {
  const notices: string[] = [];
  const blocs = await listBlocs(db);
  if (blocs.length === 0) return { blocs, bloc: null, periodId: null, periods: [], notices };
  let bloc = blocParam ? await findBloc(db, blocParam) : null;
  if (blocParam && !bloc) notices.push(`Không tìm thấy khối thi đua "${blocParam}"; đang hiển thị ${blocs[0].name}.`);
  if (!bloc) {
    // Default: the first bloc that has scores.
    for (const b of blocs) {
      if ((await listScorePeriods(db, b.blocId)).length) {
        bloc = b;
        break;
      }
    }
    bloc ??= blocs[0];
  }
  const periods = await listScorePeriods(db, bloc.blocId);
  let periodId: string | null = null;
  if (periodParam) {
    const p = parsePeriod(periodParam);
    if (p) periodId = p.id;
    else notices.push(invalidPeriodMessage(periodParam, 'đang hiển thị kỳ gần nhất có điểm'));
  }
  periodId ??= periods[0] ?? String(new Date().getFullYear());
  return { blocs, bloc, periodId, periods, notices };
}
