// Vitest global setup of the integration tests: builds the embedded-database template once per run
// (see embedded-template.ts). Test processes inherit the path through the environment.
import { ensureTemplate } from './embedded-template.ts';

export default async function setup(): Promise<void> {
  if (process.env.TEST_DATABASE === 'postgres') return;
  process.env.DIPLODESK_TEST_TEMPLATE = await ensureTemplate();
}
