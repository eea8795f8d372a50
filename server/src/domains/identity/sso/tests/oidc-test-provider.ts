import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';

/** A person at the test identity provider: the claims it releases, and what it says about how they signed in. */
export type TestAccount = { password: string; amr?: string[]; claims: Record<string, unknown> };

export type TestOidcProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, TestAccount>;
  /** Redirect URIs of the test client; may be added to until the provider serves its first request. */
  redirectUris: string[];
  close(): Promise<void>;
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid: string, error?: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title></head><body><main>
<h1>Test identity provider</h1>${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label>Username <input name="login" autocomplete="username"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button type="submit">Sign in at the provider</button>
</form></main></body></html>`;
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * A real OpenID Connect provider (`oidc-provider`) on loopback, with one confidential client, PKCE
 * required, and a plain login page (no consent step: the grant is given at once, as a ministry's
 * IdP does for its own applications). Accounts can be changed between sign-ins.
 */
export async function startTestOidcProvider(opts: { redirectUris: string[]; accounts: Record<string, TestAccount> }): Promise<TestOidcProvider> {
  const accounts = new Map(Object.entries(opts.accounts));
  const redirectUris = [...opts.redirectUris];
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'diplodesk-test';
  const clientSecret = 'test-client-secret-0123456789-abcdef';
  const config: Configuration = {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: redirectUris, grant_types: ['authorization_code'], response_types: ['code'] }],
    cookies: { keys: ['test-cookie-key-0123456789abcdef'] },
    // `amr` with `openid` releases the authentication methods in every ID token (the MFA setting reads them).
    claims: { openid: ['sub', 'amr'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username'], groups: ['groups'], dept: ['dept'] },
    scopes: ['openid', 'email', 'profile', 'groups', 'dept'],
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: () => ({ sub, ...account.claims }) };
    },
    async loadExistingGrant(ctx) {
      const { Grant } = ctx.oidc.provider;
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return Grant.find(grantId);
      const grant = new Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid email profile groups dept');
      await grant.save();
      return grant;
    },
  };
  // Built at the first request, so a caller can add the redirect URI of a server started after this one.
  let built: { provider: Provider; callback: ReturnType<Provider['callback']> } | null = null;
  server.on('request', (req, res) => {
    if (!built) {
      const provider = new Provider(issuer, { ...config, clients: [{ ...config.clients![0]!, redirect_uris: [...redirectUris] }] });
      built = { provider, callback: provider.callback() };
    }
    const { provider, callback } = built;
    const m = /^\/interaction\/([\w-]+)(\/login)?$/.exec(req.url ?? '');
    if (!m) return void callback(req, res);
    void (async () => {
      try {
        const details = await provider.interactionDetails(req, res);
        if (req.method !== 'POST' || !m[2]) {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(details.uid));
          return;
        }
        const form = await readForm(req);
        const login = form.get('login') ?? '';
        const account = accounts.get(login);
        if (!account || account.password !== form.get('password')) {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(details.uid, 'Wrong username or password.'));
          return;
        }
        await provider.interactionFinished(req, res, { login: { accountId: login, ...(account.amr ? { amr: account.amr } : {}) } }, { mergeWithLastSubmission: false });
      } catch (err) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end(String(err));
      }
    })();
  });
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    redirectUris,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Follows the provider's redirects and login page like a browser would, until it sends the browser back to `callbackPrefix`. */
export async function driveProviderLogin(authorizationUrl: string, callbackPrefix: string, login: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const remember = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  };
  let url = authorizationUrl;
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 15; hop++) {
    if (url.startsWith(callbackPrefix)) return url;
    const res = await fetch(url, { method: body ? 'POST' : 'GET', body, headers: { cookie: cookieHeader() }, redirect: 'manual' });
    remember(res);
    body = undefined;
    const location = res.headers.get('location');
    if (location) {
      url = new URL(location, url).href;
      continue;
    }
    const html = await res.text();
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    if (!action || /role="alert"/.test(html)) throw new Error(`provider login stopped at ${url}: ${html.slice(0, 300)}`);
    url = new URL(action.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n))), url).href;
    body = new URLSearchParams({ login, password });
  }
  throw new Error('too many redirects at the provider');
}
