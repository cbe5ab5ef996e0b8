import { defineConfig } from 'vitest/config';

/**
 * Three tiers, all run by `npm test`: unit (pure and in-memory, `npm run test:unit`), integration (databases,
 * Redis, servers and child processes: `*.int.test.ts` and `test/*.test.ts`) and browser (Chromium).
 */
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'web/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/*.int.test.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'integration', include: ['src/**/*.int.test.ts', 'test/*.test.ts'] },
      },
      { extends: true, test: { name: 'browser', include: ['test/browser/**/*.test.ts'] } },
    ],
  },
});
