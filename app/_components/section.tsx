/** A titled card; sections stream on their own inside <Suspense>. */
export function Section({ title, subtitle, children, id, className = '' }: { title: string; subtitle?: React.ReactNode; children: React.ReactNode; id?: string; className?: string }) {
  return (
    <section id={id} aria-labelledby={id ? `${id}-title` : undefined} className={`break-inside-avoid rounded-tremor-default border border-tremor-border bg-white p-4 shadow-tremor-card sm:p-5 ${className}`}>
      <h2 id={id ? `${id}-title` : undefined} className="text-base font-semibold text-tremor-content-strong">
        {title}
      </h2>
      {subtitle && <p className="mt-0.5 text-xs text-tremor-content">{subtitle}</p>}
      <div className="mt-3">{children}</div>
    </section>
  );
}

export function Skeleton({ title, height = 'h-48' }: { title?: string; height?: string }) {
  return (
    <div className="rounded-tremor-default border border-tremor-border bg-white p-5 shadow-tremor-card" aria-busy="true" aria-live="polite">
      {title ? <p className="text-base font-semibold text-tremor-content-strong">{title}</p> : <div className="h-5 w-40 animate-pulse rounded bg-tremor-background-subtle" />}
      <div className={`mt-4 ${height} animate-pulse rounded bg-tremor-background-subtle`} />
      <span className="sr-only">Đang tải…</span>
    </div>
  );
}

export function PageTitle({ title, subtitle }: { title: string; subtitle?: React.ReactNode }) {
  return (
    <div>
      <h1 className="text-xl font-semibold text-tremor-content-strong sm:text-2xl">{title}</h1>
      {subtitle && <p className="mt-1 text-sm text-tremor-content">{subtitle}</p>}
    </div>
  );
}
