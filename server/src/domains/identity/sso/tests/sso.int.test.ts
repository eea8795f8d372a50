import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser } from '../../../../test/factories.ts';
import { adminEmail, adminPassword, type Client, clientFor, cookiesOf, createTestApp, signInAs, type TestApp } from '../../../../test/test-app.ts';
import { findUnitByCode, findUserByEmail } from '../../identity.repo.ts';
import { sealFlow, ssoFlowCookie } from '../sso-flow.ts';
import { findProvider } from '../sso.repo.ts';
import { driveProviderLogin, startTestOidcProvider, type TestOidcProvider } from './oidc-test-provider.ts';

let t: TestApp;
let idp: TestOidcProvider;
let admin: Client;
let tokyoId: string;
let rootId: string;
let directorateId: string;
let providerId: string;
const key = 'kemlu-idp';
const callbackPrefix = `http://localhost:8080/api/v1/auth/sso/${key}/callback`;
const httpsOrigin = 'https://diplo.example';
const httpsCallback = `${httpsOrigin}/api/v1/auth/sso/${key}/callback`;

beforeAll(async () => {
  // Enough sign-ins per minute for every journey of this file from one test address.
  t = await createTestApp({ ssoAllowHttpIssuer: true, loginRatePerMinute: 200 });
  idp = await startTestOidcProvider({
    redirectUris: [callbackPrefix, httpsCallback],
    accounts: {
      rina: { password: 'rina-pw', claims: { email: 'rina@kemlu.test', email_verified: true, name: 'Rina Approver', groups: ['staff', 'kemlu-approvers'] } },
      budi: { password: 'budi-pw', claims: { email: 'budi@kemlu.test', email_verified: true, name: 'Budi', groups: ['staff'] } },
      mfa: { password: 'mfa-pw', amr: ['pwd', 'otp'], claims: { email: 'mfa@kemlu.test', email_verified: true, groups: ['kemlu-approvers'] } },
    },
  });
  admin = await signInAs(t.app, adminEmail, adminPassword);
  tokyoId = (await findUnitByCode(t.ctx.db, 'EMB-TYO'))!.id;
  rootId = (await findUnitByCode(t.ctx.db, 'DEMO-MFA'))!.id;
  directorateId = (await findUnitByCode(t.ctx.db, 'DIR-PD'))!.id;
});
afterAll(async () => {
  await idp?.close();
  await t?.close();
});

const providerBody = () => ({
  key,
  displayName: 'Kemlu SSO',
  issuer: idp.issuer,
  clientId: idp.clientId,
  clientSecret: idp.clientSecret,
  scopes: 'openid email profile groups dept',
  enabled: true,
  linkExistingByEmail: false,
  noMatch: 'refuse' as const,
  requireMfa: false,
  rules: [
    { claim: 'groups', match: 'contains' as const, value: 'kemlu-approvers', unitId: tokyoId, role: 'approver' as const },
    { claim: 'dept', match: 'equals' as const, value: 'public-diplomacy', unitId: directorateId, role: 'editor' as const },
  ],
});

const patchProvider = async (body: Record<string, unknown>) => {
  const res = await admin.patch(`/api/v1/sso/providers/${providerId}`, body);
  expect(res.statusCode, res.body).toBe(200);
  return res;
};

/** Starts at DiploDesk, signs in at the provider over HTTP, returns DiploDesk's answer to the callback. */
async function ssoSignIn(login: string, password: string, opts: { flowCookie?: string; mutateCallback?: (u: URL) => void } = {}) {
  const start = await t.app.inject({ method: 'GET', url: `/api/v1/auth/sso/${key}/login?next=/statements` });
  expect(start.statusCode).toBe(302);
  const flow = cookiesOf(start)[ssoFlowCookie];
  const back = new URL(await driveProviderLogin(start.headers.location as string, callbackPrefix, login, password));
  opts.mutateCallback?.(back);
  const cookie = opts.flowCookie ?? flow;
  return t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, headers: cookie ? { cookie: `${ssoFlowCookie}=${cookie}` } : {} });
}

