import { defineConfig } from 'vitest/config';
import LongFilesFirst from './server/src/test/long-files-first.ts';

// Two projects: fast unit tests, and integration tests that talk to a real database (PGlite in
// memory by default; a fresh PostgreSQL database when TEST_DATABASE=postgres).
export default defineConfig({
  test: {
    // Known long files start first (server/src/test/long-files-first.ts).
    sequence: { sequencer: LongFilesFirst },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'connectors/*/src/**/*.test.ts', 'server/src/**/*.test.ts', 'web/src/**/*.test.ts', 'bench/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          environment: 'node',
          // Unit files share their worker's modules too, two workers at a time: with a fresh module
          // graph per file, importing took a third of the project's time and one core stayed idle
          // (85 s → 25 s for 134 files). What a file changes for the process is put back after it.
          isolate: false,
          maxWorkers: 2,
          setupFiles: ['server/src/test/per-file-setup.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['server/src/**/*.int.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          // A file's set-up (its app and database) takes seconds on a quiet machine; the limit only
          // catches a hang, and a shared, loaded machine can need more than a minute.
          hookTimeout: 120_000,
          pool: 'forks',
          // A worker imports the server once and runs file after file on it (each file still builds
          // its own app and database): a fresh module graph per file cost about 2 s of CPU a file.
          // What a file may change for the whole process is put back after it (per-file-setup.ts).
          isolate: false,
          setupFiles: ['server/src/test/per-file-setup.ts'],
          globalSetup: ['server/src/test/global-setup.ts'],
          // Two files at a time even on two cores (the default would be one): most of an integration
          // file's time is spent waiting on a child server, the database or a fake platform.
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          environment: 'node',
          // One prepared data folder per run; each file's server starts on its own copy.
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // A poll waits on a browser and a server that share two cores with another file's: vitest's
          // default second is too short for a reload under that load (seen: a schedule read back
          // after a reload, a chart's band drawn). A poll that never holds still fails, 15 s later.
          expect: { poll: { timeout: 15_000 } },
          // Two files at a time, each with its own server and browser: a file spends about 40 % of its
          // time waiting (the browser rendering, the server answering), which the other file fills.
          pool: 'forks',
          maxWorkers: 2,
        },
      },
    ],
  },
});
