'use client';

import { useLinkStatus } from 'next/link';

/**
 * A pulsing dot inside a link while the page it opens is on its way. The overview has no loading
 * skeleton (its first screen is part of the first paint), so a click on a menu link shows this instead.
 */
export function LinkPending() {
  const { pending } = useLinkStatus();
  return <span aria-hidden="true" className={pending ? 'ml-1.5 inline-block h-1.5 w-1.5 animate-pulse rounded-full bg-tremor-brand align-middle' : 'hidden'} />;
}
