/** Polite notices (invalid URL parameters, partial periods…); role=status so screen readers hear them. */
export function Notices({ items, tone = 'warning' }: { items: string[]; tone?: 'warning' | 'info' }) {
  if (items.length === 0) return null;
  const cls = tone === 'warning' ? 'border-amber-300 bg-amber-50 text-amber-900' : 'border-blue-200 bg-blue-50 text-blue-900';
  return (
    <div role="status" className={`mt-4 rounded-tremor-default border px-4 py-3 text-sm ${cls}`} data-testid="notice">
      <ul className="list-disc space-y-1 pl-5">
        {items.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </div>
  );
}
