import type { StatementDto } from '@diplodesk/contracts';
import type { Principal } from '../../../platform/authz/principal.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { roleGrants } from '@diplodesk/contracts';
import { displayNamesOf, findUnit, rolesReaching } from '../../identity/index.ts';
import { type Approver, eligibleDeciders } from '../lifecycle.ts';
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
  const roundAuthors = authors.get(row.id) ?? new Set<string>();
  const deciders = row.status === 'in-clearance' && row.clearance ? await decidersByStep(ctx, row, unit.path, roundAuthors) : undefined;
  return presentStatement(p, row, {
    unitName: unit.name,
    unitPath: unit.path,
    attachments,
    decisions,
    roundAuthors,
    ...(deciders ? { deciders } : {}),
    userNames,
    newsroom: entries.filter((e) => e.publishedAt.getTime() <= now || row.status === 'published' || row.status === 'withdrawn').map((e) => ({ language: e.language, url: e.url })),
    publications: publications.map((pub) => ({ ...pub, handle: handles.get(pub.channelAccountId) ?? pub.platform })),
  });
}

/**
 * Who can decide each step now, so a statement never waits without anyone knowing why: a lone
 * administrator who wrote it sees that nobody else can give the final sign-off.
 */
async function decidersByStep(ctx: PlatformContext, row: StatementRow, unitPath: string, roundAuthors: ReadonlySet<string>): Promise<Map<number, { names: string[]; count: number }>> {
  const held = await rolesReaching(ctx.db, unitPath);
  const people = new Map<string, Approver & { name: string; roles: Set<Approver['rolesAtUnit'] extends ReadonlySet<infer R> ? R : never> }>();
  for (const h of held) {
    const person = people.get(h.userId) ?? { userId: h.userId, name: h.name, mayApprove: false, roles: new Set(), rolesAtUnit: new Set() };
    person.roles.add(h.role);
    person.rolesAtUnit = person.roles;
    if (roleGrants(h.role, 'statement.approve')) person.mayApprove = true;
    people.set(h.userId, person);
  }
  const result = new Map<number, { names: string[]; count: number }>();
  (row.clearance?.steps ?? []).forEach((step, index) => {
    const able = eligibleDeciders(step, [...people.values()], roundAuthors);
    result.set(index, { names: able.slice(0, 10).map((a) => a.name), count: able.length });
  });
  return result;
}
