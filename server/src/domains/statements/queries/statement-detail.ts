import type { StatementDto } from '@diplodesk/contracts';
import type { Principal } from '../../../platform/authz/principal.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { displayNamesOf, findUnit } from '../../identity/index.ts';
import { newsroomEntriesFor } from '../newsroom/index.ts';
import { listChannelAccounts, listPublications } from '../publishing/index.ts';
import { readableStatement, roundAuthorsOf } from '../statement-access.ts';
import { presentStatement } from '../statements.presenter.ts';
import { listAttachments, listDecisions, type StatementRow } from '../statements.repo.ts';

/** Everything the statement page shows, assembled for one caller. */
export async function statementDetail(ctx: PlatformContext, p: Principal, idOrRow: string | StatementRow): Promise<StatementDto> {
  const { row, unit } =
    typeof idOrRow === 'string'
      ? await readableStatement(ctx, p, idOrRow)
      : { row: idOrRow, unit: await findUnit(ctx.db, idOrRow.unitId).then((u) => u ?? { id: idOrRow.unitId, name: '', path: '/' }) };
  const [attachments, decisions, entries, publications, accounts, authors] = await Promise.all([
    listAttachments(ctx.db, row.id),
    listDecisions(ctx.db, [row.id]),
    newsroomEntriesFor(ctx.db, row.id, ctx.config),
    listPublications(ctx.db, [row.id]),
    listChannelAccounts(ctx.db, { unitIds: unit.path.split('/').filter(Boolean) }),
    roundAuthorsOf(ctx.db, [row]),
  ]);
  const handles = new Map(accounts.map((a) => [a.id, a.handle]));
  const namedUsers = (row.clearance?.steps ?? []).flatMap((s) => s.approvers.flatMap((a) => (a.kind === 'user' ? [a.userId] : [])));
  const userNames = await displayNamesOf(ctx.db, namedUsers);
  const now = Date.now();
  return presentStatement(p, row, {
    unitName: unit.name,
    unitPath: unit.path,
    attachments,
    decisions,
    roundAuthors: authors.get(row.id) ?? new Set(),
    userNames,
    newsroom: entries.filter((e) => e.publishedAt.getTime() <= now || row.status === 'published' || row.status === 'withdrawn').map((e) => ({ language: e.language, url: e.url })),
    publications: publications.map((pub) => ({ ...pub, handle: handles.get(pub.channelAccountId) ?? pub.platform })),
  });
}
