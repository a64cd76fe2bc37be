import { Skeleton } from './section';

/** The loading state of every dashboard route: a title bar, four KPI cards and a chart. */
export function PageSkeleton() {
  return (
    <div className="space-y-4">
      <div className="h-8 w-64 animate-pulse rounded bg-tremor-background-subtle" />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {[1, 2, 3, 4].map((i) => (
          <Skeleton key={i} height="h-12" />
        ))}
      </div>
      <Skeleton height="h-72" />
    </div>
  );
}
