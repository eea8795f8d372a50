// A local stand-in for the Graph API as a Page publisher meets it: the login dialog
// (auto-approving), code and long-lived token exchanges, /me/accounts, Page feed and photo posts,
// post read/delete, the Page's posts since a time, Graph error JSON, X-Business-Use-Case-Usage
// counted per Page token, faults and latency.
import type { FakeHttpReply, FakeHttpRequest, FakePlatform, StartFake } from '@diplodesk/connector-sdk/testing';
import { FakeAuthCodes, FakeLedger, FakeTokens, FaultQueue, fakeId, RateWindow, startFakeHttpServer } from '@diplodesk/connector-sdk/testing';

const APP_ID = '100000000000001';
const APP_SECRET = 'fake-facebook-app-secret';
const VERSION = 'v26.0';
/** Page calls allowed per window in the fake (Meta scales the real figure with the Page's audience). */
export const FACEBOOK_FAKE_PAGE_CALLS = 4800;
const WINDOW_MS = 24 * 60 * 60_000;

interface Page {
  id: string;
  name: string;
  ownerId: string;
}

function graphError(status: number, error: { message: string; type?: string; code: number; error_subcode?: number; is_transient?: boolean }, headers?: Record<string, string>): FakeHttpReply {
  const auth: Record<string, string> = error.code === 190 ? { 'www-authenticate': 'OAuth "Facebook Platform" "invalid_token"' } : {};
  return { status, headers: { ...headers, ...auth }, json: { error: { type: 'OAuthException', ...error, fbtrace_id: fakeId('A', 8) } } };
}

