/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native DuckDB bindings must be required at run time, not bundled.
  serverExternalPackages: ['@duckdb/node-api', '@duckdb/node-bindings', '@duckdb/node-bindings-linux-x64', 'exceljs'],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
};

export default nextConfig;
