import { Command, InvalidArgumentError } from 'commander';
import { email as emailSchema, password as passwordSchema, roles, type Role } from '@diplodesk/contracts';
import { registerAuditCommand } from './cli/audit-command.ts';
import { registerImportCommand } from './cli/import-command.ts';
import { registerKeysCommand } from './cli/keys-command.ts';
import { registerUnVotesCommand } from './cli/unvotes-command.ts';
import { registerVerifyCommand } from './cli/verify-command.ts';
import { ConfigError, loadConfig, loadDotEnv } from './platform/config/config.ts';
import { randomToken } from './platform/crypto/tokens.ts';
import type { PlatformContext } from './platform/context.ts';

/** A mistake in what the operator typed: printed as is, exit code 1. */
class CliError extends Error {}

type Out = { out: (s: string) => void; err: (s: string) => void };
const stdio: Out = { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`) };

/**
 * Opens the configured database, migrated, for one CLI command. What a command needs is imported
 * when it runs: `--help`, `verify` and a usage mistake answer without loading the server (about a
 * second and a half of start-up otherwise).
 */
async function withDatabase<T>(fn: (ctx: PlatformContext) => Promise<T>): Promise<T> {
  loadDotEnv();
  const config = loadConfig();
  const [{ openConfiguredDatabase }, { createPlatformContext }, { default: pino }] = await Promise.all([import('./platform/db/index.ts'), import('./platform/context.ts'), import('pino')]);
  const database = await openConfiguredDatabase(config);
  try {
    await database.migrate();
    const ctx = createPlatformContext(config, database, pino({ level: 'silent' }));
    return await fn(ctx);
  } finally {
    await database.close();
  }
}

function parseRole(value: string): Role {
  if (!(roles as readonly string[]).includes(value)) throw new InvalidArgumentError(`one of ${roles.join(', ')}`);
  return value as Role;
}

export function buildCli(io: Out = stdio): Command {
  let exitCode = 0;
  const program = new Command('diplodesk')
    .description('DiploDesk — digital diplomacy platform: server and administration commands.\nConfiguration comes from the environment (see .env.example).')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('start')
    .description('Start the server (web app, API, live updates and workers by default).')
    .option('--services <list>', 'roles this process runs: web, worker, realtime (comma-separated)')
    .option('--no-demo', 'on first run, start with an empty organisation instead of the demo workspace')
    .option('--port <port>', 'HTTP port (default 8080, or PORT)')
    .action(async (opts: { services?: string; demo: boolean; port?: string }) => {
      const args = [...(opts.services ? [`--services=${opts.services}`] : []), ...(opts.demo ? [] : ['--no-demo']), ...(opts.port ? [`--port=${opts.port}`] : [])];
      const { main } = await import('./main.ts');
      await main(args);
      await new Promise(() => undefined);
    });

  program
    .command('migrate')
    .description('Apply pending database migrations, then exit.')
    .action(async () => {
      await withDatabase(async (ctx) => io.out(`Database (${ctx.dbKind}) is up to date.`));
    });

  const user = program.command('user').description('Manage users.');
  user
    .command('create')
    .description('Create a user; prints a generated password unless --password is given.')
    .requiredOption('--email <email>', 'e-mail address (the sign-in name)')
    .requiredOption('--name <name>', 'display name')
    .option('--password <password>', 'initial password (at least 12 characters); generated when absent')
    .option('--role <role>', `role to grant: ${roles.join(', ')}`, parseRole)
    .option('--unit <code>', 'unit code for the role (default: the top-level unit)')
    .action(async (opts: { email: string; name: string; password?: string; role?: Role; unit?: string }) => {
      const email = emailSchema.safeParse(opts.email);
      if (!email.success) throw new CliError('--email: not a valid e-mail address');
      const password = opts.password ?? randomToken(15);
      if (!passwordSchema.safeParse(password).success) throw new CliError('--password: use at least 12 characters');
      const [{ createUser, findRootUnit, findUnitByCode }, { systemActor }] = await Promise.all([import('./domains/identity/index.ts'), import('./platform/audit/audit.ts')]);
      await withDatabase(async (ctx) => {
        const unit = opts.unit ? await findUnitByCode(ctx.db, opts.unit) : await findRootUnit(ctx.db);
        if (opts.role && !unit) throw new CliError(opts.unit ? `--unit: no unit with code ${opts.unit}` : 'the organisation has no units yet; start the server once');
        const created = await createUser(
          ctx,
          null,
          { email: email.data, displayName: opts.name, password, locale: 'en', timeZone: 'UTC', memberships: opts.role && unit ? [{ unitId: unit.id, role: opts.role }] : [] },
          systemActor('cli'),
        );
        io.out(`Created ${created.email}${opts.role ? ` (${opts.role} at ${unit?.code})` : ''}.`);
        if (!opts.password) io.out(`One-time password: ${password}`);
      });
    });

  const setExitCode = (code: number) => {
    exitCode = code;
  };
  registerAuditCommand(program, io, withDatabase, setExitCode);
  registerVerifyCommand(program, io, setExitCode);
  registerKeysCommand(program, io, withDatabase, setExitCode);
  registerImportCommand(program, io, withDatabase, setExitCode);
  registerUnVotesCommand(program, io, withDatabase, setExitCode);

  program.hook('postAction', () => {
    process.exitCode = exitCode;
  });
  return program;
}

/** Runs the CLI; returns the exit code (errors print a clear message, never a stack trace). */
export async function runCli(argv: string[], io: Out = stdio): Promise<number> {
  const program = buildCli(io);
  try {
    await program.parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (err) {
    const e = err as { code?: string; exitCode?: number; message?: string };
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
    if (e.code?.startsWith('commander.')) return e.exitCode ?? 1;
    if (err instanceof ConfigError || err instanceof CliError) io.err(err.message);
    else io.err(`Error: ${e.message ?? String(err)}`);
    return 1;
  }
}
