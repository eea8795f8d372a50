import type { Db } from '../db/index.ts';
import type { SealedColumn } from './sealed-columns.ts';
import { type SecretKeyring, sealedFormat } from './secret-box.ts';

/** What re-sealing one column did. `unreadable` lists row keys whose value opens under no listed key. */
export type ResealReport = { name: string; resealed: number; current: number; changedMeanwhile: number; unreadable: string[] };

/** How the values of one column are sealed: counts per state (see `sealState`). */
export type SealCount = { name: string; counts: Record<string, number> };

export type ResealOptions = { batchSize?: number; onBatch?: (report: ResealReport) => void };

/**
 * Re-seals every value of a column under the current master key and its purpose key. Batches
 * commit one by one, so an interrupted run keeps what it did and the next run goes on (values
 * already current are skipped). A value the application rewrote meanwhile is left as written.
 */
export async function resealColumn(db: Db, ring: SecretKeyring, column: SealedColumn, opts: ResealOptions = {}): Promise<ResealReport> {
  const box = ring.for(column.purpose);
  const report: ResealReport = { name: column.name, resealed: 0, current: 0, changedMeanwhile: 0, unreadable: [] };
  let after: string | null = null;
  for (;;) {
    const values = await column.list(db, after, opts.batchSize ?? 200);
    if (values.length === 0) return report;
    after = values.at(-1)?.key ?? null;
    await db.transaction(async (tx) => {
      for (const value of values) {
        if (ring.isCurrent(value.sealed)) {
          report.current++;
          continue;
        }
        let plain: string;
        try {
          plain = box.open(value.sealed, value.context);
        } catch {
          report.unreadable.push(value.key);
          continue;
        }
        if (await column.replace(tx, value.key, value.sealed, box.seal(plain, value.context))) report.resealed++;
        else report.changedMeanwhile++;
      }
    });
    opts.onBatch?.(report);
  }
}

/**
 * A value's state for `keys reseal --check`: `current`, `previous <id>` (a listed previous key),
 * `unknown <id>` (a key not listed: its values no longer open), `legacy v1` or `malformed`.
 */
export function sealState(ring: SecretKeyring, sealed: string): string {
  const shape = sealedFormat(sealed);
  if (shape.format === 'v1') return 'legacy v1';
  if (shape.format === 'malformed') return 'malformed';
  if (shape.keyId === ring.currentKeyId) return 'current';
  return ring.previousKeyIds.includes(shape.keyId) ? `previous ${shape.keyId}` : `unknown ${shape.keyId}`;
}

/** Counts a column's values per state, without opening any. */
export async function countSealed(db: Db, ring: SecretKeyring, column: SealedColumn, batchSize = 1000): Promise<SealCount> {
  const counts: Record<string, number> = {};
  let after: string | null = null;
  for (;;) {
    const values = await column.list(db, after, batchSize);
    if (values.length === 0) return { name: column.name, counts };
    after = values.at(-1)?.key ?? null;
    for (const value of values) {
      const state = sealState(ring, value.sealed);
      counts[state] = (counts[state] ?? 0) + 1;
    }
  }
}
