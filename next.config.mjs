/** @type {import('next').NextConfig} */

// Fixed security headers for what proxy.ts does not see (API routes, static files); pages get
// the same ones plus a per-request CSP nonce from the proxy. Kept in step with
// lib/security/headers.ts (COMMON_HEADERS, API_CSP), which a unit test checks.
const COMMON = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
];
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; sandbox";

const nextConfig = {
  // End-to-end runs build into a directory of their own so they never disturb `next dev`.
  distDir: process.env.THIDUA_DIST_DIR || '.next',
  // Native DuckDB bindings must be required at run time, not bundled.
  serverExternalPackages: ['@duckdb/node-api', '@duckdb/node-bindings', '@duckdb/node-bindings-linux-x64', 'exceljs'],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  async headers() {
    return [
      { source: '/api/:path*', headers: [...COMMON, { key: 'Content-Security-Policy', value: API_CSP }] },
      { source: '/_next/static/:path*', headers: COMMON },
      { source: '/favicon.ico', headers: COMMON },
      { source: '/icon.svg', headers: COMMON },
      { source: '/robots.txt', headers: COMMON },
    ];
  },
};

export default nextConfig;
