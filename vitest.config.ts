import { defineConfig } from 'vitest/config';

const alias = { '@': import.meta.dirname };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/build-dist.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          pool: 'forks',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          globalSetup: ['test/build-dist.ts', 'test/e2e/global-setup.ts'],
          // One server, one browser: files run one after another.
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 600_000,
          pool: 'forks',
        },
      },
    ],
  },
});
