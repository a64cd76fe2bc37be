'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { withQuery } from '@/lib/routes';

/**
 * A GET form whose selects submit on change: the filters land in the URL (shareable, back and
 * forward work). Without JavaScript the "Xem" button does the same.
 */
export function FilterForm({ action, children, className }: { action: string; children: React.ReactNode; className?: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  function submit(form: HTMLFormElement) {
    const values = Object.fromEntries([...new FormData(form)].map(([k, v]) => [k, typeof v === 'string' ? v.trim() : null]));
    start(() => router.push(withQuery(action, values)));
  }
  return (
    <form
      action={action}
      method="get"
      className={className}
      aria-busy={pending}
      data-testid="filter-form"
      onChange={(e) => {
        const t = e.target as HTMLElement;
        if (t.tagName === 'SELECT') submit(e.currentTarget);
      }}
      onSubmit={(e) => {
        e.preventDefault();
        submit(e.currentTarget);
      }}
    >
      {children}
      {pending && <span className="sr-only" role="status">Đang tải…</span>}
    </form>
  );
}
