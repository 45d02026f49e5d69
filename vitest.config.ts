import { defineConfig } from 'vitest/config';

/** Hub tests that start a hub: run once per engine. */
const HUB_SUITE = ['test/hub/**/*.test.ts', 'test/hub-pg/**/*.test.ts'];
/**
 * Run once, on SQLite: pure unit tests with no database behind them, the HTTP layer's early
 * answers (decided before any query), and the SIGKILL test, which checks SQLite's own file
 * (PRAGMA integrity_check); on PostgreSQL a killed hub only drops its connections.
 */
const ENGINE_FREE = ['test/hub/openapi-sync.test.ts', 'test/hub/artifact-stream.test.ts', 'test/hub/early-answers.test.ts', 'test/hub/kill-recovery.test.ts', 'test/hub/report-buckets.test.ts'];
/**
 * Demo hubs started by tests seed no past work: the full year takes too long for each. The
 * tests of the history itself ask for the brief one (test/hub/demo-seed, demo-history-*).
 */
const DEMO_HISTORY = { ASSAY_DEMO_HISTORY: 'none' };

export default defineConfig({
  test: {
    // One test file per core. Vitest's default (cores - 1) gives a 2-core machine one worker,
    // and the suite then runs file after file, though most of its time is spent waiting on
    // child hubs, PostgreSQL and sockets rather than computing.
    maxWorkers: '100%',
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/renderer/**', 'test/e2e/**', 'test/hub-pg/**', 'node_modules/**'],
          environment: 'node',
          env: DEMO_HISTORY,
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        test: {
          // The same hub suite against PostgreSQL: startHub gives each hub a fresh database.
          name: 'hub-postgres',
          include: HUB_SUITE,
          exclude: [...ENGINE_FREE, 'node_modules/**'],
          environment: 'node',
          env: { ASSAY_TEST_ENGINE: 'postgres', ...DEMO_HISTORY },
          globalSetup: ['test/support/pg-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          testTimeout: 20_000,
        },
      },
    ],
  },
});
