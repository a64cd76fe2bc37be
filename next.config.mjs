/** @type {import('next').NextConfig} */
const nextConfig = {
  // End-to-end runs build into a directory of their own so they never disturb `next dev`.
  distDir: process.env.THIDUA_DIST_DIR || '.next',
  // Native DuckDB bindings must be required at run time, not bundled.
  serverExternalPackages: ['@duckdb/node-api', '@duckdb/node-bindings', '@duckdb/node-bindings-linux-x64', 'exceljs'],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
};

export default nextConfig;
