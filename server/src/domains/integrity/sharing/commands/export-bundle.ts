// Exports build the STIX bundle from stored records (select-records.ts): the caller names ids and
// filters, never the records themselves, so a bundle signed as the ministry's holds only what is
// registered and what the caller may read.
import type { SharingImportReportDto, StixExportSelection } from '@diplodesk/contracts';
import type { Actor } from '../../../../platform/audit/audit.ts';
import { type Principal, requirePermission } from '../../../../platform/authz/principal.ts';
import type { PlatformContext } from '../../../../platform/context.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import { findRootUnit } from '../../../identity/index.ts';
import { buildBundle } from '../stix/build-bundle.ts';
import type { StixBundle } from '../stix/stix-types.ts';
import { importBundle } from './import-bundle.ts';
import { type SelectedRecords, selectRecords } from './select-records.ts';

/** The STIX bundle of the selected records, produced by the ministry (the root unit) and scoped by it. */
export async function exportSelection(ctx: PlatformContext, p: Principal, selection: StixExportSelection): Promise<{ bundle: StixBundle; records: SelectedRecords }> {
  requirePermission(p, 'integrity.manage');
  const root = await findRootUnit(ctx.db);
  if (!root) throw new AppError('unit.not-found', 'The workspace has no root unit yet.');
  const records = await selectRecords(ctx.db, p, selection);
  const bundle = buildBundle({ scope: root.id, producer: { id: root.id, name: root.name, createdAt: root.createdAt, updatedAt: root.updatedAt }, tlp: selection.tlp, ...records });
  return { bundle, records };
}

/** How many records and STIX objects a selection gives (nothing is stored or shared). */
export async function previewSelection(ctx: PlatformContext, p: Principal, selection: StixExportSelection) {
  const { bundle, records } = await exportSelection(ctx, p, selection);
  return { findings: records.findings.length, claims: records.claims.length, networks: records.networks.length, officialAccounts: records.officialAccounts.length, objects: bundle.objects.length };
}

/** Exports the selection as a bundle and publishes it to a collection (new versions only; a re-publish adds nothing). */
export async function publishSelection(ctx: PlatformContext, p: Principal, collectionId: string, selection: StixExportSelection, actor: Actor): Promise<SharingImportReportDto> {
  const { bundle } = await exportSelection(ctx, p, selection);
  return importBundle(ctx, p, collectionId, bundle, actor, 'published');
}
