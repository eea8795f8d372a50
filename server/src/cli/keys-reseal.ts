import { type Command, InvalidArgumentError } from 'commander';
import type { PlatformContext } from '../platform/context.ts';
import type { SealedColumn } from '../platform/crypto/sealed-columns.ts';

type Io = { out: (s: string) => void; err: (s: string) => void };
type WithDatabase = <T>(fn: (ctx: PlatformContext) => Promise<T>) => Promise<T>;

/** Every place a sealed value is stored; each domain lists its own. */
export async function allSealedColumns(): Promise<SealedColumn[]> {
  const [identity, listening, statements, insights, signing, mail, negotiation] = await Promise.all([
    import('../domains/identity/index.ts'),
    import('../domains/listening/index.ts'),
    import('../domains/statements/index.ts'),
    import('../domains/insights/index.ts'),
    import('../platform/crypto/signing/key-store.ts'),
    import('../platform/mail/index.ts'),
    import('../domains/negotiation/index.ts'),
  ]);
  return [
    ...identity.identitySealedColumns,
    signing.signingKeySealedColumn,
    mail.smtpSealedColumn,
    ...listening.listeningSealedColumns,
    ...statements.statementsSealedColumns,
    ...insights.insightsSealedColumns,
    ...negotiation.negotiationSealedColumns,
  ];
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new InvalidArgumentError('a whole number from 1 to 10000');
  return n;
}

function describeKeys(ctx: PlatformContext): string {
  const previous = ctx.secretBox.previousKeyIds;
  return `Current master key ${ctx.secretBox.currentKeyId}; previous ${previous.length > 0 ? previous.join(', ') : 'none listed'}.`;
}

/** `--check`: counts per column and state; exit 1 while anything is not under the current key. */
async function check(ctx: PlatformContext, io: Io): Promise<number> {
  const { countSealed } = await import('../platform/crypto/reseal.ts');
  io.out(describeKeys(ctx));
  let total = 0;
  let pending = 0;
  for (const column of await allSealedColumns()) {
    const { counts } = await countSealed(ctx.db, ctx.secretBox, column);
    const states = Object.entries(counts);
    io.out(`${column.name}: ${states.length === 0 ? 'none' : states.map(([state, n]) => `${n} ${state}`).join(', ')}`);
    for (const [state, n] of states) {
      total += n;
      if (state !== 'current') pending += n;
    }
  }
  if (pending > 0) {
    io.out(`${pending} of ${total} sealed values are not under the current master key: run \`diplodesk keys reseal\` (values under an "unknown" key need that key listed as previous).`);
    return 1;
  }
  io.out(`All ${total} sealed values are under the current master key: the previous secrets and key files may now be removed.`);
  return 0;
}

/** Re-seals every column, prints progress, audits the totals; exit 1 when a value could not be opened. */
async function reseal(ctx: PlatformContext, io: Io, batchSize: number): Promise<number> {
  const [{ resealColumn }, { appendAudit, systemActor }, { inTransaction }] = await Promise.all([import('../platform/crypto/reseal.ts'), import('../platform/audit/audit.ts'), import('../platform/context.ts')]);
  io.out(describeKeys(ctx));
  const totals = { resealed: 0, alreadyCurrent: 0, changedMeanwhile: 0, unreadable: 0 };
  for (const column of await allSealedColumns()) {
    const report = await resealColumn(ctx.db, ctx.secretBox, column, { batchSize, onBatch: (r) => io.out(`  ${r.name}: ${r.resealed} re-sealed, ${r.current} already current so far`) });
    io.out(`${report.name}: ${report.resealed} re-sealed, ${report.current} already current${report.changedMeanwhile ? `, ${report.changedMeanwhile} changed meanwhile` : ''}${report.unreadable.length ? `, ${report.unreadable.length} unreadable` : ''}`);
    if (report.unreadable.length > 0) io.err(`${report.name}: these rows open under no listed key (list the key that sealed them as previous, or re-enter them): ${report.unreadable.join(', ')}`);
    totals.resealed += report.resealed;
    totals.alreadyCurrent += report.current;
    totals.changedMeanwhile += report.changedMeanwhile;
    totals.unreadable += report.unreadable.length;
  }
  await inTransaction(ctx, (tx) =>
    appendAudit(tx, systemActor('cli'), {
      action: 'keys.resealed',
      targetType: 'master-key',
      targetId: ctx.secretBox.currentKeyId,
      unitId: null,
      summary: { keyId: ctx.secretBox.currentKeyId, previousKeyIds: [...ctx.secretBox.previousKeyIds], ...totals },
    }),
  );
  io.out(`Re-sealed ${totals.resealed} values under master key ${ctx.secretBox.currentKeyId} (${totals.alreadyCurrent} were already). Run \`diplodesk keys reseal --check\` before removing a previous key.`);
  return totals.unreadable > 0 ? 1 : 0;
}

/**
 * `diplodesk keys reseal [--check]`: after a master-key rotation (new DIPLODESK_SECRET, the old one
 * in DIPLODESK_PREVIOUS_SECRETS), moves every stored sealed value to the current key. Safe to run
 * again and to interrupt: batches commit as they go and values already current are skipped.
 */
export function registerResealCommand(keys: Command, io: Io, withDatabase: WithDatabase, setExitCode: (code: number) => void): void {
  keys
    .command('reseal')
    .description('Re-encrypt every stored secret under the current master key (after rotating DIPLODESK_SECRET). Audited; safe to repeat.')
    .option('--check', 'only count sealed values per master key; exit 1 while any is not under the current key')
    .option('--batch-size <n>', 'values re-sealed per transaction', positive, 200)
    .action(async (opts: { check?: boolean; batchSize: number }) => {
      await withDatabase(async (ctx) => setExitCode(opts.check ? await check(ctx, io) : await reseal(ctx, io, opts.batchSize)));
    });
}
