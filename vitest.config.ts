import { defineConfig } from 'vitest/config';

// Tests read each package's TypeScript source through the `source` export condition,
// so no build step (and no stale dist/) sits between an edit and a test run.
export default defineConfig({
  resolve: { conditions: ['source', 'import', 'node', 'default'] },
  // Vitest also hands the SSR conditions to the test processes as `node --conditions`: there an
  // `import` would make Node's own require() take a dual package's ESM entry (pg requiring
  // pg-pool got a module namespace, not the class). Vite adds `import`/`require` by itself.
  ssr: { resolve: { conditions: ['source', 'node', 'default'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'packages/*/src/**/*.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two test files at a time on the 2-core CI machine: most files wait on servers, browsers and
    // child processes. One at a time (the default there) took 459 s of the 10-minute budget.
    maxWorkers: 2,
  },
});
