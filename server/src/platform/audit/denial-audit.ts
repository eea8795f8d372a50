import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PlatformContext } from '../context.ts';
import { errorFields } from '../events/logger.ts';
import type { CallerRefusal } from '../http/caller-rate-limit.ts';
import { catalogueCodeOf } from '../http/error-handler.ts';
import { type Actor, appendAudit } from './audit.ts';

type DenialAction = 'auth.csrf-rejected' | 'authz.denied' | 'request.rate-limited' | 'request.input-refused' | 'upload.refused';

// Refusals worth an audit entry, by the error they raise: failed authorisations (ASVS 16.3.2), and
// input that failed validation and files refused for what they hold (16.3.3), which is how probing
// and smuggling attempts show.
const deniedCodes: Record<string, DenialAction> = {
  'auth.csrf': 'auth.csrf-rejected',
  'authz.forbidden': 'authz.denied',
  'auth.token-scope': 'authz.denied',
  'request.invalid': 'request.input-refused',
  'request.malformed': 'request.input-refused',
  'request.unsupported-media-type': 'request.input-refused',
  // (Malware found has its own entry, written where the scan answers: platform/storage/malware-check.ts.)
  'statement.attachment-invalid': 'upload.refused',
  'upload.too-large-to-scan': 'upload.refused',
  'listening-import.not-text': 'upload.refused',
};

/** Which part of the request failed validation (never the values sent: they may hold anything). */
function validationWhere(err: unknown): Record<string, unknown> {
  const e = err as { validation?: { instancePath?: string }[]; validationContext?: string };
  if (!Array.isArray(e.validation)) return {};
  const fields = [...new Set(e.validation.map((v) => `${e.validationContext ?? 'body'}${(v.instancePath ?? '').replaceAll('/', '.')}`))].slice(0, 10);
  return { fields };
}

type Denial = { action: DenialAction; actor: Actor; route: string; summary: Record<string, unknown> };
type Window = { first: Denial; extra: number; lastAt: string };

export type DenialAudit = {
  /** For @fastify/rate-limit's `onExceeded`: a request refused by a rate limit. */
  onRateLimited(req: FastifyRequest, key: string): void;
  /** A request refused by the limit every API caller (or public reader) has: one window per caller, whatever the route. */
  onCallerRateLimited(req: FastifyRequest, refusal: CallerRefusal): void;
  /** Adds the onError hook that records CSRF failures, permission denials, refused input and refused files. */
  install(app: FastifyInstance): void;
  /** Writes the counts of the open windows now (at shutdown, and in tests). */
  flush(): Promise<void>;
  close(): Promise<void>;
};

const WINDOW_MS = 60_000;
// Distinct callers tracked per window; past it, one window per action takes the overflow.
const MAX_WINDOWS = 10_000;

function routeOf(req: FastifyRequest): string {
  return `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`;
}

function actorOf(req: FastifyRequest): Actor {
  const p = req.principal;
  if (p) return { userId: p.userId, label: p.email, requestId: req.id, tokenId: p.tokenId ?? null };
  return { userId: null, label: 'anonymous', requestId: req.id };
}

/**
 * Records refusals in the audit trail without letting a flood flood it: the first refusal of a
 * caller (user, else address) for an action and route in a minute is written at once; the others
 * in that minute are counted and written as one entry when the minute closes.
 */
export function createDenialAudit(ctx: Pick<PlatformContext, 'db' | 'logger'>): DenialAudit {
  const windows = new Map<string, Window>();
  let pending: Promise<unknown> = Promise.resolve();

  function write(d: Denial, summary: Record<string, unknown>): Promise<unknown> {
    const run = pending.then(() =>
      ctx.db
        .transaction((tx) => appendAudit(tx, d.actor, { action: d.action, targetType: 'route', targetId: d.route, unitId: null, summary: { ...d.summary, ...summary } }))
        .catch((err: unknown) => ctx.logger.error({ ...errorFields(err), action: d.action }, 'could not audit a refused request')),
    );
    pending = run;
    return run;
  }

  /** Resolves when the entry is written (at once for the first refusal of a window). */
  function record(d: Denial, ip: string, windowKey = `${d.actor.userId ?? `ip:${ip}`}|${d.route}`): Promise<unknown> {
    let key = `${d.action}|${windowKey}`;
    if (!windows.has(key) && windows.size >= MAX_WINDOWS) key = `${d.action}|overflow`;
    const open = windows.get(key);
    const at = new Date().toISOString();
    if (open) {
      open.extra += 1;
      open.lastAt = at;
      return Promise.resolve();
    }
    windows.set(key, { first: d, extra: 0, lastAt: at });
    return write(d, { count: 1 });
  }

  async function flush(): Promise<void> {
    const closing = [...windows.values()];
    windows.clear();
    for (const w of closing) if (w.extra > 0) write(w.first, { count: w.extra, coalesced: true, lastAt: w.lastAt });
    await pending;
  }

  const timer = setInterval(() => void flush(), WINDOW_MS);
  timer.unref();

  return {
    onRateLimited(req) {
      // @fastify/rate-limit does not wait for this hook: the entry is written just after the 429.
      void record({ action: 'request.rate-limited', actor: actorOf(req), route: routeOf(req), summary: { code: 'auth.rate-limited', ip: req.ip } }, req.ip);
    },
    onCallerRateLimited(req, refusal) {
      // Before authentication: the actor is who the credential last authenticated as, if anyone.
      const actor = refusal.actor ?? { userId: null, label: 'anonymous', requestId: req.id };
      const summary = { code: 'auth.rate-limited', ip: req.ip, limit: refusal.limit, caller: refusal.caller };
      // The limiter's key (a digest or an address) keeps one window per budget; it is not written.
      void record({ action: 'request.rate-limited', actor, route: routeOf(req), summary }, req.ip, `${refusal.limit}|${refusal.key}`);
    },
    install(app) {
      app.addHook('onError', async (req, _reply, err) => {
        const code = catalogueCodeOf(err);
        const action = deniedCodes[code];
        if (!action) return;
        const permission = req.routeOptions.config?.auth?.access === 'permission' ? req.routeOptions.config.auth.permission : null;
        // Awaited: the entry exists when the caller gets the refusal.
        await record({ action, actor: actorOf(req), route: routeOf(req), summary: { code, ip: req.ip, ...(permission ? { permission } : {}), ...validationWhere(err) } }, req.ip);
      });
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
