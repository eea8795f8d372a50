import type { CreateSourceRequest } from '@diplodesk/contracts';
import type { z } from 'zod';
import type { updateSourceRequest } from '@diplodesk/contracts';
import type { Actor } from '../../../platform/audit/audit.ts';
import { type Principal, can } from '../../../platform/authz/principal.ts';
import type { ConnectorRegistry } from '../../../platform/connectors/index.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { newIdFor } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { enqueueJob } from '../../../platform/jobs/index.ts';
import { hostNotAllowedMessage } from '../../../platform/outbound/index.ts';
import { findUnit } from '../../identity/index.ts';
import { pollSourceJob } from '../jobs/poll-source.job.ts';
import { auditListening } from '../listening.audit.ts';
import { findSource, insertSource, type SourceRow, updateSource } from '../listening.repo.ts';

/** Credentials are bound to their source: a sealed value copied to another source does not open. */
export const sourceCredentialsContext = (sourceId: string) => `listening-source:${sourceId}`;

export function sealSourceCredentials(ctx: Pick<PlatformContext, 'secretBox'>, sourceId: string, credentials: Record<string, string>): string {
  return ctx.secretBox.for('source-credentials').seal(JSON.stringify(credentials), sourceCredentialsContext(sourceId));
}

export function openSourceCredentials(ctx: Pick<PlatformContext, 'secretBox'>, source: Pick<SourceRow, 'id' | 'credentialsSealed'>): Record<string, string> | null {
  return source.credentialsSealed ? (JSON.parse(ctx.secretBox.for('source-credentials').open(source.credentialsSealed, sourceCredentialsContext(source.id))) as Record<string, string>) : null;
}

/** The next poll, queued once per (source, time): a replayed enqueue adds nothing. */
export async function schedulePoll(tx: Parameters<typeof enqueueJob>[0], sourceId: string, at: Date): Promise<void> {
  await enqueueJob(tx, pollSourceJob, { sourceId, at: at.toISOString() }, { runAt: at, idempotencyKey: `${pollSourceJob.name}:${sourceId}:${at.toISOString()}` });
}

// Settings that name a file on this server. Only the operator may choose one (`diplodesk import`
// writes it); a source's managers would otherwise read any file the server can, back through the
// source's test preview and items. GDELT's path is confined to GDELT_IMPORT_DIR by its connector.
const serverFileSettings: Partial<Record<string, readonly string[]>> = { import: ['path'] };

function refuseServerFiles(connector: string, settings: Record<string, string> | undefined, keep: Record<string, string> = {}): void {
  for (const key of serverFileSettings[connector] ?? []) {
    const value = settings?.[key];
    // An operator-set path sent back unchanged (a form saving the whole config) is no new choice.
    if (value !== undefined && value !== keep[key]) {
      throw new AppError('request.invalid', 'A source cannot name a file on the server: upload the file to import it.', { field: key });
    }
  }
}

/** A setting's value as a web address the source would fetch, or null when it is none. */
function webAddress(value: string): URL | null {
  if (!/^(https?|wss?):\/\//i.test(value)) return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/**
 * With OUTBOUND_ALLOW_HOSTS set, a source at any other host could never be read: it is refused when
 * added or changed, with the reason, rather than stored to fail at every poll. The guard refuses it
 * again at each request (and every redirect), so this is the early word, not the check.
 */
function refuseUnlistedHosts(ctx: Pick<PlatformContext, 'outbound'>, settings: Record<string, string> | undefined, keep: Record<string, string> = {}): void {
  for (const [key, value] of Object.entries(settings ?? {})) {
    // A value sent back unchanged was accepted before the operator narrowed the list; polls say so.
    if (value === keep[key]) continue;
    const url = webAddress(value);
    if (url && !ctx.outbound.allowsHost(url)) throw new AppError('outbound.host-not-allowed', hostNotAllowedMessage(url.hostname), { field: key, host: url.hostname });
  }
}

export async function createSource(ctx: PlatformContext, connectors: ConnectorRegistry, p: Principal, input: CreateSourceRequest, actor: Actor): Promise<SourceRow> {
  const unit = await findUnit(ctx.db, input.unitId);
  if (!unit) throw new AppError('unit.not-found');
  if (!can(p, 'listening.manage', unit.path)) throw new AppError('authz.forbidden');
  if (!connectors.ingester(input.connector)) throw new AppError('listening-source.connector-unavailable', undefined, { connector: input.connector });
  refuseServerFiles(input.connector, input.config);
  refuseServerFiles(input.connector, input.credentials);
  refuseUnlistedHosts(ctx, input.config);
  const id = newIdFor();
  return inTransaction(ctx, async (tx) => {
    const now = new Date();
    const source = await insertSource(tx, {
      id,
      unitId: unit.id,
      connector: input.connector,
      name: input.name,
      country: input.country ?? null,
      config: input.config,
      credentialsSealed: input.credentials ? sealSourceCredentials(ctx, id, input.credentials) : null,
      intervalSeconds: input.intervalSeconds,
      tags: [...new Set(input.tags)],
      nextPollAt: now,
      createdBy: p.userId,
    });
    await schedulePoll(tx, source.id, now);
    await auditListening(tx, actor, { action: 'listening-source.created', targetType: 'listening-source', targetId: source.id, unitId: unit.id, summary: { connector: source.connector, name: source.name, country: source.country, withCredentials: Boolean(input.credentials) } });
    return source;
  });
}

export async function changeSource(ctx: PlatformContext, p: Principal, id: string, input: z.output<typeof updateSourceRequest>, actor: Actor): Promise<SourceRow> {
  const existing = await findSource(ctx.db, id);
  if (!existing) throw new AppError('listening-source.not-found');
  const unit = await findUnit(ctx.db, existing.unitId);
  if (!unit || !can(p, 'listening.read', unit.path)) throw new AppError('listening-source.not-found');
  if (!can(p, 'listening.manage', unit.path)) throw new AppError('authz.forbidden');
  refuseServerFiles(existing.connector, input.config, existing.config);
  // Secrets are never shown, so none is "sent back unchanged": a path among them is always new.
  refuseServerFiles(existing.connector, input.credentials);
  refuseUnlistedHosts(ctx, input.config, existing.config);
  return inTransaction(ctx, async (tx) => {
    const resumed = input.status === 'active' && existing.status === 'paused';
    const now = new Date();
    const source = await updateSource(tx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.country !== undefined ? { country: input.country } : {}),
      ...(input.config !== undefined ? { config: input.config } : {}),
      ...(input.credentials !== undefined ? { credentialsSealed: sealSourceCredentials(ctx, id, input.credentials) } : {}),
      ...(input.intervalSeconds !== undefined ? { intervalSeconds: input.intervalSeconds } : {}),
      ...(input.tags !== undefined ? { tags: [...new Set(input.tags)] } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(resumed ? { nextPollAt: now } : {}),
    });
    if (resumed) await schedulePoll(tx, id, now);
    const changed = Object.keys(input).filter((k) => k !== 'credentials' || input.credentials !== undefined);
    await auditListening(tx, actor, { action: 'listening-source.updated', targetType: 'listening-source', targetId: id, unitId: existing.unitId, summary: { changed, status: source.status } });
    return source;
  });
}
