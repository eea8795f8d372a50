// Which integration files run a second time on PostgreSQL + NATS JetStream (docs/testing.md).
// Every `*.int.test.ts` file runs on embedded PGlite — the same PostgreSQL, in WebAssembly, one
// connection. The PostgreSQL tier adds what PGlite cannot show: several connections at once
// (locks, SKIP LOCKED, races on unique keys, transactions held across a call, a queue read by
// another connection than the one writing it), the NATS JetStream bus and ingest stream, child processes given a
// DATABASE_URL, and extensions and text search on a server installation. A file whose behaviour
// depends on none of these runs once. Every integration file is listed here, with its reason:
// a new file must choose (server/src/test/test-tiers.test.ts fails otherwise).

/** @type {Record<string, { postgres: boolean; why: string }>} path → tier choice */
export const integrationTiers = {
  'server/src/cli/audit-checkpoints.int.test.ts': { postgres: false, why: 'the CLI reaches DATABASE_URL through the same `withDatabase` that `cli.int.test.ts` runs on PostgreSQL; checking checkpoints is the same SQL on both' },
  'server/src/cli/import-command.int.test.ts': { postgres: false, why: 'the CLI reaches DATABASE_URL through the same `withDatabase` that `cli.int.test.ts` runs on PostgreSQL; importing into PostgreSQL (batches, the stream) is `imports.int.test.ts` there' },
  'server/src/cli/keys-reseal.int.test.ts': { postgres: true, why: 're-sealing rewrites rows in batched transactions from a child process given DATABASE_URL, while the rows were written by another connection' },
  'server/src/cli/verify-command.int.test.ts': { postgres: false, why: 'verifying reads files and a server, not the database; `keys rotate` reaches DATABASE_URL through the same `withDatabase` that `cli.int.test.ts` runs on PostgreSQL' },
  'server/src/domains/identity/sso/tests/sso.int.test.ts': { postgres: false, why: 'HTTP flow against a local OpenID provider; plain reads and writes' },
  'server/src/domains/identity/tests/admin.int.test.ts': { postgres: false, why: 'validation, permissions and single transactions; no concurrency' },
  'server/src/domains/identity/tests/empty-workspace.int.test.ts': { postgres: false, why: 'first-run seeding; plain inserts' },
  'server/src/domains/identity/tests/passkeys.int.test.ts': { postgres: false, why: 'WebAuthn ceremonies; plain reads and writes' },
  'server/src/domains/identity/tests/password-quality.int.test.ts': { postgres: false, why: 'password rules in code' },
  'server/src/domains/identity/tests/sessions.int.test.ts': { postgres: false, why: 'session rows read and revoked one request at a time' },
  'server/src/domains/identity/tests/sign-in-limits.int.test.ts': { postgres: false, why: 'rate limiter and proxy headers in memory' },
  'server/src/domains/identity/tests/sign-in-throttle.int.test.ts': { postgres: true, why: 'parallel failed sign-ins must be counted atomically across connections' },
  'server/src/domains/identity/tests/sign-in.int.test.ts': { postgres: false, why: 'cookies, CSRF and TOTP over single requests' },
  'server/src/domains/identity/tests/step-up.int.test.ts': { postgres: false, why: 'step-up rules over single requests' },
  'server/src/domains/listening/imports/tests/imports.int.test.ts': { postgres: true, why: 'the background import appends to the ingest stream (JetStream on this tier) and must store each row once' },
  'server/src/domains/listening/live/tests/cluster.int.test.ts': { postgres: false, why: 'cluster summaries from rows written in one process' },
  'server/src/domains/listening/live/tests/live-stream.int.test.ts': { postgres: true, why: 'stored items reach subscribers through the event bus (NATS on this tier)' },
  'server/src/domains/listening/live/tests/saved-searches.int.test.ts': { postgres: false, why: 'owner and unit rules over plain reads and writes' },
  'server/src/domains/listening/live/tests/search-modes.int.test.ts': { postgres: true, why: 'substring search and "did you mean" use pg_trgm: the server installation must provide it' },
  'server/src/domains/listening/tests/demo.int.test.ts': { postgres: false, why: 'the demo seed, analysed in process' },
  'server/src/domains/listening/tests/ingest-crash.int.test.ts': { postgres: true, why: 'SIGKILLed workers on the JetStream ingest stream with a durable consumer' },
  'server/src/domains/listening/tests/ingest.int.test.ts': { postgres: true, why: 'replayed batches through the ingest stream (JetStream on this tier); stemmed text search' },
  'server/src/domains/listening/tests/live-source.int.test.ts': { postgres: true, why: 'streaming sessions append to the ingest stream with their cursor (JetStream on this tier)' },
  'server/src/domains/listening/tests/source-ssrf.int.test.ts': { postgres: false, why: 'the outbound address guard; nothing database-specific' },
  'server/src/domains/listening/tests/sources.int.test.ts': { postgres: true, why: 'background polls through the job runner and the ingest stream store each entry once' },
  'server/src/domains/listening/tests/stream.int.test.ts': { postgres: true, why: 'the ingest stream itself: JetStream on this tier, the staging table on PGlite' },
  'server/src/domains/listening/topics/tests/reapply.int.test.ts': { postgres: false, why: 'batched re-classification in one process' },
  'server/src/domains/listening/topics/tests/topic-models.int.test.ts': { postgres: false, why: 'model learning in code' },
  'server/src/domains/listening/topics/tests/topics.int.test.ts': { postgres: false, why: 'taxonomy editing over single requests' },
  'server/src/domains/statements/federation/federation-store.int.test.ts': { postgres: true, why: 'Fedify KvStore and MessageQueue on the database: messages written on one connection, claimed on another' },
  'server/src/domains/statements/federation/federation.int.test.ts': { postgres: true, why: 'two instances deliver through the database message queue' },
  'server/src/domains/statements/newsroom/feeds.int.test.ts': { postgres: false, why: 'feed documents read by Python feedparser; the database only holds entries' },
  'server/src/domains/statements/newsroom/newsroom.int.test.ts': { postgres: true, why: 'verification matches pasted texts with trigram similarity and text search on the server' },
  'server/src/domains/statements/publishing/publishing-crash.int.test.ts': { postgres: false, why: 'an embedded data directory that must survive SIGKILL is the point of the test' },
  'server/src/domains/statements/publishing/tests/connect-audit.int.test.ts': { postgres: false, why: 'audit entries of refused connections' },
  'server/src/domains/statements/publishing/tests/publishing-jobs.int.test.ts': { postgres: true, why: 'exactly-once publishing rests on job claims and transactions around platform calls' },
  'server/src/domains/statements/publishing/tests/publishing-routes.int.test.ts': { postgres: false, why: 'routes and OAuth redirects over single requests' },
  'server/src/domains/statements/tests/attachment-download-audit.int.test.ts': { postgres: false, why: 'an audit entry per download' },
  'server/src/domains/statements/tests/attachments.int.test.ts': { postgres: false, why: 'file content checks and quotas over single requests' },
  'server/src/domains/statements/tests/clearance-authz.int.test.ts': { postgres: false, why: 'permission checks inside the commands' },
  'server/src/domains/statements/tests/statements.int.test.ts': { postgres: true, why: 'the whole desk on the server driver: versions, clearance, search, scheduled jobs' },
  'server/src/platform/audit/checkpoints.int.test.ts': { postgres: false, why: 'signing the chain head in one process' },
  'server/src/platform/audit/denial-audit.int.test.ts': { postgres: false, why: 'coalescing in memory, entries written by one process' },
  'server/src/platform/audit/sink/audit-sink.int.test.ts': { postgres: true, why: 'two forwarders share one cursor under an owner lease, across connections' },
  'server/src/platform/events/dispatcher.int.test.ts': { postgres: true, why: 'the outbox dispatcher: several connections and row locks' },
  'server/src/platform/events/nats-bus.int.test.ts': { postgres: true, why: 'the NATS JetStream bus itself' },
  'server/src/platform/http/caller-rate-limit.int.test.ts': { postgres: false, why: 'budgets are counted in memory before any database read; its audit entries are the coalesced writes denial-audit.int.test.ts makes' },
  'server/src/platform/http/openapi-lint.int.test.ts': { postgres: false, why: 'the OpenAPI document is built from route declarations; the database is not read' },
  'server/src/platform/jobs/concurrency.int.test.ts': { postgres: true, why: 'runners on separate connections claim with SKIP LOCKED' },
  'server/src/platform/jobs/effect.int.test.ts': { postgres: true, why: 'transaction boundaries around a call on a connection pool' },
  'server/src/platform/jobs/runner.int.test.ts': { postgres: true, why: 'claims, leases and retries of the job runner' },
  'server/src/platform/realtime/live.int.test.ts': { postgres: true, why: 'committed events reach the gateway through the bus (NATS on this tier)' },
  'server/src/test/authorization-matrix.int.test.ts': { postgres: false, why: 'permission answers of every route; independent of the database' },
  'server/src/test/cli.int.test.ts': { postgres: true, why: 'CLI processes on DATABASE_URL' },
  'server/src/test/exposure.int.test.ts': { postgres: false, why: 'what answers expose; independent of the database' },
  'server/src/test/hostile-input.int.test.ts': { postgres: false, why: 'input validation before the database' },
  'server/src/test/openapi-fuzz.int.test.ts': { postgres: false, why: 'schema validation of 10,000 generated requests; the database sees only valid ones, as on PGlite' },
  'server/src/test/restart.int.test.ts': { postgres: true, why: 'a restarted server on PostgreSQL + NATS picks up jobs and events' },
  'server/src/test/start-script.int.test.ts': { postgres: true, why: '`npm start` given a DATABASE_URL' },
  'server/src/domains/identity/tests/admin-account-control.int.test.ts': { postgres: false, why: 'temporary passwords, step-up and ending sessions over single requests' },
  'server/src/domains/identity/tests/mfa-policy.int.test.ts': { postgres: false, why: 'the stored MFA policy and its guard over single requests' },
  'server/src/domains/listening/tests/source-files.int.test.ts': { postgres: false, why: 'source paths refused by validation; nothing database-specific' },
  'server/src/domains/statements/federation/federation-delivery-guard.int.test.ts': { postgres: true, why: 'deliveries are Fedify queue messages claimed from the database by another connection than the one that wrote them' },
  'server/src/domains/statements/federation/federation-inbox.int.test.ts': { postgres: true, why: "Fedify's key cache stores null in the jsonb KV column: the server's NOT NULL and jsonb handling must accept it" },
  'server/src/domains/statements/newsroom/newsroom-federation.int.test.ts': { postgres: false, why: 'NodeInfo, content negotiation and 404s over single requests' },
  'server/src/test/least-privilege.int.test.ts': { postgres: true, why: 'roles and grants exist only on a server: the application role must work without DDL rights' },
  'server/src/platform/http/tls.int.test.ts': { postgres: false, why: 'TLS of the HTTP server; nothing database-specific' },
  'server/src/test/malware-scan.int.test.ts': { postgres: false, why: 'the clamd protocol against a local fake; plain writes' },
  'server/src/test/request-log.int.test.ts': { postgres: false, why: 'log lines per request; nothing database-specific' },
  'server/src/domains/identity/tests/audit-export.int.test.ts': { postgres: false, why: 'an export of the audit table over single requests' },
};

/** The files the PostgreSQL + NATS tier runs. */
export const postgresTierFiles = Object.entries(integrationTiers)
  .filter(([, t]) => t.postgres)
  .map(([file]) => file);
