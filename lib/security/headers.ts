/**
 * Security headers of every response. Pages get a Content-Security-Policy with a fresh nonce
 * from proxy.ts (Next puts the nonce on its own scripts when it finds it in the request's CSP
 * header); API responses and static files get the fixed headers from next.config.mjs.
 */

/** A fresh nonce: 16 random bytes, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The pages' policy: scripts only from this site and only with the nonce ('strict-dynamic' lets
 * Next's nonce-bearing loader fetch its chunks); styles may be inline (Tremor and the charts set
 * style attributes, which a nonce cannot cover); fonts are self-hosted; no plugins, no framing.
 */
export function pageCsp(nonce: string, opts: { https: boolean; dev?: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/** API answers are data, never documents to run. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; sandbox";

/** Headers every response carries (next.config.mjs repeats them for the routes the proxy does not see). */
export const COMMON_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

/** One year, sent only when the browser came over HTTPS (browsers ignore it over HTTP anyway). */
export const HSTS = 'max-age=31536000';

/** Sets the page headers on a response. */
export function setPageHeaders(headers: Headers, csp: string, https: boolean): void {
  headers.set('Content-Security-Policy', csp);
  for (const [k, v] of Object.entries(COMMON_HEADERS)) headers.set(k, v);
  if (https) headers.set('Strict-Transport-Security', HSTS);
}
