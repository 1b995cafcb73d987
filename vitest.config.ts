import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'providers/**/*.test.ts', 'src/**/*.test.ts'],
    // One database per worker (PGlite costs ~2 s to start), shared by the files that worker runs;
    // tests reset state with TRUNCATE instead of reopening it.
    isolate: false,
    pool: 'threads',
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
})
