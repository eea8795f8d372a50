import type { Credentials } from '@diplodesk/connector-sdk';
import { eq } from 'drizzle-orm';
import type { ConnectorRegistry } from '../../platform/connectors/index.ts';
import type { PlatformContext } from '../../platform/context.ts';
import type { JobDefinition } from '../../platform/jobs/types.ts';
import { openSourceCredentials } from './commands/manage-sources.ts';
import { createPollSourceJob } from './jobs/poll-source.job.ts';
import { createExpireImportJob } from './imports/expire-import.job.ts';
import { createImportJob } from './imports/import-file.job.ts';
import { listeningSources } from './listening.tables.ts';
import type { IngestStream } from './stream/ingest-stream.ts';
import { reapplyTopicsJob } from './topics/reapply-topics.job.ts';

/** The credentials a connector is handed: the source's settings, plus its sealed secrets when it has any. */
export function connectorCredentials(ctx: Pick<PlatformContext, 'secretBox'>, source: { id: string; config: Record<string, string>; credentialsSealed: string | null }): Credentials {
  const secrets = openSourceCredentials(ctx, source) ?? {};
  // The settings come last: a `url` sealed among the secrets (where nobody can see it) must never
  // replace the feed or instance address the source shows and its managers approved.
  return { accessToken: secrets.token ?? secrets.accessToken ?? '', extra: { ...secrets, ...source.config } };
}

/** The listening domain's jobs, bound to this process's connectors and ingest stream. */
export function listeningJobs(ctx: Pick<PlatformContext, 'secretBox' | 'storage'>, connectors: ConnectorRegistry, stream: IngestStream, opts: { streamSessionMs?: number } = {}): JobDefinition[] {
  return [
    createPollSourceJob({
      connectors,
      stream,
      ...(opts.streamSessionMs ? { streamSessionMs: opts.streamSessionMs } : {}),
      async load(tx, sourceId) {
        const [row] = await tx.select().from(listeningSources).where(eq(listeningSources.id, sourceId));
        if (!row) return null;
        return { ...row, credentials: connectorCredentials(ctx, row) };
      },
      async save(tx, sourceId, patch) {
        await tx
          .update(listeningSources)
          .set({ ...(patch.cursor !== undefined ? { cursor: patch.cursor } : {}), health: patch.health, nextPollAt: patch.nextPollAt, updatedAt: new Date() })
          .where(eq(listeningSources.id, sourceId));
      },
    }) as unknown as JobDefinition,
    reapplyTopicsJob as unknown as JobDefinition,
    createImportJob({ stream, storage: ctx.storage }) as unknown as JobDefinition,
    createExpireImportJob(ctx) as unknown as JobDefinition,
  ];
}
