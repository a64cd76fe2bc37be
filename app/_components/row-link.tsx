import Link from 'next/link';

/**
 * A drill-down link in a row of a table (a unit, a bloc): styled as a link and not prefetched.
 * A table holds dozens of them, and each prefetch is a page the server renders and the browser
 * downloads while the reader is still looking at this one; the page cache answers the click fast.
 */
export function RowLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <Link href={href} prefetch={false} className="text-tremor-brand-emphasis underline">
      {children}
    </Link>
  );
}
