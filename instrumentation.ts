/**
 * Runs once when the server starts. Installs the hook that records each request's real peer
 * (socket address, or a trusted proxy's report) before Next sees the headers: lib/auth/peer.ts.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { installPeerStamp } = await import('./lib/auth/peer');
    installPeerStamp();
  }
}