/** The (#100/33) answer for objects that do not exist or are gone. */
function objectMissing(id: string, headers?: Record<string, string>): FakeHttpReply {
  return graphError(
    400,
    {
      message: `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
      type: 'GraphMethodException',
      code: 100,
      error_subcode: 33,
    },
    headers,
  );
}

/** Starts the Facebook Graph fake on 127.0.0.1. */
export const startFake: StartFake = async (options = {}) => {
  const ledger = new FakeLedger();
  const faults = new FaultQueue();
  const shortTokens = new FakeTokens('fbs_', 60 * 60_000);
  const userTokens = new FakeTokens('fbu_', 60 * 24 * 60 * 60_000);
  const pageTokens = new FakeTokens('fbp_', 10 * 365 * 24 * 60 * 60_000);
  const codes = new FakeAuthCodes();
  const pageWindow = new RateWindow(FACEBOOK_FAKE_PAGE_CALLS, WINDOW_MS);
  const pages = new Map<string, Page>();
  let nextId = 1;
  let dialogUser: string | undefined;
  const nextNumericId = () => String(200_000_000_000_000 + nextId++);

  /** A user who manages two Pages, so the Page choice is exercised. */
  function newUser(): { userId: string; pages: Page[] } {
    const userId = nextNumericId();
    const owned = [1, 2].map((n) => {
      const page = { id: nextNumericId(), name: `Kedutaan Besar RI ${userId.slice(-3)}-${n}`, ownerId: userId };
      pages.set(page.id, page);
      return page;
    });
    return { userId, pages: owned };
  }

  function bucHeaders(pageId: string, callPercent: number, regainMinutes: number): Record<string, string> {
    const usage = [{ type: 'pages', call_count: callPercent, total_cputime: Math.min(callPercent, 5), total_time: Math.min(callPercent, 5), estimated_time_to_regain_access: regainMinutes }];
    return { 'x-business-use-case-usage': JSON.stringify({ [pageId]: usage }) };
  }

  function authError(status: 'expired' | 'invalid'): FakeHttpReply {
    return status === 'expired'
      ? graphError(400, { message: 'Error validating access token: Session has expired.', code: 190, error_subcode: 463 })
      : graphError(400, { message: 'Invalid OAuth access token - Cannot parse access token', code: 190 });
  }

  function dialog(req: FakeHttpRequest): FakeHttpReply {
    const q = req.url.searchParams;
    const redirectUri = q.get('redirect_uri');
    if (q.get('client_id') !== APP_ID || !redirectUri) return { status: 400, text: 'Invalid App ID or redirect_uri' };
    // One person sits at the fake's login dialog, so reconnecting sees the same Pages.
    dialogUser ??= newUser().userId;
    const code = codes.issue({ clientId: APP_ID, redirectUri, accountId: dialogUser, scope: q.get('scope') ?? '' });
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    target.searchParams.set('state', q.get('state') ?? '');
    return { status: 302, headers: { location: target.toString() } };
  }

  async function accessToken(req: FakeHttpRequest): Promise<FakeHttpReply> {
    const form = await req.form();
    if (form.get('client_id') !== APP_ID || form.get('client_secret') !== APP_SECRET) return graphError(400, { message: 'Error validating client secret.', code: 1 });
    if (form.get('grant_type') === 'fb_exchange_token') {
      const check = shortTokens.check(String(form.get('fb_exchange_token') ?? ''));
      if (check.status !== 'ok') return authError(check.status);
      const long = userTokens.issue(check.accountId);
      return { status: 200, json: { access_token: long.accessToken, token_type: 'bearer', expires_in: 5_184_000 } };
    }
    const grant = codes.redeem(String(form.get('code') ?? ''), { clientId: APP_ID, redirectUri: String(form.get('redirect_uri') ?? '') });
    if (typeof grant === 'string') return graphError(400, { message: 'Invalid verification code format.', code: 100, error_subcode: 36007 });
    const short = shortTokens.issue(grant.accountId);
    return { status: 200, json: { access_token: short.accessToken, token_type: 'bearer', expires_in: 3600 } };
  }

  async function createPost(page: Page, req: FakeHttpRequest, kind: 'feed' | 'photos', headers: Record<string, string>): Promise<FakeHttpReply> {
    const form = await req.form();
    const text = String(form.get(kind === 'feed' ? 'message' : 'caption') ?? '');
    const source = form.get('source');
    const hasPhoto = kind === 'photos' && ((source instanceof File && source.size > 0) || typeof form.get('url') === 'string');
    if (kind === 'feed' && !text && !form.get('link')) return graphError(400, { message: '(#100) Missing message or attachment', code: 100 }, headers);
    if (kind === 'photos' && !hasPhoto) return graphError(400, { message: '(#324) Requires upload file', code: 324 }, headers);
    const fault = faults.take();
    if (fault?.kind === 'server-error') return graphError(500, { message: 'An unexpected error has occurred. Please retry your request later.', code: 2, is_transient: true }, headers);
    if (fault?.kind === 'auth-expired') return authError('expired');
    if (fault?.kind === 'rate-limit') {
      const minutes = Math.max(1, Math.ceil((fault.resetInSeconds ?? 900) / 60));
      return graphError(400, { message: '(#32) Page request limit reached', code: 32 }, bucHeaders(page.id, 100, minutes));
    }
    const duplicate = text !== '' && ledger.all().some((e) => e.accountId === page.id && !e.deleted && e.text === text);
    if (fault?.kind === 'reject' || duplicate) return graphError(400, { message: '(#506) Duplicate status message', code: 506 }, headers);
    const postId = `${page.id}_${nextNumericId()}`;
    ledger.add({ remoteId: postId, accountId: page.id, text, mediaCount: kind === 'photos' ? 1 : 0 });
    const created: FakeHttpReply = { status: 200, headers, json: kind === 'feed' ? { id: postId } : { id: nextNumericId(), post_id: postId } };
    if (fault?.kind === 'drop-after-commit') return { drop: true };
    if (fault?.kind === 'timeout-after-commit') return { holdMs: fault.ms ?? 30_000, reply: created };
    return created;
  }

  async function api(req: FakeHttpRequest, path: string): Promise<FakeHttpReply> {
    const token = req.bearer() ?? req.url.searchParams.get('access_token');
    if (req.method === 'GET' && path === '/me/accounts') {
      const check = userTokens.check(token);
      if (check.status !== 'ok') return authError(check.status);
      const data = [...pages.values()]
        .filter((p) => p.ownerId === check.accountId)
        .map((p) => ({ id: p.id, name: p.name, category: 'Government organization', access_token: pageTokens.issue(p.id).accessToken, tasks: ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT', 'MESSAGING', 'MODERATE', 'MANAGE'] }));
      return { status: 200, json: { data, paging: { cursors: { before: 'MA', after: 'MQ' } } } };
    }
    const check = pageTokens.check(token);
    if (check.status !== 'ok') return authError(check.status);
    const page = pages.get(check.accountId);
    if (!page) return authError('invalid');
    const hit = pageWindow.hit(String(token));
    const headers = bucHeaders(page.id, Math.min(100, Math.floor(((hit.limit - hit.remaining) / hit.limit) * 100)), hit.exceeded ? Math.ceil((hit.resetAt - Date.now()) / 60_000) : 0);
    if (hit.exceeded) return graphError(400, { message: 'There have been too many calls to this Page account. Wait a bit and try again.', code: 80001 }, headers);

    const [, first, edge] = /^\/([^/]+)(?:\/([^/]+))?$/.exec(path) ?? [];
    if (!first) return graphError(400, { message: 'Unknown path components', code: 2500 }, headers);
    if (first === page.id && req.method === 'POST' && (edge === 'feed' || edge === 'photos')) return createPost(page, req, edge, headers);
    if (first === page.id && req.method === 'GET' && edge === 'posts') {
      const since = Number(req.url.searchParams.get('since') ?? 0) * 1000;
      const data = ledger
        .all()
        .filter((e) => e.accountId === page.id && !e.deleted && Date.parse(e.createdAt) >= since)
        .reverse()
        .map((e) => ({ id: e.remoteId, message: e.text, created_time: e.createdAt.replace(/\.\d{3}Z$/, '+0000'), permalink_url: `https://www.facebook.com/${e.remoteId}` }));
      return { status: 200, headers, json: { data, paging: {} } };
    }
    if (edge === undefined && (req.method === 'GET' || req.method === 'DELETE')) {
      const entry = ledger.find(first);
      if (!entry || entry.deleted) return objectMissing(first, headers);
      if (entry.accountId !== page.id) return graphError(403, { message: '(#200) Permissions error', code: 200 }, headers);
      if (req.method === 'DELETE') {
        ledger.markDeleted(first);
        return { status: 200, headers, json: { success: true } };
      }
      return { status: 200, headers, json: { id: entry.remoteId, message: entry.text, created_time: entry.createdAt.replace(/\.\d{3}Z$/, '+0000') } };
    }
    return graphError(400, { message: `Unknown path components: ${path}`, code: 2500 }, headers);
  }

  const http = await startFakeHttpServer({
    ...(options.port === undefined ? {} : { port: options.port }),
    latencyMs: options.latencyMs ?? 0,
    handle(req) {
      const prefix = `/${VERSION}`;
      if (!req.url.pathname.startsWith(prefix)) return { status: 404, text: 'Unsupported version' };
      const path = req.url.pathname.slice(prefix.length);
      if (path === '/dialog/oauth' && req.method === 'GET') return dialog(req);
      if (path === '/oauth/access_token') return accessToken(req);
      return api(req, path);
    },
  });

  const fake: FakePlatform = {
    platform: 'facebook',
    baseUrl: http.baseUrl,
    env: {
      FACEBOOK_APP_ID: APP_ID,
      FACEBOOK_APP_SECRET: APP_SECRET,
      FACEBOOK_GRAPH_BASE_URL: `${http.baseUrl}/${VERSION}`,
      FACEBOOK_DIALOG_URL: `${http.baseUrl}/${VERSION}/dialog/oauth`,
    },
    ledger: () => ledger.all(),
    async issueCredentials() {
      const { userId, pages: owned } = newUser();
      const page = owned[0]!;
      return { accessToken: pageTokens.issue(page.id).accessToken, refreshToken: userTokens.issue(userId).accessToken, extra: { pageId: page.id, pageName: page.name } };
    },
    connectFormValues: () => null,
    failNext: (fault) => faults.push(fault),
    setLatency: (ms) => http.setLatency(ms),
    // Page tokens are the access tokens; the long-lived user token stays valid, as it does when a
    // Page token alone is invalidated.
    expireAccessTokens: () => pageTokens.expireAll(),
    reset() {
      ledger.clear();
      faults.clear();
      pageWindow.clear();
    },
    close: () => http.close(),
  };
  return fake;
};
