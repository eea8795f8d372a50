import { afterAll, vi } from 'vitest';

// Unit and integration files share their worker's modules (`isolate: false`: the server is imported once per
// worker, not once per file). What one file may change for the whole process is put back after it.
afterAll(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});
