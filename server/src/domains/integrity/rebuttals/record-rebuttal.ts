// A rebuttal drafted with "Respond" on a finding names the finding; when the first one was drafted
// and published is kept on the finding, so the time from finding raised to published rebuttal can
// be shown, as alerts keep theirs (insights' record-response).
import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/index.ts';
import { appendEvents } from '../../../platform/events/outbox.ts';
import { statementResponseOf } from '../../statements/index.ts';
import { findingChanged } from '../findings/raise-finding.ts';
import { integrityFindings } from '../integrity.tables.ts';

/** Records the statement's drafting or publication on the finding it rebuts, if any. Idempotent. */
export async function recordRebuttal(tx: Executor, statementId: string): Promise<boolean> {
  const response = await statementResponseOf(tx, statementId);
  if (response?.respondsTo?.type !== 'integrity-finding') return false;
  const [finding] = await tx.select().from(integrityFindings).where(eq(integrityFindings.id, response.respondsTo.id)).for('update');
  if (!finding) return false;
  // The first rebuttal drafted is the one timed; a later draft does not reset the clock.
  if (finding.responseStatementId !== null && finding.responseStatementId !== statementId) return false;
  if (finding.responseStatementId === statementId && finding.responsePublishedAt?.getTime() === response.publishedAt?.getTime()) return false;
  await tx
    .update(integrityFindings)
    .set({ responseStatementId: statementId, responseDraftedAt: finding.responseDraftedAt ?? response.createdAt, responsePublishedAt: response.publishedAt })
    .where(and(eq(integrityFindings.id, finding.id), finding.responseStatementId === null ? isNull(integrityFindings.responseStatementId) : eq(integrityFindings.responseStatementId, statementId)));
  await appendEvents(tx, [
    {
      type: findingChanged,
      unitId: finding.unitId,
      data: { findingId: finding.id, detector: finding.detector, severity: finding.severity, status: finding.status, rebuttal: response.publishedAt ? 'published' : 'drafted' },
    },
  ]);
  return true;
}
