// The process the ingest crash test kills: DiploDesk's real runtime in the worker role (job runner
// polling the import source, the ingest stream, the analysing worker), on the database (and NATS)
// the environment names. CRASH_STATUS_PORT answers how many of the test source's items are stored
// and how many wait in the stream, so the test can tell when everything settled.
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../../platform/config/config.ts';
import { queryRows } from '../../../platform/db/index.ts';
import { startRuntime } from '../../../runtime.ts';
import { serveCrashStatus } from '../../../test/crash-status.ts';

const sourceId = process.env.CRASH_SOURCE_ID ?? '';
const runtime = await startRuntime(loadConfig(process.env), { listen: false });

serveCrashStatus(
  async () =>
    (
      await queryRows<{ items: number; queued: number; cursor: string | null }>(
        runtime.ctx.db,
        sql`select (select count(*)::int from listening_items where source_id = ${sourceId}) as items,
                   (select count(*)::int from listening_ingest_queue) as queued,
                   (select cursor from listening_sources where id = ${sourceId}) as cursor`,
      )
    )[0],
  () => runtime.stop(),
);
