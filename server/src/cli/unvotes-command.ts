import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { PlatformContext } from '../platform/context.ts';

type Io = { out: (s: string) => void; err: (s: string) => void };
type WithDatabase = <T>(fn: (ctx: PlatformContext) => Promise<T>) => Promise<T>;

/** Progress on standard error every half second, and at the end of each phase. */
function progressPrinter(file: string, io: Io) {
  let shown = 0;
  return (p: { phase: 'checking' | 'storing'; done: number; total: number }) => {
    const isEnd = p.done >= p.total;
    if (!isEnd && Date.now() - shown < 500) return;
    shown = Date.now();
    const percent = p.total > 0 ? Math.min(100, Math.round((p.done / p.total) * 100)) : 100;
    io.err(`  ${path.basename(file)}: ${percent} % ${p.phase === 'checking' ? 'read' : 'stored'}`);
  };
}

/**
 * `diplodesk unvotes import --rollcalls F --issues F --votes F`: UN General Assembly votes in the
 * Voeten format (CSV or gzip) into the cooperation finder, through the same import as an upload in
 * the browser (listed with the browser's imports), run here to its end: each file is checked whole
 * before any row is stored (a bad line stores nothing of that file and names the line); importing
 * the same files again changes nothing.
 */
export function registerUnVotesCommand(program: Command, io: Io, withDatabase: WithDatabase, setExitCode: (code: number) => void): void {
  const unvotes = program.command('unvotes').description('UN General Assembly votes for the cooperation finder.');
  unvotes
    .command('import')
    .description('Import roll calls, issue codes and votes (CSV, or gzip of CSV, in the Voeten / unvotes layout). Give any of the three; roll calls first.')
    .option('--rollcalls <file>', 'roll calls: rcid,session,importantvote,date,unres,amend,para,short,descr')
    .option('--issues <file>', 'issue codes: rcid,short_name,issue')
    .option('--votes <file>', 'votes: rcid,country,country_code,vote (yes/no/abstain or 1/3/2; 8 and 9 are skipped)')
    .action(async (opts: { rollcalls?: string; issues?: string; votes?: string }) => {
      const parts = [
        ['roll-calls', opts.rollcalls],
        ['issues', opts.issues],
        ['votes', opts.votes],
      ] as const;
      const given = parts.filter((part): part is readonly [(typeof part)[0], string] => part[1] !== undefined);
      if (given.length === 0) {
        io.err('Give at least one of --rollcalls, --issues and --votes.');
        setExitCode(2);
        return;
      }
      for (const [, file] of given) {
        if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
          io.err(`No such file: ${file}`);
          setExitCode(2);
          return;
        }
      }
      const [{ startUnVotesImport }, { runUnVotesImportToEnd }, { systemActor }, { AppError }] = await Promise.all([
        import('../domains/insights/cooperation/import/upload-unvotes.ts'),
        import('../domains/insights/cooperation/import/import-unvotes.job.ts'),
        import('../platform/audit/audit.ts'),
        import('../platform/errors/app-error.ts'),
      ]);
      await withDatabase(async (ctx) => {
        for (const [part, file] of given) {
          const refuse = (message: string) => {
            io.err(`${file}: ${message}`);
            io.err('Nothing of this file was stored.');
            setExitCode(1);
          };
          let importId: string;
          try {
            // The job waits: a worker takes it only if this command dies before the import ends.
            const started = await startUnVotesImport(ctx, { part, fileName: path.basename(file), declaredBytes: null, body: fs.createReadStream(file) }, systemActor('cli'), { runAt: new Date(Date.now() + 10 * 60_000) });
            importId = started.id;
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            refuse(err.message);
            return;
          }
          const row = await runUnVotesImportToEnd({ storage: ctx.storage, onProgress: progressPrinter(file, io) }, ctx.db, importId);
          const r = row.result;
          if (!r) {
            refuse(row.error?.message ?? 'the import failed.');
            return;
          }
          io.out(`${part}: ${r.rows} rows read — ${r.added} new, ${r.changed} changed, ${r.unchanged} unchanged${r.skipped ? `, ${r.skipped} absences skipped` : ''}.`);
          if (part === 'votes' && r.rollCallsWithoutDescription > 0) io.out(`  ${r.rollCallsWithoutDescription} roll calls have votes but no description; import their roll calls to count them.`);
        }
        setExitCode(0);
      });
    });
}
