// Queries about attachments as stored files: a unit's usage and uploads no version ever used.
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/index.ts';

/**
 * Bytes of attachments held by a unit's statements, after waiting for any other upload to the
 * same unit to commit (a transaction-scoped lock), so two parallel uploads cannot both fit.
 */
export async function lockedUnitAttachmentBytes(tx: Executor, unitId: string): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`statement-attachments:${unitId}`}, 0))`);
  const [row] = await queryRows<{ bytes: string | number | null }>(
    tx,
    sql`select coalesce(sum(a.byte_size), 0)::bigint as bytes from statement_attachments a join statements s on s.id = a.statement_id where s.unit_id = ${unitId}`,
  );
  return Number(row?.bytes ?? 0);
}

/** Deletes uploads created before `before` that no version of their statement names; returns what went. */
export function deleteUnusedAttachments(tx: Executor, before: Date, limit: number): Promise<{ id: string; storage_key: string; byte_size: number }[]> {
  return queryRows(
    tx,
    sql`delete from statement_attachments a
      where a.id in (
        select c.id from statement_attachments c
        where c.created_at < ${before.toISOString()}::timestamptz
          and not exists (
            select 1 from statement_versions v
            where v.statement_id = c.statement_id and v.content -> 'attachmentIds' ? c.id::text
          )
          and not exists (select 1 from statements s where s.id = c.statement_id and s.content -> 'attachmentIds' ? c.id::text)
        order by c.created_at
        limit ${limit}
      )
      returning a.id, a.storage_key, a.byte_size`,
  );
}