function sessionClient(res: Awaited<ReturnType<typeof ssoSignIn>>): Client {
  const c = cookiesOf(res);
  return clientFor(t.app, `dd_session=${c.dd_session}`, c.dd_csrf ?? '');
}

const rolesOf = async (res: Awaited<ReturnType<typeof ssoSignIn>>) => {
  const me = await sessionClient(res).get('/api/v1/me');
  expect(me.statusCode).toBe(200);
  return (me.json().user.memberships as { unitId: string; role: string }[]).map((m) => `${m.unitId === tokyoId ? 'EMB-TYO' : m.unitId === rootId ? 'ROOT' : m.unitId === directorateId ? 'DIR-PD' : m.unitId}:${m.role}`).sort();
};

const lastAudit = async (action: string) => {
  const res = await admin.get(`/api/v1/audit?action=${action}`);
  return res.json().items[0];
};

describe('single sign-on: provider settings', () => {
  it('refuses an issuer whose discovery document cannot be read, with one neutral message', async () => {
    const res = await admin.post('/api/v1/sso/providers', { ...providerBody(), issuer: 'http://127.0.0.1:9/' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('sso.discovery-failed');
    expect(res.json().error.details).toBeUndefined();
  });

  it('adds a provider after discovery; the client secret is sealed and never returned', async () => {
    const res = await admin.post('/api/v1/sso/providers', providerBody());
    expect(res.statusCode, res.body).toBe(201);
    providerId = res.json().id;
    expect(res.json()).toMatchObject({ key, hasClientSecret: true, redirectUri: callbackPrefix });
    expect(res.body).not.toContain(idp.clientSecret);
    const list = await admin.get('/api/v1/sso/providers');
    expect(list.body).not.toContain(idp.clientSecret);
    expect(list.json().items[0]).not.toHaveProperty('clientSecret');
    const row = (await findProvider(t.ctx.db, providerId))!;
    expect(row.clientSecretEnc).not.toContain(idp.clientSecret);
    expect(row.clientSecretEnc.startsWith('v2.')).toBe(true);
    const audit = await lastAudit('sso-provider.created');
    expect(JSON.stringify(audit)).not.toContain(idp.clientSecret);
    const patched = await patchProvider({ clientSecret: idp.clientSecret });
    expect(patched.body).not.toContain(idp.clientSecret);
    expect((await lastAudit('sso-provider.updated')).summary.clientSecretChanged).toBe(true);
  });

  it('lets only the root unit’s administrators read or change providers', async () => {
    const missionAdmin = await buildUser(t.ctx, { role: 'admin', unit: (await findUnitByCode(t.ctx.db, 'EMB-TYO'))! });
    const editor = await buildUser(t.ctx, { role: 'editor' });
    for (const u of [missionAdmin, editor]) {
      const c = await signInAs(t.app, u.email, 'test password 12345');
      expect((await c.get('/api/v1/sso/providers')).statusCode).toBe(403);
      expect((await c.patch(`/api/v1/sso/providers/${providerId}`, { enabled: false })).statusCode).toBe(403);
    }
  });

  it('offers enabled providers on the sign-in page without their settings', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/sso/providers' });
    expect(res.json()).toEqual({ items: [{ key, displayName: 'Kemlu SSO', loginUrl: `/api/v1/auth/sso/${key}/login` }] });
  });
});

describe('single sign-on: the code flow with PKCE, state and nonce', () => {
  it('sends the browser to the provider with PKCE S256, state and nonce', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/auth/sso/${key}/login` });
    const url = new URL(res.headers.location as string);
    expect(url.origin).toBe(idp.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(url.searchParams.get('redirect_uri')).toBe(callbackPrefix);
    const flow = res.cookies.find((c) => c.name === ssoFlowCookie);
    expect(flow).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/v1/auth/sso/' });
  });

  it('creates the user at first sign-in with the role the claims map to, in a normal session', async () => {
    const res = await ssoSignIn('rina', 'rina-pw');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/statements');
    const session = res.cookies.find((c) => c.name === 'dd_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(await rolesOf(res)).toEqual(['EMB-TYO:approver']);
    const user = await findUserByEmail(t.ctx.db, 'rina@kemlu.test');
    expect(user).toMatchObject({ displayName: 'Rina Approver', passwordHash: null });
    // A mutation still needs the CSRF token, like any session.
    const noCsrf = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { cookie: sessionClient(res).cookie }, payload: { displayName: 'X' } });
    expect(noCsrf.statusCode).toBe(403);
    const audit = await lastAudit('auth.sso-signed-in');
    expect(audit.summary).toMatchObject({ provider: key, subject: 'rina', created: true, linked: false, added: 1, removed: 0 });
  });

  it('re-applies the rules at each sign-in: SSO roles added and removed, roles granted by hand untouched', async () => {
    const user = (await findUserByEmail(t.ctx.db, 'rina@kemlu.test'))!;
    const grant = await admin.post(`/api/v1/users/${user.id}/memberships`, { unitId: rootId, role: 'analyst' });
    expect(grant.statusCode, grant.body).toBe(200);
    idp.accounts.get('rina')!.claims = { ...idp.accounts.get('rina')!.claims, groups: ['staff'], dept: 'public-diplomacy' };
    const res = await ssoSignIn('rina', 'rina-pw');
    expect(res.statusCode).toBe(302);
    expect(await rolesOf(res)).toEqual(['DIR-PD:editor', 'ROOT:analyst']);
    expect((await lastAudit('auth.sso-signed-in')).summary).toMatchObject({ created: false, added: 1, removed: 1 });
    idp.accounts.get('rina')!.claims = { ...idp.accounts.get('rina')!.claims, groups: ['kemlu-approvers'], dept: 'other' };
    expect(await rolesOf(await ssoSignIn('rina', 'rina-pw'))).toEqual(['EMB-TYO:approver', 'ROOT:analyst']);
  });

  it('refuses a person no rule matches, or lets them in as a viewer at the root when the provider says so', async () => {
    const refused = await ssoSignIn('budi', 'budi-pw');
    expect(refused.headers.location).toBe('/login?sso_error=no-role');
    expect(refused.cookies.find((c) => c.name === 'dd_session')).toBeUndefined();
    expect(await findUserByEmail(t.ctx.db, 'budi@kemlu.test')).toBeUndefined();
    expect((await lastAudit('auth.sso-failed')).summary).toMatchObject({ provider: key, reason: 'no-role', subject: 'budi', email: 'budi@kemlu.test' });
    await patchProvider({ noMatch: 'viewer' });
    expect(await rolesOf(await ssoSignIn('budi', 'budi-pw'))).toEqual(['ROOT:viewer']);
    // A rule matching later replaces the fallback viewer role.
    idp.accounts.get('budi')!.claims.groups = ['kemlu-approvers'];
    expect(await rolesOf(await ssoSignIn('budi', 'budi-pw'))).toEqual(['EMB-TYO:approver']);
    await patchProvider({ noMatch: 'refuse' });
  });
});

describe('single sign-on: linking an existing account', () => {
  it('does not take over an existing account unless the admin allows linking, and then only for a verified e-mail', async () => {
    const existing = await buildUser(t.ctx, { role: 'editor', email: 'linked@kemlu.test' });
    idp.accounts.set('link', { password: 'link-pw', claims: { email: 'LINKED@kemlu.test', email_verified: false, groups: ['kemlu-approvers'] } });
    const refused = await ssoSignIn('link', 'link-pw');
    expect(refused.headers.location).toBe('/login?sso_error=account-exists');
    await patchProvider({ linkExistingByEmail: true });
    const unverified = await ssoSignIn('link', 'link-pw');
    expect(unverified.headers.location).toBe('/login?sso_error=email-unverified');
    idp.accounts.get('link')!.claims.email_verified = true;
    const linked = await ssoSignIn('link', 'link-pw');
    expect(linked.statusCode).toBe(302);
    const me = await sessionClient(linked).get('/api/v1/me');
    expect(me.json().user.id).toBe(existing.id);
    expect((await rolesOf(linked)).length).toBe(2);
    expect((await lastAudit('auth.sso-signed-in')).summary).toMatchObject({ linked: true, created: false });
    await patchProvider({ linkExistingByEmail: false });
    // Once linked, the provider account stays this user's, by subject, whatever the setting.
    expect((await sessionClient(await ssoSignIn('link', 'link-pw')).get('/api/v1/me')).json().user.id).toBe(existing.id);
  });
});

describe('single sign-on: refusals', () => {
  it('refuses a callback whose state does not match the flow cookie', async () => {
    const res = await ssoSignIn('rina', 'rina-pw', { mutateCallback: (u) => u.searchParams.set('state', 'forged-state') });
    expect(res.headers.location).toBe('/login?sso_error=flow-invalid');
    expect(res.cookies.find((c) => c.name === 'dd_session')).toBeUndefined();
    expect((await lastAudit('auth.sso-failed')).summary).toMatchObject({ reason: 'flow-invalid', detail: 'state mismatch' });
  });

  it('refuses a callback without the flow cookie (another browser, or a replayed link)', async () => {
    const res = await ssoSignIn('rina', 'rina-pw', { flowCookie: 'v1.not.a.sealed-value' });
    expect(res.headers.location).toBe('/login?sso_error=flow-invalid');
  });

  it('refuses an ID token whose nonce is not the one this flow sent', async () => {
    const start = await t.app.inject({ method: 'GET', url: `/api/v1/auth/sso/${key}/login` });
    const authUrl = new URL(start.headers.location as string);
    const back = new URL(await driveProviderLogin(authUrl.href, callbackPrefix, 'rina', 'rina-pw'));
    // A flow with the right state and verifier but another nonce: only the ID token check can catch it.
    const { openFlow } = await import('../sso-flow.ts');
    const flow = openFlow(t.ctx.secretBox.for('sso'), cookiesOf(start)[ssoFlowCookie])!;
    const forged = sealFlow(t.ctx.secretBox.for('sso'), { ...flow, nonce: 'another-nonce' });
    const res = await t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, headers: { cookie: `${ssoFlowCookie}=${forged}` } });
    expect(res.headers.location).toBe('/login?sso_error=flow-invalid');
    expect(res.cookies.find((c) => c.name === 'dd_session')).toBeUndefined();
  });

  it('requires multi-factor at the provider (amr) when the provider setting says so', async () => {
    await patchProvider({ requireMfa: true });
    try {
      const refused = await ssoSignIn('rina', 'rina-pw');
      expect(refused.headers.location).toBe('/login?sso_error=mfa-required');
      const ok = await ssoSignIn('mfa', 'mfa-pw');
      expect(ok.headers.location).toBe('/statements');
    } finally {
      await patchProvider({ requireMfa: false });
    }
  });

  it('refuses a deactivated user', async () => {
    const user = (await findUserByEmail(t.ctx.db, 'rina@kemlu.test'))!;
    expect((await admin.patch(`/api/v1/users/${user.id}`, { isActive: false })).statusCode).toBe(200);
    expect((await ssoSignIn('rina', 'rina-pw')).headers.location).toBe('/login?sso_error=inactive');
    expect((await admin.patch(`/api/v1/users/${user.id}`, { isActive: true })).statusCode).toBe(200);
  });

  it('turns a disabled provider away at both legs and hides it from the sign-in page', async () => {
    const start = await t.app.inject({ method: 'GET', url: `/api/v1/auth/sso/${key}/login` });
    const authUrl = start.headers.location as string;
    const flow = cookiesOf(start)[ssoFlowCookie];
    const back = new URL(await driveProviderLogin(authUrl, callbackPrefix, 'rina', 'rina-pw'));
    await patchProvider({ enabled: false });
    const callback = await t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, headers: { cookie: `${ssoFlowCookie}=${flow}` } });
    expect(callback.headers.location).toBe('/login?sso_error=provider-unavailable');
    const again = await t.app.inject({ method: 'GET', url: `/api/v1/auth/sso/${key}/login` });
    expect(again.headers.location).toBe('/login?sso_error=provider-unavailable');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/sso/providers' })).json().items).toEqual([]);
    expect((await lastAudit('auth.sso-failed')).summary).toMatchObject({ reason: 'provider-unavailable' });
    await patchProvider({ enabled: true });
  });

  it('never sends the browser to another site after sign-in', async () => {
    const start = await t.app.inject({ method: 'GET', url: `/api/v1/auth/sso/${key}/login?next=//evil.example/x` });
    const back = new URL(await driveProviderLogin(start.headers.location as string, callbackPrefix, 'rina', 'rina-pw'));
    const res = await t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, headers: { cookie: `${ssoFlowCookie}=${cookiesOf(start)[ssoFlowCookie]}` } });
    expect(res.headers.location).toBe('/');
  });

  it('exempts SSO users from the MFA policy when the provider asserted MFA (amr) or is configured to enforce it', async () => {
    const setPolicy = (roles: string[]) => admin.request({ method: 'PUT', url: '/api/v1/security-policy', payload: { mfaRequiredRoles: roles } });
    expect((await setPolicy(['approver'])).statusCode).toBe(200);
    try {
      const plain = (await sessionClient(await ssoSignIn('rina', 'rina-pw')).get('/api/v1/me')).json();
      expect(plain).toMatchObject({ mfaSetupRequired: true, ssoLinked: true });
      const withAmr = (await sessionClient(await ssoSignIn('mfa', 'mfa-pw')).get('/api/v1/me')).json();
      expect(withAmr).toMatchObject({ mfaSetupRequired: false, ssoLinked: true });
      await patchProvider({ idpEnforcesMfa: true });
      const enforced = sessionClient(await ssoSignIn('rina', 'rina-pw'));
      expect((await enforced.get('/api/v1/me')).json().mfaSetupRequired).toBe(false);
      expect((await enforced.get('/api/v1/statements')).statusCode).toBe(200);
      expect((await admin.get('/api/v1/sso/providers')).json().items.find((x: { id: string }) => x.id === providerId).idpEnforcesMfa).toBe(true);
    } finally {
      await patchProvider({ idpEnforcesMfa: false });
      await setPolicy([]);
    }
    // A password user is not SSO-linked.
    expect((await admin.get('/api/v1/me')).json().ssoLinked).toBe(false);
  });

  it('keeps the last root administrator when a claim rule that made them admin stops matching', async () => {
    const staffAdmin = { claim: 'groups', match: 'contains' as const, value: 'staff', unitId: rootId, role: 'admin' as const };
    idp.accounts.get('budi')!.claims.groups = ['staff'];
    await patchProvider({ rules: [...providerBody().rules, staffAdmin] });
    const first = await ssoSignIn('budi', 'budi-pw');
    const budi = sessionClient(first);
    const budiMe = (await budi.get('/api/v1/me')).json().user;
    expect(budiMe.memberships).toEqual(expect.arrayContaining([expect.objectContaining({ unitId: rootId, role: 'admin' })]));
    // The password administrator steps down: budi, whose admin role came from the rule, is the last one.
    const me = (await admin.get('/api/v1/me')).json().user;
    const own = me.memberships.find((m: { unitId: string; role: string }) => m.unitId === rootId && m.role === 'admin');
    expect((await admin.delete(`/api/v1/users/${me.id}/memberships/${own.id}`)).statusCode).toBe(200);
    try {
      await budi.request({ method: 'PATCH', url: `/api/v1/sso/providers/${providerId}`, payload: { rules: providerBody().rules, noMatch: 'viewer' } });
      const again = await ssoSignIn('budi', 'budi-pw');
      const budiAgain = sessionClient(again);
      const after = (await budiAgain.get('/api/v1/me')).json().user;
      expect(after.memberships).toEqual(expect.arrayContaining([expect.objectContaining({ unitId: rootId, role: 'admin' })]));
      const audit = (await budiAgain.get('/api/v1/audit?action=auth.sso-signed-in')).json().items[0];
      expect(audit.summary).toMatchObject({ removed: 0, keptLastAdmin: 1 });
    } finally {
      const restorer = sessionClient(await ssoSignIn('budi', 'budi-pw'));
      expect((await restorer.post(`/api/v1/users/${me.id}/memberships`, { unitId: rootId, role: 'admin' })).statusCode).toBe(200);
      admin = await signInAs(t.app, adminEmail, adminPassword);
      await patchProvider({ rules: providerBody().rules, noMatch: 'refuse' });
    }
  });
});

