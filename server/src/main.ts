import { ConfigError, loadConfig, loadDotEnv } from './platform/config/config.ts';
import { startRuntime } from './runtime.ts';

/**
 * `node server/src/main.ts [--services=web,worker,realtime] [--no-demo]` — the process entry.
 * Flags override the environment (DIPLODESK_SERVICES, DIPLODESK_DEMO).
 */
export async function main(argv: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (env === process.env) loadDotEnv();
  const overrides: NodeJS.ProcessEnv = { ...env };
  for (const arg of argv) {
    if (arg.startsWith('--services=')) overrides.DIPLODESK_SERVICES = arg.slice('--services='.length);
    else if (arg === '--no-demo') overrides.DIPLODESK_DEMO = '0';
    else if (arg.startsWith('--port=')) overrides.PORT = arg.slice('--port='.length);
    else throw new ConfigError([`unknown option ${arg}`]);
  }
  const startedAt = performance.now();
  const config = loadConfig(overrides);
  const runtime = await startRuntime(config, {
    onFirstRun: ({ adminEmail, generatedPassword }) => {
      const lines = ['', 'DiploDesk is set up.', `  Sign in as: ${adminEmail}`];
      if (generatedPassword) lines.push(`  One-time password: ${generatedPassword}`, '  (shown only now; change it under Profile after signing in)');
      else lines.push('  Password: the one in DIPLODESK_ADMIN_PASSWORD');
      process.stdout.write(`${lines.join('\n')}\n\n`);
    },
  });
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  runtime.ctx.logger.info({ services: config.services, database: runtime.database.kind, events: runtime.bus.kind, seconds }, 'DiploDesk ready');
  // The public address is the one to open, share and verify against; where the process listens is told
  // beside it when it differs (127.0.0.1 behind a proxy, or under a loopback alias).
  if (runtime.url) {
    const listening = runtime.url.replace(/^https?:\/\//, '');
    const where = new URL(config.publicUrl).host === listening ? '' : `, listening on ${listening}`;
    const staff = config.staffUrl ? `, staff app at ${config.staffUrl}` : '';
    process.stdout.write(`DiploDesk ready at ${config.publicUrl} (${seconds} s${where}${staff})\n`);
  }

  const shutdown = (signal: string) => {
    runtime.ctx.logger.info({ signal }, 'shutting down');
    runtime.stop().then(
      () => process.exit(0),
      (err) => {
        runtime.ctx.logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

const isEntry = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isEntry) {
  main().catch((err) => {
    process.stderr.write(`${err instanceof ConfigError ? err.message : (err?.stack ?? String(err))}\n`);
    process.exit(1);
  });
}
