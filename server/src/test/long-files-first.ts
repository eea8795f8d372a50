// Two files run at a time; a long file that starts last keeps one worker busy alone while the other
// has nothing left. On a fresh clone vitest has no durations yet and orders files by size, so the
// crash, CLI and restart tests (child processes, a minute or more each) could start last. This
// sequencer starts the files known to be long first, longest first (measured, docs/testing.md), then
// the rest in vitest's own order.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Path endings of the long files, longest first. */
export const longFiles = [
  'listening/tests/ingest-crash.int.test.ts',
  'test/openapi-fuzz.int.test.ts',
  'publishing/publishing-crash.int.test.ts',
  'insights/tests/delivery-crash.int.test.ts',
  'test/cli.int.test.ts',
  'cli/keys-reseal.int.test.ts',
  'cli/verify-command.int.test.ts',
  'cli/audit-checkpoints.int.test.ts',
  'test/restart.int.test.ts',
  'cli/unvotes-command.int.test.ts',
  'cli/import-command.int.test.ts',
  'test/start-script.int.test.ts',
  // Browser files: a server and Chromium each (measured two at a time, docs/testing.md).
  'e2e/pages-en.e2e.test.ts',
  'e2e/pages-id.e2e.test.ts',
  'e2e/statements-channels.e2e.test.ts',
  'e2e/listening.e2e.test.ts',
  'e2e/listening-topics.e2e.test.ts',
  'e2e/listening-import.e2e.test.ts',
  'e2e/listening-live.e2e.test.ts',
  'e2e/insights-monitors.e2e.test.ts',
  'e2e/statements-desk.e2e.test.ts',
  'e2e/insights.e2e.test.ts',
  'e2e/security.e2e.test.ts',
  'e2e/insights-image.e2e.test.ts',
] as const;

const rank = (spec: TestSpecification): number => {
  const i = longFiles.findIndex((end) => spec.moduleId.endsWith(end));
  return i === -1 ? longFiles.length : i;
};

export default class LongFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const ordered = await super.sort(files);
    // Stable: within the same rank (every file not listed) vitest's order stays.
    return ordered.map((spec, i) => ({ spec, i, r: rank(spec) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.spec);
  }
}
