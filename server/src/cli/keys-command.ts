import type { Command } from 'commander';
import type { PlatformContext } from '../platform/context.ts';
import { registerResealCommand } from './keys-reseal.ts';

type Io = { out: (s: string) => void; err: (s: string) => void };
type WithDatabase = <T>(fn: (ctx: PlatformContext) => Promise<T>) => Promise<T>;

/**
 * `diplodesk keys rotate|list`: statement signing keys (the private halves never leave the database
 * sealed); `keys reseal`: stored secrets moved to the current master key after its rotation.
 */
export function registerKeysCommand(program: Command, io: Io, withDatabase: WithDatabase, setExitCode: (code: number) => void): void {
  const keys = program.command('keys').description('Statement signing keys (Ed25519, published at /.well-known/jwks.json), and re-sealing stored secrets under a new master key.');

  async function organisation(ctx: PlatformContext, org: string | undefined): Promise<{ id: string; name: string } | string> {
    const { findRootUnit } = await import('../domains/identity/index.ts');
    const root = await findRootUnit(ctx.db);
    if (!root) return 'the organisation has no units yet; start the server once';
    if (org && org !== root.id) return `--org: no organisation with id ${org} (this installation's is ${root.id})`;
    return { id: root.id, name: root.name };
  }

  keys
    .command('rotate')
    .description('Make a new signing key active; the old one is retired but stays in the JWKS, so earlier statements still verify. Audited.')
    .option('--org <id>', 'organisation (top-level unit) id; default: this installation\'s organisation')
    .action(async (opts: { org?: string }) => {
      await withDatabase(async (ctx) => {
        const org = await organisation(ctx, opts.org);
        if (typeof org === 'string') {
          io.err(org);
          setExitCode(1);
          return;
        }
        const [{ systemActor }, { inTransaction }, { rotateSigningKey }] = await Promise.all([
          import('../platform/audit/audit.ts'),
          import('../platform/context.ts'),
          import('../platform/crypto/signing/key-store.ts'),
        ]);
        const rotated = await inTransaction(ctx, (tx) => rotateSigningKey(tx, ctx.secretBox.for('signing-keys'), org.id, systemActor('cli')));
        io.out(`Rotated the signing key of ${org.name}: new key ${rotated.kid}.`);
        if (rotated.previousKid) io.out(`Previous key ${rotated.previousKid} is retired and stays published, so statements it signed still verify.`);
        setExitCode(0);
      });
    });

  keys
    .command('list')
    .description('List the public signing keys (active and retired).')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      await withDatabase(async (ctx) => {
        const { listPublicKeys } = await import('../platform/crypto/signing/key-store.ts');
        const all = await listPublicKeys(ctx.db);
        if (opts.json) io.out(JSON.stringify(all.map(({ publicJwk: _, ...k }) => k)));
        else if (all.length === 0) io.out('No signing keys yet: one is created when the first statement is signed.');
        else for (const k of all) io.out(`${k.kid}  ${k.status.padEnd(7)}  created ${k.createdAt.toISOString()}${k.retiredAt ? `  retired ${k.retiredAt.toISOString()}` : ''}  org ${k.organisationId}`);
        setExitCode(0);
      });
    });

  registerResealCommand(keys, io, withDatabase, setExitCode);
}
