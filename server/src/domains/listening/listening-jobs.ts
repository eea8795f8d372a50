import type { Credentials } from '@diplodesk/connector-sdk';
import { eq } from 'drizzle-orm';
import type { ConnectorRegistry } from '../../platform/connectors/index.ts';
import type { PlatformContext } from '../../platform/context.ts';
import type { JobDefinition } from '../../platform/jobs/types.ts';
import { createAnalyser } from './analyse-item.ts';
import { storeBatch } from './commands/ingest-batch.ts';
import { openSourceCredentials } from './commands/manage-sources.ts';
import { createPollSourceJob } from './jobs/poll-source.job.ts';
import { listeningSources } from './listening.tables.ts';

/** The credentials a connector is handed: the source's settings, plus its sealed secrets when it has any. */
export function connectorCredentials(ctx: Pick<PlatformContext, 'secretBox'>, source: { id: string; config: Record<string, string>; credentialsSealed: string | null }): Credentials {
  const secrets = openSourceCredentials(ctx, source) ?? {};
  return { accessToken: secrets.token ?? secrets.accessToken ?? '', extra: { ...source.config, ...secrets } };
}

/** The listening domain's jobs, bound to this process's connectors. */
export function listeningJobs(ctx: Pick<PlatformContext, 'secretBox'>, connectors: ConnectorRegistry): JobDefinition[] {
  let analyser: ReturnType<typeof createAnalyser> | undefined;
  return [
    createPollSourceJob({
      secretBox: ctx.secretBox,
      connectors,
      analyser: () => (analyser ??= createAnalyser()),
      store: (tx, a, source, batch) => storeBatch(tx, a, source, batch.items),
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
  ];
}