describe('single sign-on behind an https PUBLIC_URL', () => {
  let th: TestApp | undefined;
  afterAll(() => th?.close());

  it('keeps the flow in a __Host- cookie (Secure, path /, no Domain) and reads it back at the callback', async () => {
    th = await createTestApp({ ssoAllowHttpIssuer: true, publicUrl: httpsOrigin });
    const login = await th.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: adminEmail, password: adminPassword } });
    const c = cookiesOf(login);
    const headers = { cookie: `__Host-dd_session=${c['__Host-dd_session']}`, 'x-csrf-token': c['__Host-dd_csrf'] ?? '' };
    const created = await th.app.inject({ method: 'POST', url: '/api/v1/sso/providers', headers, payload: { ...providerBody(), rules: [], noMatch: 'viewer' } });
    expect(created.statusCode, created.body).toBe(201);
    const start = await th.app.inject({ method: 'GET', url: `/api/v1/auth/sso/${key}/login?next=/statements` });
    expect(start.cookies.find((k) => k.name === ssoFlowCookie)).toBeUndefined();
    const flow = start.cookies.find((k) => k.name === `__Host-${ssoFlowCookie}`);
    expect(flow).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(flow?.domain).toBeUndefined();
    const back = new URL(await driveProviderLogin(start.headers.location as string, httpsCallback, 'rina', 'rina-pw'));
    // The unprefixed name is not read: a sibling host could have planted it.
    const planted = await th.app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, headers: { cookie: `${ssoFlowCookie}=${flow?.value}` } });
    expect(planted.headers.location).toMatch(/^\/login\?sso_error=/);
    const again = await th.app.inject({ method: 'GET', url: `/api/v1/auth/sso/${key}/login?next=/statements` });
    const flow2 = again.cookies.find((k) => k.name === `__Host-${ssoFlowCookie}`)?.value;
    const back2 = new URL(await driveProviderLogin(again.headers.location as string, httpsCallback, 'rina', 'rina-pw'));
    const res = await th.app.inject({ method: 'GET', url: `${back2.pathname}${back2.search}`, headers: { cookie: `__Host-${ssoFlowCookie}=${flow2}` } });
    expect(res.headers.location).toBe('/statements');
    expect(res.cookies.find((k) => k.name === '__Host-dd_session')).toMatchObject({ secure: true, path: '/' });
    expect(res.cookies.find((k) => k.name === `__Host-${ssoFlowCookie}`)).toMatchObject({ value: '', secure: true, path: '/' });
  }, 60_000);
});
