import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { PlatformContext } from '../platform/context.ts';

type Io = { out: (s: string) => void; err: (s: string) => void };
type WithDatabase = <T>(fn: (ctx: PlatformContext) => Promise<T>) => Promise<T>;

/** A file read in chunks, with its progress on standard error every half second. */
async function* withProgress(file: string, io: Io): AsyncGenerator<Uint8Array> {
  const size = Math.max(1, fs.statSync(file).size);
  let read = 0;
  let shown = 0;
  for await (const chunk of fs.createReadStream(file)) {
    read += (chunk as Buffer).length;
    if (Date.now() - shown > 500 || read === size) {
      shown = Date.now();
      io.err(`  ${path.basename(file)}: ${Math.round((read / size) * 100)} % read`);
    }
    yield chunk as Buffer;
  }
}

/**
 * `diplodesk unvotes import --rollcalls F --issues F --votes F`: UN General Assembly votes in the
 * Voeten format (CSV or gzip) into the cooperation finder. Each file is checked whole and stored in
 * one transaction (a bad line stores nothing of that file and names the line); importing the same
 * files again changes nothing.
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
      const [{ importUnVotesFile }, { systemActor }, { AppError }] = await Promise.all([
        import('../domains/insights/cooperation/import-unvotes.ts'),
        import('../platform/audit/audit.ts'),
        import('../platform/errors/app-error.ts'),
      ]);
      await withDatabase(async (ctx) => {
        for (const [part, file] of given) {
          try {
            const r = await importUnVotesFile(ctx, part, withProgress(file, io), systemActor('cli'), path.basename(file));
            io.out(`${part}: ${r.rows} rows read — ${r.added} new, ${r.changed} changed, ${r.unchanged} unchanged${r.skipped ? `, ${r.skipped} absences skipped` : ''}.`);
            if (part === 'votes' && r.rollCallsWithoutDescription > 0) io.out(`  ${r.rollCallsWithoutDescription} roll calls have votes but no description; import their roll calls to count them.`);
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            io.err(`${file}: ${err.message}`);
            io.err('Nothing of this file was stored.');
            setExitCode(1);
            return;
          }
        }
        setExitCode(0);
      });
    });
}
