import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { type AuditSinkTarget, parseAuditSink } from '../audit/sink/sink-target.ts';
import { PRODUCTION_SCRYPT_COST } from '../crypto/password.ts';
import { estimateSecretBits, MIN_SECRET_BITS } from '../crypto/secret-strength.ts';
import { parseAllowList } from '../outbound/address-ranges.ts';
import { parseHostList } from '../outbound/host-list.ts';

function isReadableFile(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.R_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/** A comma-separated list; empty entries are dropped. */
const commaList = z
  .string()
  .default('')
  .transform((s) => s.split(',').map((p) => p.trim()).filter(Boolean));

const serviceName = z.enum(['web', 'worker', 'realtime']);
export type ServiceName = z.infer<typeof serviceName>;

/** Every environment variable DiploDesk reads; documented in README and .env.example. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Listen address: loopback unless a container or proxy deployment sets HOST=0.0.0.0. */
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  DATA_DIR: z.string().default('./.diplodesk'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  /**
   * Migrations run over this connection when set (a role that owns the schema); DATABASE_URL's
   * role then needs only SELECT/INSERT/UPDATE/DELETE. See docs/operations.md.
   */
  MIGRATE_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  NATS_URL: z.string().optional(),
  NATS_STREAM_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/).default('diplodesk'),
  /** The master key's secret: 32 random bytes, e.g. `openssl rand -base64 32` (production refuses a passphrase). */
  DIPLODESK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * Earlier values of DIPLODESK_SECRET (comma-separated), during a master-key rotation: what they
   * sealed still opens until `diplodesk keys reseal` has moved it to the current key.
   */
  DIPLODESK_PREVIOUS_SECRETS: commaList.pipe(z.array(z.string().min(32, 'each must be at least 32 characters'))),
  /** The fictional demo workspace on first run; on by default outside production, refused in it (ASVS 15.2.3). */
  DIPLODESK_DEMO: bool.optional(),
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
  // Which X-Forwarded-For hops to believe. Trusting every hop would let a client choose its own
  // address (the left-most entry), and with it dodge the sign-in throttle and the rate limits and
  // forge the addresses in the audit trail: so a number of proxies, or the proxies' addresses.
  TRUST_PROXY: z
    .string()
    .default('0')
    .transform((s, ctx): TrustProxy => {
      const v = s.trim().toLowerCase();
      if (['', '0', 'false', 'no'].includes(v)) return false;
      if (['true', 'yes'].includes(v)) return 1;
      if (/^\d+$/.test(v) && Number(v) <= 10) return Number(v);
      const parts = v.split(',').map((p) => p.trim()).filter(Boolean);
      if (parts.length > 0 && parts.every((p) => /^[0-9a-f.:]+(\/\d{1,3})?$/.test(p))) return parts;
      ctx.addIssue({ code: 'custom', message: 'must be 0, the number of proxies in front (1–10), or their addresses/CIDRs separated by commas' });
      return z.NEVER;
    }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(12),
  /** A session unused this long ends (besides the absolute SESSION_TTL_HOURS). */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60 * 90).default(30),
  /** Signed-in sessions one user may hold at once; signing in beyond it ends their oldest session. */
  SESSION_MAX_PER_USER: z.coerce.number().int().min(1).max(1000).default(10),
  /** zxcvbn score (0–4) a new password must reach; 3 resists online guessing and slows offline guessing. */
  PASSWORD_MIN_SCORE: z.coerce.number().int().min(0).max(4).default(3),
  /**
   * A local copy of the "Pwned Passwords" SHA-1 list (`HEX:count` lines, sorted by hash): new
   * passwords found in it are refused. Searched on disk, never loaded; no network needed.
   */
  BREACHED_PASSWORDS_FILE: z
    .string()
    .optional()
    .refine((f) => f === undefined || isReadableFile(f), 'must name a readable file (the SHA-1 "Pwned Passwords" list, sorted by hash)'),
  /**
   * scrypt's work factor for new password hashes, as log2(N) with r=8, p=1: 17 (OWASP's floor, ~150 ms
   * and 128 MiB a hash) by default; production refuses less. Hashes made at another cost are re-hashed
   * at the next successful sign-in, so raising it needs no migration.
   */
  PASSWORD_HASH_COST: z.coerce.number().int().min(10).max(20).default(17),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  // Issue 10: a sensitive action needs a factor proven within 5 minutes; shorter is allowed, longer is not.
  STEP_UP_WINDOW_SECONDS: z.coerce.number().int().min(1).max(300).default(300),
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  /**
   * Requests per minute to /api/ per caller: an API token, a session, or (signed out) a client
   * address. A full page load of the web app sends 2–6; 600 is ten a second, all minute long.
   */
  API_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).default(600),
  /** Active API tokens one person may hold at once (expired and revoked ones do not count). */
  API_TOKENS_PER_USER: z.coerce.number().int().min(1).max(1000).default(20),
  /** Requests per minute and client address to the newsroom, its feeds, /api/v1/public/, ActivityPub and /.well-known/. */
  PUBLIC_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).default(1200),
  JOB_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  JOB_LEASE_MS: z.coerce.number().int().min(500).max(3_600_000).default(60_000),
  JOB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Worker threads that analyse collected items; unset = one per core (at most four), 0 = on the main thread. */
  ANALYSIS_THREADS: z.coerce.number().int().min(0).max(64).optional(),
  /** Items the analysing worker takes from the ingest stream, analyses and stores in one transaction. */
  INGEST_BATCH_SIZE: z.coerce.number().int().min(10).max(5_000).default(500),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(200),
  WEB_DIST: z.string().optional(),
  /** Bearer token that GET /metrics requires; unset = /metrics is off. */
  METRICS_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  /** Serve /api/docs and /api/openapi.json to anyone (default: signed-in users only). */
  API_DOCS_PUBLIC: bool.default(false),
  /** Public origin of this DiploDesk (newsroom links, ActivityPub ids); default http://localhost:PORT. */
  PUBLIC_URL: z.url().optional(),
  /** Strict-Transport-Security max-age behind an https PUBLIC_URL (one year by default); 0 = no header. */
  /**
   * The staff app's own origin (ASVS 3.5.4): the web app, the staff API, live updates and sign-in
   * answer only there, the public surfaces only on PUBLIC_URL. Unset = one origin for everything.
   */
  STAFF_URL: z.url().optional(),
  HSTS_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(2 * 31_536_000).default(31_536_000),
  /** Adds `preload` to HSTS (only with a max-age of at least a year, as the preload list demands). */
  HSTS_PRELOAD: bool.default(false),
  /** PEM certificate (chain) and key: the server then speaks HTTPS itself, e.g. for the proxy→instance hop. */
  TLS_CERT_FILE: z.string().optional(),
  TLS_KEY_FILE: z.string().optional(),
  TLS_MIN_VERSION: z.enum(['TLSv1.2', 'TLSv1.3']).default('TLSv1.2'),
  /** clamd to scan uploads and imports with (INSTREAM): host:port, or the path of its unix socket. Unset = no scan. */
  CLAMD_ADDRESS: z
    .string()
    .optional()
    .refine((v) => v === undefined || v.startsWith('/') || /^[^\s/]+:\d{1,5}$/.test(v), 'must be host:port or the absolute path of a unix socket'),
  /** Accept an upload when clamd gives no verdict (unreachable, timed out, over its size limit). Default: refuse. */
  CLAMD_FAIL_OPEN: bool.default(false),
  /** Size of each INSTREAM chunk; clamd's StreamMaxLength still bounds the whole stream. */
  CLAMD_CHUNK_BYTES: z.coerce.number().int().min(1024).max(16 * 1024 * 1024).default(64 * 1024),
  CLAMD_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(60_000),
  /** Attachments and uploads; default DATA_DIR/storage. */
  STORAGE_DIR: z.string().optional(),
  /** Attachment storage each unit may use, in MB (its statements' files together); 0 = no limit. */
  STORAGE_QUOTA_MB_PER_UNIT: z.coerce.number().int().min(0).max(100_000_000).default(5120),
  /** File holding the key that seals signing keys and connector tokens (instead of DIPLODESK_SECRET). */
  DIPLODESK_KEY_FILE: z.string().optional(),
  /** Earlier master-key files (comma-separated paths), during a rotation; like DIPLODESK_PREVIOUS_SECRETS. */
  DIPLODESK_PREVIOUS_KEY_FILES: commaList.pipe(z.array(z.string().refine((f) => isReadableFile(f), 'each must name a readable file (32 random bytes, base64)'))),
  /** Copy of every audit entry outside the database: file:/path (JSON lines), syslog+tcp://host:port (RFC 5424) or syslog+tls://host:port (RFC 5425). */
  AUDIT_SINK: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return null;
      const target = parseAuditSink(value);
      if (typeof target === 'string') {
        ctx.addIssue({ code: 'custom', message: target });
        return z.NEVER;
      }
      return target;
    }),
  /** A CA (PEM) trusted for the syslog+tls collector's certificate, besides the default ones and NODE_EXTRA_CA_CERTS. */
  AUDIT_SINK_CA_FILE: z.string().optional(),
  /** Public verify requests per minute and client address. */
  VERIFY_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(30),
  /** Tests and lab set-ups only: accept an OIDC issuer over plain http:// (production issuers use https). */
  SSO_ALLOW_HTTP_ISSUER: bool.default(false),
  ACTIVITYPUB_ENABLED: bool.default(true),
  /** Missions get their own ActivityPub actor too. */
  ACTIVITYPUB_MISSIONS: bool.default(false),
  /**
   * The only folder GDELT file mode may read (a source names a path inside it; links out are
   * refused). Unset: file mode is off, since a source's path is chosen by whoever may edit sources.
   * Read by the GDELT connector from the environment; validated here so a typo stops the start.
   */
  GDELT_IMPORT_DIR: z.string().refine((p) => path.isAbsolute(p), 'must be an absolute path').optional(),
  /**
   * Private or reserved address blocks (comma-separated CIDRs) that outbound requests to
   * user-supplied addresses may reach anyway: an intranet feed, a test set-up. Empty by default.
   */
  OUTBOUND_ALLOW_CIDRS: z
    .string()
    .default('')
    .transform((s, ctx) => {
      try {
        return parseAllowList(s).cidrs.map((c) => c.text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  /**
   * The only hosts outbound requests may reach (comma-separated host names, IP addresses and
   * `*.suffix` wildcards). Empty (the default): any public host. Address checks apply either way.
   */
  OUTBOUND_ALLOW_HOSTS: z
    .string()
    .default('')
    .transform((s, ctx) => {
      try {
        return [...parseHostList(s).entries];
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  /**
   * Host names fetched over plain http although public (comma-separated). Every other plain-http
   * address is refused unless OUTBOUND_ALLOW_CIDRS holds it. GDELT publishes its files over http;
   * `none` refuses that too.
   */
  OUTBOUND_PLAIN_HTTP_HOSTS: z
    .string()
    .default('data.gdeltproject.org')
    .transform((s, ctx) => {
      if (s.trim().toLowerCase() === 'none') return [];
      const hosts = s.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
      const bad = hosts.filter((h) => !/^[a-z0-9.-]+$/.test(h));
      if (bad.length > 0) {
        ctx.addIssue({ code: 'custom', message: `host names only, separated by commas (not: ${bad.join(', ')})` });
        return z.NEVER;
      }
      return hosts;
    }),
})
  .superRefine((e, ctx) => {
    // Every signature names the organisation by the newsroom's host: in production it must be the real
    // one, never the development default (localhost), or every statement signed is signed by "localhost".
    // Production only: test and development set-ups name readable secrets, and a weak secret there guards no real data.
    if (e.NODE_ENV === 'production' && e.DIPLODESK_SECRET !== undefined && estimateSecretBits(e.DIPLODESK_SECRET) < MIN_SECRET_BITS) {
      ctx.addIssue({ code: 'custom', path: ['DIPLODESK_SECRET'], message: `looks like a passphrase (about ${Math.floor(estimateSecretBits(e.DIPLODESK_SECRET))} bits of randomness, ${MIN_SECRET_BITS} needed): generate one with \`openssl rand -base64 32\`, and see docs/operations.md for moving to it` });
    }
    if (e.DIPLODESK_SECRET !== undefined && e.DIPLODESK_PREVIOUS_SECRETS.includes(e.DIPLODESK_SECRET)) ctx.addIssue({ code: 'custom', path: ['DIPLODESK_PREVIOUS_SECRETS'], message: 'holds the current DIPLODESK_SECRET: list only the secrets it replaced' });
    if (e.NODE_ENV === 'production' && e.PUBLIC_URL === undefined) ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'is required in production: the address people reach the newsroom at, which every signature names' });
    const staffProblem = e.STAFF_URL === undefined ? null : staffUrlProblem(e.STAFF_URL, e.PUBLIC_URL ?? `http://localhost:${e.PORT}`, e.NODE_ENV === 'production');
    if (staffProblem) ctx.addIssue({ code: 'custom', path: ['STAFF_URL'], message: staffProblem });
    if (e.HSTS_PRELOAD && e.HSTS_MAX_AGE_SECONDS < 31_536_000) ctx.addIssue({ code: 'custom', path: ['HSTS_PRELOAD'], message: 'needs HSTS_MAX_AGE_SECONDS of at least 31536000' });
    if ((e.TLS_CERT_FILE === undefined) !== (e.TLS_KEY_FILE === undefined)) ctx.addIssue({ code: 'custom', path: ['TLS_CERT_FILE'], message: 'TLS_CERT_FILE and TLS_KEY_FILE go together' });
    if (e.AUDIT_SINK_CA_FILE !== undefined && e.AUDIT_SINK?.kind !== 'syslog-tls') ctx.addIssue({ code: 'custom', path: ['AUDIT_SINK_CA_FILE'], message: 'is only used with AUDIT_SINK=syslog+tls://host:port' });
    for (const key of ['TLS_CERT_FILE', 'TLS_KEY_FILE', 'AUDIT_SINK_CA_FILE'] as const) {
      const file = e[key];
      if (file !== undefined && !isReadable(file)) ctx.addIssue({ code: 'custom', path: [key], message: `cannot read ${file}` });
    }
  });

const loopbackHostnames = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Why STAFF_URL cannot be used, or null. Cookies ignore ports, so the host names must differ, not
 * only the ports; the web app lives at the root, so a path would not be honoured; and in
 * production the staff sign-in travels only over https (plain http only on loopback, for tests).
 */
export function staffUrlProblem(staffUrl: string, publicUrl: string, production: boolean): string | null {
  const staff = new URL(staffUrl);
  if (staff.protocol !== 'https:' && staff.protocol !== 'http:') return 'must be an http(s) address';
  if (staff.pathname !== '/' || staff.search || staff.hash || staff.username || staff.password) return 'must be an origin only (scheme, host, optional port), e.g. https://desk.example.go.id';
  if (staff.hostname === new URL(publicUrl).hostname) return "must name another host than PUBLIC_URL (cookies ignore the port, so a second port is not a separate application)";
  if (production && staff.protocol !== 'https:' && !loopbackHostnames.has(staff.hostname)) return 'must be https in production';
  return null;
}

function isReadable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.R_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export type TrustProxy = false | number | string[];

export type Config = {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Where migrations run, when not over databaseUrl (a schema-owning role; the app's role has DML only). */
  migrateDatabaseUrl: string | undefined;
  natsUrl: string | undefined;
  natsStreamPrefix: string;
  secret: string | undefined;
  /** DIPLODESK_PREVIOUS_SECRETS: master-key secrets being rotated away from (open only, never seal). */
  previousSecrets: string[];
  /** DIPLODESK_PREVIOUS_KEY_FILES: master-key files being rotated away from. */
  previousKeyFiles: string[];
  demo: boolean;
  orgName: string;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  services: ServiceName[];
  /** false, a number of proxy hops, or the proxies' addresses/CIDRs (Fastify's trustProxy). */
  trustProxy: TrustProxy;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  sessionTtlHours: number;
  sessionIdleMinutes: number;
  sessionMaxPerUser: number;
  passwordMinScore: 0 | 1 | 2 | 3 | 4;
  /** BREACHED_PASSWORDS_FILE: the sorted SHA-1 list new passwords are checked against; unset = no list. */
  breachedPasswordsFile: string | undefined;
  /** log2 of scrypt's N for new password hashes (PASSWORD_HASH_COST). */
  passwordHashCost: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  stepUpWindowSeconds: number;
  loginRatePerMinute: number;
  apiRatePerMinute: number;
  /** API_TOKENS_PER_USER: active tokens one person may hold. */
  apiTokensPerUser: number;
  publicRatePerMinute: number;
  jobPollMs: number;
  jobLeaseMs: number;
  jobConcurrency: number;
  /** Threads analysing collected items; undefined = one per core (at most four), 0 = the main thread. */
  analysisThreads: number | undefined;
  ingestBatchSize: number;
  outboxPollMs: number;
  webDist: string | undefined;
  metricsToken: string | undefined;
  apiDocsPublic: boolean;
  publicUrl: string;
  /** STAFF_URL without a trailing slash; null = the staff app shares PUBLIC_URL's origin. Read through staffUrlOf. */
  staffUrl: string | null;
  /** HSTS max-age in seconds (0 = off); sent only when publicUrl is https. */
  hstsMaxAgeSeconds: number;
  hstsPreload: boolean;
  /** When set, the server listens with TLS itself. */
  tls: { certFile: string; keyFile: string; minVersion: 'TLSv1.2' | 'TLSv1.3' } | null;
  /** clamd scanning of uploads; null = uploads are not scanned. */
  clamd: { address: string; failOpen: boolean; chunkBytes: number; timeoutMs: number } | null;
  storageDir: string;
  /** Attachment storage per unit, MB; 0 = no limit. */
  storageQuotaMbPerUnit: number;
  keyFile: string | undefined;
  verifyRatePerMinute: number;
  auditSink: AuditSinkTarget | null;
  ssoAllowHttpIssuer: boolean;
  activityPubEnabled: boolean;
  activityPubMissions: boolean;
  /** OUTBOUND_ALLOW_CIDRS: blocks the outbound guard lets through although private or reserved. */
  outboundAllowCidrs: string[];
  /** OUTBOUND_ALLOW_HOSTS: the only hosts reached (normalised entries); empty = any public host. */
  outboundAllowHosts: string[];
  /** OUTBOUND_PLAIN_HTTP_HOSTS: public hosts that may be fetched over plain http. */
  outboundPlainHttpHosts: string[];
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
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  // The embedded database has one user; a separate migration login only means something on PostgreSQL.
  // On PostgreSQL there is no data directory to keep a generated key in: without one of these, each
  // process would seal with a key of its own and nothing sealed would open after a restart.
  if (present.NODE_ENV === 'production' && present.DATABASE_URL && !present.DIPLODESK_SECRET && !present.DIPLODESK_KEY_FILE) {
    problems.push('DIPLODESK_SECRET: required in production with DATABASE_URL (or DIPLODESK_KEY_FILE): every instance must seal and open stored secrets with the same key');
  }
  // Either names the master key; with both set, which one sealed the stored secrets would be a guess.
  if (present.DIPLODESK_SECRET && present.DIPLODESK_KEY_FILE) problems.push('DIPLODESK_KEY_FILE: set it or DIPLODESK_SECRET, not both (each names the key that seals stored secrets)');
  if (present.MIGRATE_DATABASE_URL && !present.DATABASE_URL) problems.push('MIGRATE_DATABASE_URL: needs DATABASE_URL (the application role) as well');
  // A cheaper hash is for test runs and development machines only.
  if (parsed.success && parsed.data.NODE_ENV === 'production' && parsed.data.PASSWORD_HASH_COST < PRODUCTION_SCRYPT_COST) {
    problems.push(`PASSWORD_HASH_COST: must be at least ${PRODUCTION_SCRYPT_COST} in production (OWASP's scrypt floor)`);
  }
  // Sample data is for trying DiploDesk: a ministry's installation starts with its own organisation only.
  if (parsed.success && parsed.data.NODE_ENV === 'production' && parsed.data.DIPLODESK_DEMO === true) {
    problems.push('DIPLODESK_DEMO: the demo workspace (fictional sample data) is not created in production; unset it, or set NODE_ENV=development to try DiploDesk');
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const config: Config = {
    nodeEnv: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    migrateDatabaseUrl: e.MIGRATE_DATABASE_URL,
    natsUrl: e.NATS_URL,
    natsStreamPrefix: e.NATS_STREAM_PREFIX,
    secret: e.DIPLODESK_SECRET,
    previousSecrets: e.DIPLODESK_PREVIOUS_SECRETS,
    previousKeyFiles: e.DIPLODESK_PREVIOUS_KEY_FILES.map((f) => path.resolve(f)),
    demo: e.DIPLODESK_DEMO ?? e.NODE_ENV !== 'production',
    orgName: e.DIPLODESK_ORG_NAME,
    adminEmail: e.DIPLODESK_ADMIN_EMAIL?.toLowerCase(),
    adminPassword: e.DIPLODESK_ADMIN_PASSWORD,
    services: e.DIPLODESK_SERVICES,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionMaxPerUser: e.SESSION_MAX_PER_USER,
    passwordMinScore: e.PASSWORD_MIN_SCORE as 0 | 1 | 2 | 3 | 4,
    breachedPasswordsFile: e.BREACHED_PASSWORDS_FILE ? path.resolve(e.BREACHED_PASSWORDS_FILE) : undefined,
    passwordHashCost: e.PASSWORD_HASH_COST,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockMinutes: e.LOGIN_LOCK_MINUTES,
    stepUpWindowSeconds: e.STEP_UP_WINDOW_SECONDS,
    loginRatePerMinute: e.LOGIN_RATE_PER_MINUTE,
    apiRatePerMinute: e.API_RATE_PER_MINUTE,
    apiTokensPerUser: e.API_TOKENS_PER_USER,
    publicRatePerMinute: e.PUBLIC_RATE_PER_MINUTE,
    jobPollMs: e.JOB_POLL_MS,
    jobLeaseMs: e.JOB_LEASE_MS,
    jobConcurrency: e.JOB_CONCURRENCY,
    analysisThreads: e.ANALYSIS_THREADS,
    ingestBatchSize: e.INGEST_BATCH_SIZE,
    outboxPollMs: e.OUTBOX_POLL_MS,
    webDist: e.WEB_DIST,
    metricsToken: e.METRICS_TOKEN,
    apiDocsPublic: e.API_DOCS_PUBLIC,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    staffUrl: e.STAFF_URL ? new URL(e.STAFF_URL).origin : null,
    hstsMaxAgeSeconds: e.HSTS_MAX_AGE_SECONDS,
    hstsPreload: e.HSTS_PRELOAD,
    tls: e.TLS_CERT_FILE && e.TLS_KEY_FILE ? { certFile: path.resolve(e.TLS_CERT_FILE), keyFile: path.resolve(e.TLS_KEY_FILE), minVersion: e.TLS_MIN_VERSION } : null,
    clamd: e.CLAMD_ADDRESS ? { address: e.CLAMD_ADDRESS, failOpen: e.CLAMD_FAIL_OPEN, chunkBytes: e.CLAMD_CHUNK_BYTES, timeoutMs: e.CLAMD_TIMEOUT_MS } : null,
    storageDir: path.resolve(e.STORAGE_DIR ?? path.join(e.DATA_DIR, 'storage')),
    storageQuotaMbPerUnit: e.STORAGE_QUOTA_MB_PER_UNIT,
    keyFile: e.DIPLODESK_KEY_FILE,
    verifyRatePerMinute: e.VERIFY_RATE_PER_MINUTE,
    auditSink: e.AUDIT_SINK?.kind === 'syslog-tls' && e.AUDIT_SINK_CA_FILE ? { ...e.AUDIT_SINK, caFile: path.resolve(e.AUDIT_SINK_CA_FILE) } : e.AUDIT_SINK,
    ssoAllowHttpIssuer: e.SSO_ALLOW_HTTP_ISSUER,
    activityPubEnabled: e.ACTIVITYPUB_ENABLED,
    activityPubMissions: e.ACTIVITYPUB_MISSIONS,
    outboundAllowCidrs: e.OUTBOUND_ALLOW_CIDRS,
    outboundAllowHosts: e.OUTBOUND_ALLOW_HOSTS,
    outboundPlainHttpHosts: e.OUTBOUND_PLAIN_HTTP_HOSTS,
    env: present as Record<string, string>,
  };
  return { ...config, ...overrides };
}

/** The origin the staff app, its API and sign-in live at: STAFF_URL, or PUBLIC_URL when unset. */
export function staffUrlOf(config: Pick<Config, 'publicUrl' | 'staffUrl'>): string {
  return config.staffUrl ?? config.publicUrl;
}

/** Reads `.env` from the working directory, if present; variables already set win. */
export function loadDotEnv(file = path.resolve('.env'), env: NodeJS.ProcessEnv = process.env): void {
  if (!fs.existsSync(file)) return;
  for (const [key, value] of Object.entries(parseEnv(fs.readFileSync(file, 'utf8')))) {
    if (env[key] === undefined) env[key] = value;
  }
}
