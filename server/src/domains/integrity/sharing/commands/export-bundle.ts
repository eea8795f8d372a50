import type { SharingImportReportDto, StixExportRequest } from '@diplodesk/contracts';
import type { Actor } from '../../../../platform/audit/audit.ts';
import { type Principal, requirePermission } from '../../../../platform/authz/principal.ts';
import type { PlatformContext } from '../../../../platform/context.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import { findRootUnit } from '../../../identity/index.ts';
import { buildBundle } from '../stix/build-bundle.ts';
import type { ClaimInput, FindingInput, NetworkInput, StixBundle } from '../stix/stix-types.ts';
import { importBundle } from './import-bundle.ts';

type Records = StixExportRequest;
const at = (iso: string) => new Date(iso);

function claimOf(c: Records['claims'][number]): ClaimInput {
  const { createdAt, updatedAt, debunk, ...rest } = c;
  return {
    ...rest,
    ...(debunk ? { debunk: { ...debunk, publishedAt: debunk.publishedAt ? at(debunk.publishedAt) : null } } : {}),
    createdAt: at(createdAt),
    updatedAt: at(updatedAt),
  };
}

function findingOf(f: Records['findings'][number]): FindingInput {
  const { createdAt, updatedAt, items, claim, ...rest } = f;
  return { ...rest, items: items.map((i) => ({ ...i, publishedAt: at(i.publishedAt) })), ...(claim ? { claim: claimOf(claim) } : {}), createdAt: at(createdAt), updatedAt: at(updatedAt) };
}

function networkOf(n: Records['networks'][number]): NetworkInput {
  return { ...n, firstSeen: at(n.firstSeen), lastSeen: at(n.lastSeen), createdAt: at(n.createdAt), updatedAt: at(n.updatedAt) };
}

/** The STIX bundle of integrity records, produced by the ministry (the root unit) and scoped by it. */
export async function exportBundle(ctx: PlatformContext, p: Principal, records: Records): Promise<StixBundle> {
  requirePermission(p, 'integrity.manage');
  const root = await findRootUnit(ctx.db);
  if (!root) throw new AppError('unit.not-found', 'The workspace has no root unit yet.');
  return buildBundle({
    scope: root.id,
    producer: { id: root.id, name: root.name, createdAt: root.createdAt, updatedAt: root.updatedAt },
    tlp: records.tlp,
    claims: records.claims.map(claimOf),
    findings: records.findings.map(findingOf),
    networks: records.networks.map(networkOf),
    officialAccounts: records.officialAccounts,
  });
}

/** Exports records as a bundle and publishes it to a collection (new versions only; a re-publish adds nothing). */
export async function publishRecords(ctx: PlatformContext, p: Principal, collectionId: string, records: Records, actor: Actor): Promise<SharingImportReportDto> {
  const bundle = await exportBundle(ctx, p, records);
  return importBundle(ctx, p, collectionId, bundle, actor, 'published');
}
