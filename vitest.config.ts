import { defineConfig } from 'vitest/config'

/**
 * Coverage floors per layer, checked by `vitest run --coverage` (`npm test`). Set a few points
 * under the figures measured when they were introduced (README, "Coverage"), so that a change
 * which leaves a layer's new code untested fails CI, while ordinary refactors do not.
 */
const floors = {
  'src/core/**': { lines: 95, statements: 92, functions: 93, branches: 88 },
  'src/domain/**': { lines: 95, statements: 94, functions: 95, branches: 90 },
  'src/reconcile/**': { lines: 90, statements: 88, functions: 88, branches: 75 },
}

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // fast-check draws from the commit's seed: a red property is red again on the same commit.
    setupFiles: ['tests/helpers/fastCheckSeed.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/server/web/**'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'coverage',
      thresholds: floors,
    },
  },
})
