import type { sourceTestResponse } from '@diplodesk/contracts';
import type { z } from 'zod';
import type { Actor } from '../../../platform/audit/audit.ts';
import { can, type Principal } from '../../../platform/authz/principal.ts';
import type { ConnectorRegistry } from '../../../platform/connectors/index.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { connectorCredentials } from '../listening-jobs.ts';
import { auditListening } from '../listening.audit.ts';
import type { SourceRow } from '../listening.repo.ts';

type SourceTestResponse = z.output<typeof sourceTestResponse>;

/** The host a source reads from, for the audit trail (never a path or query, which may carry a key). */
function hostOf(config: Record<string, string>): string | null {
  const address = config.url ?? config.instanceUrl ?? config.pdsUrl;
  if (!address) return null;
  try {
    return new URL(address).host;
  } catch {
    return null;
  }
}

/**
 * Reads a source once without storing anything: its health and a preview. A test fetch reaches an
 * address a user chose, so it is audited with the host and the outcome. Network failures read as the
 * outbound guard's one neutral message (the connector passes it through), never as what listens.
 */
export async function testSource(ctx: PlatformContext, connectors: ConnectorRegistry, p: Principal, source: SourceRow, unitPath: string, actor: Actor): Promise<SourceTestResponse> {
  if (!can(p, 'listening.manage', unitPath)) throw new AppError('authz.forbidden');
  const ingest = connectors.ingester(source.connector);
  if (!ingest) throw new AppError('listening-source.connector-unavailable');
  const credentials = connectorCredentials(ctx, source);
  const health = await ingest.health(credentials).catch((err: unknown) => ({ status: 'down' as const, detail: err instanceof Error ? err.message : String(err) }));
  let result: SourceTestResponse;
  try {
    const batch = await ingest.poll(credentials, null);
    result = {
      ok: true,
      health: { status: health.status, detail: health.detail ?? null },
      preview: batch.items.slice(0, 5).map((i) => ({ remoteId: i.remoteId, text: i.text.slice(0, 500), url: i.url ?? null, publishedAt: i.publishedAt })),
      error: null,
    };
  } catch (err) {
    result = { ok: false, health: { status: health.status, detail: health.detail ?? null }, preview: [], error: err instanceof Error ? err.message.slice(0, 500) : 'The source could not be read.' };
  }
  await inTransaction(ctx, (tx) =>
    auditListening(tx, actor, {
      action: 'listening-source.tested',
      targetType: 'listening-source',
      targetId: source.id,
      unitId: source.unitId,
      summary: { host: hostOf(source.config), outcome: result.ok ? 'read' : 'failed', items: result.preview.length },
    }),
  );
  return result;
}
