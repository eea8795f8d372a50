import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const serviceName = z.enum(['web', 'worker', 'realtime']);
export type ServiceName = z.infer<typeof serviceName>;

/** Every environment variable DiploDesk reads; documented in README and .env.example. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  DATA_DIR: z.string().default('./.diplodesk'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  NATS_URL: z.string().optional(),
  NATS_STREAM_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/).default('diplodesk'),
  DIPLODESK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  DIPLODESK_DEMO: bool.default(true),
  DIPLODESK_ORG_NAME: z.string().min(2).max(160).default('Ministry of Foreign Affairs'),
  DIPLODESK_ADMIN_EMAIL: z.email().optional(),
  DIPLODESK_ADMIN_PASSWORD: z.string().min(12).optional(),
  DIPLODESK_SERVICES: z
    .string()
    .default('web,worker,realtime')
    .transform((s, ctx) => {
      const parts = s.split(',').map((p) => p.trim()).filter(Boolean);
      const parsed = z.array(serviceName).min(1).safeParse(parts);
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', message: 'must list web, worker and/or realtime' });
        return z.NEVER;
      }
      return [...new Set(parsed.data)];
    }),
  TRUST_PROXY: bool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  // Issue 10: a sensitive action needs a factor proven within 5 minutes; shorter is allowed, longer is not.
  STEP_UP_WINDOW_SECONDS: z.coerce.number().int().min(1).max(300).default(300),
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  JOB_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  JOB_LEASE_MS: z.coerce.number().int().min(500).max(3_600_000).default(60_000),
  JOB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Worker threads that analyse collected items; unset = one per core (at most four), 0 = on the main thread. */
  ANALYSIS_THREADS: z.coerce.number().int().min(0).max(64).optional(),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(200),
  WEB_DIST: z.string().optional(),
  /** Public origin of this DiploDesk (newsroom links, ActivityPub ids); default http://localhost:PORT. */
  PUBLIC_URL: z.url().optional(),
  /** Attachments and uploads; default DATA_DIR/storage. */
  STORAGE_DIR: z.string().optional(),
  /** File holding the key that seals signing keys and connector tokens (instead of DIPLODESK_SECRET). */
  DIPLODESK_KEY_FILE: z.string().optional(),
  /** Public verify requests per minute and client address. */
  VERIFY_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(30),
  ACTIVITYPUB_ENABLED: bool.default(true),
  /** Missions get their own ActivityPub actor too. */
  ACTIVITYPUB_MISSIONS: bool.default(false),
  /** Tests only: lets ActivityPub reach http:// and loopback peers (turns off Fedify's SSRF guard). */
  ACTIVITYPUB_ALLOW_PRIVATE_ADDRESS: bool.default(false),
});

export type Config = {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  natsUrl: string | undefined;
  natsStreamPrefix: string;
  secret: string | undefined;
  demo: boolean;
  orgName: string;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  services: ServiceName[];
  trustProxy: boolean;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  sessionTtlHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  stepUpWindowSeconds: number;
  loginRatePerMinute: number;
  jobPollMs: number;
  jobLeaseMs: number;
  jobConcurrency: number;
  /** Threads analysing collected items; undefined = one per core (at most four), 0 = the main thread. */
  analysisThreads: number | undefined;
  outboxPollMs: number;
  webDist: string | undefined;
  publicUrl: string;
  storageDir: string;
  keyFile: string | undefined;
  verifyRatePerMinute: number;
  activityPubEnabled: boolean;
  activityPubMissions: boolean;
  activityPubAllowPrivateAddress: boolean;
  /** The raw environment, for connector factories (each reads its own keys, e.g. X_CLIENT_ID). */
  env: Record<string, string>;
};

export class ConfigError extends Error {
  readonly issues: string[];

  constructor(issues: string[]) {
    super(`Invalid configuration:\n  ${issues.join('\n  ')}`);
    this.issues = issues;
  }
}

/** Reads and validates the environment; throws ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  // An empty variable (`DATABASE_URL=` in a .env file) means "not set".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const config: Config = {
    nodeEnv: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    natsUrl: e.NATS_URL,
    natsStreamPrefix: e.NATS_STREAM_PREFIX,
    secret: e.DIPLODESK_SECRET,
    demo: e.DIPLODESK_DEMO,
    orgName: e.DIPLODESK_ORG_NAME,
    adminEmail: e.DIPLODESK_ADMIN_EMAIL?.toLowerCase(),
    adminPassword: e.DIPLODESK_ADMIN_PASSWORD,
    services: e.DIPLODESK_SERVICES,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockMinutes: e.LOGIN_LOCK_MINUTES,
    stepUpWindowSeconds: e.STEP_UP_WINDOW_SECONDS,
    loginRatePerMinute: e.LOGIN_RATE_PER_MINUTE,
    jobPollMs: e.JOB_POLL_MS,
    jobLeaseMs: e.JOB_LEASE_MS,
    jobConcurrency: e.JOB_CONCURRENCY,
    analysisThreads: e.ANALYSIS_THREADS,
    outboxPollMs: e.OUTBOX_POLL_MS,
    webDist: e.WEB_DIST,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    storageDir: path.resolve(e.STORAGE_DIR ?? path.join(e.DATA_DIR, 'storage')),
    keyFile: e.DIPLODESK_KEY_FILE,
    verifyRatePerMinute: e.VERIFY_RATE_PER_MINUTE,
    activityPubEnabled: e.ACTIVITYPUB_ENABLED,
    activityPubMissions: e.ACTIVITYPUB_MISSIONS,
    activityPubAllowPrivateAddress: e.ACTIVITYPUB_ALLOW_PRIVATE_ADDRESS,
    env: present as Record<string, string>,
  };
  return { ...config, ...overrides };
}

/** Reads `.env` from the working directory, if present; variables already set win. */
export function loadDotEnv(file = path.resolve('.env'), env: NodeJS.ProcessEnv = process.env): void {
  if (!fs.existsSync(file)) return;
  for (const [key, value] of Object.entries(parseEnv(fs.readFileSync(file, 'utf8')))) {
    if (env[key] === undefined) env[key] = value;
  }
}
