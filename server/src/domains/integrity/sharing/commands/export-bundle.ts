import type { StixExportRequest, SharingImportReportDto } from '@diplodesk/contracts';
import type { Actor } from '../../../../platform/audit/audit.ts';
import { type Principal, requirePermission } from '../../../../platform/authz/principal.ts';
import type { PlatformContext } from '../../../../platform/context.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import { findRootUnit } from '../../../identity/index.ts';
import { buildBundle } from '../stix/build-bundle.ts';
import type { StixBundle } from '../stix/stix-types.ts';
import { importBundle } from './import-bundle.ts';

/** The STIX bundle of integrity records, produced by the ministry (the root unit) and scoped by it. */
export async function exportBundle(ctx: PlatformContext, p: Principal, records: StixExportRequest): Promise<StixBundle> {
  requirePermission(p, 'integrity.manage');
  const root = await findRootUnit(ctx.db);
  if (!root) throw new AppError('unit.not-found', 'The workspace has no root unit yet.');
  return buildBundle({
    scope: root.id,
    producer: { id: root.id, name: root.name, createdAt: root.createdAt, updatedAt: root.updatedAt },
    tlp: records.tlp,
    claims: records.claims,
    findings: records.findings,
    networks: records.networks,
    officialAccounts: records.officialAccounts,
  });
}

/** Exports records as a bundle and publishes it to a collection (new versions only; a re-publish adds nothing). */
export async function publishRecords(ctx: PlatformContext, p: Principal, collectionId: string, records: StixExportRequest, actor: Actor): Promise<SharingImportReportDto> {
  const bundle = await exportBundle(ctx, p, records);
  return importBundle(ctx, p, collectionId, bundle, actor, 'published');
}
