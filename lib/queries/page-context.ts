import { getDb, type Db } from '@/lib/db/client';
import { fallbackPeriod, parseDashboardFilters, type DashboardFilters } from '@/lib/filters/dashboard';
import { type SearchParams } from '@/lib/routes';
import { blocOptions, dataExtent, movementOptions, unitOptions, type DataExtent, type Option } from './options';
import { awardFigures, blocRankingFigures, breakdownFigures, kpiFigures, trendFigures } from './overview';

interface DashboardContext {
  db: Db;
  extent: DataExtent;
  empty: boolean;
  filters: DashboardFilters;
  notices: string[];
  years: number[];
  blocs: Option[];
  units: Option[];
  movements: Option[];
}

/** What every dashboard page needs first: the data extent, the parsed filters, the filter options. */
export async function dashboardContext(sp: SearchParams): Promise<DashboardContext> {
  const db = await getDb();
  const extent = await dataExtent(db);
  const { filters, notices } = parseDashboardFilters(sp, fallbackPeriod(extent.latest_year));
  const [blocs, units, movements] = await Promise.all([
    blocOptions(db),
    unitOptions(db, filters.bloc, filters.bloc !== null ? filters.period.year : null),
    movementOptions(db),
  ]);
  const latest = extent.latest_year ?? new Date().getFullYear();
  const years = Array.from({ length: 6 }, (_, i) => latest - i);
  if (filters.bloc !== null && !blocs.some((b) => b.id === filters.bloc)) notices.push(`Không có khối thi đua mã ${filters.bloc}; số liệu bên dưới trống.`);
  if (filters.unit !== null && filters.bloc === null && !units.some((u) => u.id === filters.unit)) notices.push(`Không có đơn vị mã ${filters.unit}; số liệu bên dưới trống.`);
  if (filters.movement !== null && !movements.some((m) => m.id === filters.movement)) notices.push(`Không có phong trào mã ${filters.movement}; số liệu bên dưới trống.`);
  const empty = extent.activities + extent.awards + extent.scores === 0;
  return { db, extent, empty, filters, notices, years, blocs, units, movements };
}

/**
 * Computes the figures of the overview as first opened (no filters) and keeps them (they are reused
 * while the data version stands), so that the first reader after a server start does not wait for
 * them. Called by instrumentation.ts in the background; a failure only costs that reader the wait.
 */
export async function warmOverview(today: string): Promise<void> {
  const ctx = await dashboardContext({});
  if (ctx.empty) return;
  const f = ctx.filters;
  await Promise.all([kpiFigures(ctx.db, f, today), trendFigures(ctx.db, f, today), breakdownFigures(ctx.db, f, today), awardFigures(ctx.db, f, today), blocRankingFigures(ctx.db, f)]);
}
