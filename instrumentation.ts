/**
 * Runs once when the server starts: opens (and migrates) the store then, so the first reader
 * does not pay for it. Only in the Node.js runtime — DuckDB is a native module.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getDb } = await import('@/lib/db/client');
  try {
    await getDb();
  } catch (err) {
    // The first page shows the error to whoever can act on it; the server itself keeps running.
    console.error('[khởi động] chưa mở được cơ sở dữ liệu', err);
  }
}
