import { systemActor } from '../../../platform/audit/audit.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db/index.ts';
import { findRootUnit } from '../../identity/index.ts';
import { isClearanceExpired } from '../lifecycle.ts';
import { requireUnit } from '../statement-access.ts';
import { auditStatement, statementChangedEvent } from '../statements.audit.ts';
import { lockStatement, updateStatementRow } from '../statements.repo.ts';
import { goLive } from './sign-and-schedule.ts';

/** The scheduled time of a statement has come (the due job's body). */
export async function statementDue(tx: Tx, deps: Pick<PlatformContext, 'config'>, input: { statementId: string; at: string }): Promise<void> {
  const row = await lockStatement(tx, input.statementId);
  if (!row?.scheduledAt || row.scheduledAt.toISOString() !== new Date(input.at).toISOString()) return;
  const unit = await requireUnit(tx, row.unitId);
  const now = new Date();
  if (row.status === 'scheduled' && row.scheduledAt.getTime() <= now.getTime()) {
    const root = await findRootUnit(tx);
    await goLive(tx, deps, row, unit, root?.id ?? unit.id);
    return;
  }
  if (isClearanceExpired(row.status, row.scheduledAt, now)) {
    await updateStatementRow(tx, row.id, { status: 'expired' });
    await auditStatement(tx, systemActor('scheduler'), { action: 'statement.expired', targetType: 'statement', targetId: row.id, unitId: unit.id, summary: { scheduledAt: row.scheduledAt.toISOString() } });
    // The owner is told live wherever they are in the app (the event names them) and finds it under "expired".
    const title = row.content.texts.find((t) => t.language === row.primaryLanguage)?.title ?? row.content.texts[0]?.title ?? '';
    await statementChangedEvent(tx, unit.id, { statementId: row.id, status: 'expired', change: 'expired', actorId: null, ownerId: row.createdBy, title });
  }
}
