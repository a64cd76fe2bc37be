/**
 * Runs once when the server starts (Node.js runtime only — DuckDB is a native module):
 * - installs the hook that records each request's real peer (socket address, or a trusted
 *   proxy's report) before Next sees the headers: lib/auth/peer.ts;
 * - in production, the page cache that answers dashboard pages from memory while the data
 *   stands: lib/serve/page-cache.ts;
 * - opens (and migrates) the store, so the first reader does not pay for it, then computes the
 *   overview's figures in the background (lib/queries/page-context.ts, warmOverview).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { installPeerStamp } = await import('./lib/auth/peer');
  installPeerStamp();
  if (process.env.NODE_ENV === 'production') {
    const { installPageCache } = await import('./lib/serve/page-cache');
    installPageCache();
  }
  const { getDb } = await import('@/lib/db/client');
  try {
    await getDb();
  } catch (err) {
    // The first page shows the error to whoever can act on it; the server itself keeps running.
    console.error('[khởi động] chưa mở được cơ sở dữ liệu', err);
    return;
  }
  const [{ warmOverview }, { todayIso }] = await Promise.all([import('@/lib/queries/page-context'), import('@/lib/filters/today')]);
  void warmOverview(todayIso()).catch((err: unknown) => console.error('[khởi động] chưa tính trước được số liệu trang tổng quan', err));
}

/** A page that failed while rendering (even behind an error boundary, status 200) is never kept. */
export async function onRequestError(_error: unknown, request: { headers: Record<string, string | string[] | undefined> }): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { noteRenderError } = await import('./lib/serve/loopback');
  noteRenderError(request.headers);
}
