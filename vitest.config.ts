import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url))

export default defineConfig({
  // The package's own entry points, so tests (and the README snippet) import `kopru/...` as users do.
  resolve: {
    alias: [
      { find: /^kopru$/, replacement: src('./src/index.ts') },
      { find: /^kopru\/node$/, replacement: src('./src/node/index.ts') },
      { find: /^kopru\/worker$/, replacement: src('./src/worker.ts') },
      { find: /^kopru\/providers$/, replacement: src('./src/providers.ts') },
      { find: /^kopru\/client$/, replacement: src('./src/client/index.ts') },
    ],
  },
  test: {
    // Mapping tests live in test/mapping/<provider>.test.ts (test/architecture/mapping-tests.test.ts checks it).
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // Every file gets fresh module state (no cache, clock or connection leaks between files, any order works);
    // the database is opened once per file (test/helpers/db.ts) and reset with TRUNCATE between tests.
    isolate: true,
    // Files run in a random order every run (the seed is printed; `--sequence.seed=N` repeats an order), so an
    // order dependence between files shows up instead of hiding behind the alphabet.
    sequence: { shuffle: { files: true, tests: false } },
    pool: 'threads',
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
})
