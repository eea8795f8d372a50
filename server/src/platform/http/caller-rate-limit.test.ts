import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../crypto/tokens.ts';
import { credentialDigest, rateLimitScopeOf } from './caller-rate-limit.ts';

const req = (url: string, pattern?: string) => ({ url, routeOptions: { url: pattern } }) as Parameters<typeof rateLimitScopeOf>[0];

describe('rateLimitScopeOf', () => {
  it('reads the matched route: the API, its public part, the newsroom and federation', () => {
    expect(rateLimitScopeOf(req('/api/v1/statements/1?x=2', '/api/v1/statements/:id'))).toBe('api');
    expect(rateLimitScopeOf(req('/api/docs/static/index.html', '/api/docs/static/*'))).toBe('api');
    expect(rateLimitScopeOf(req('/api/v1/public/verify', '/api/v1/public/verify'))).toBe('public');
    for (const pattern of ['/newsroom/:lang/rss.xml', '/verify', '/ap/*', '/nodeinfo/2.1', '/.well-known/jwks.json']) expect(rateLimitScopeOf(req('/x', pattern)), pattern).toBe('public');
  });
  it('spends no budget on health checks, metrics and the web app', () => {
    for (const pattern of ['/healthz', '/readyz', '/metrics', '/']) expect(rateLimitScopeOf(req(pattern, pattern)), pattern).toBeNull();
    expect(rateLimitScopeOf(req('/statements/new', '/*'))).toBeNull();
    expect(rateLimitScopeOf(req('/apiary', '/*'))).toBeNull();
  });
  it('decodes an unmatched path, so an encoded API address is still counted', () => {
    expect(rateLimitScopeOf(req('/%61pi/v1/nothing', '/*'))).toBe('api');
    expect(rateLimitScopeOf(req('/api/v1/nothing'))).toBe('api');
    expect(rateLimitScopeOf(req('/%E0%A4%A', '/*'))).toBeNull();
  });
});

describe('credentialDigest', () => {
  it('is short, stable and not the hash the identity tables store', () => {
    const secret = 'ddp_0123456789abcdef';
    expect(credentialDigest(secret)).toBe(credentialDigest(secret));
    expect(credentialDigest(secret)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(sha256Hex(secret)).not.toContain(Buffer.from(credentialDigest(secret), 'base64url').toString('hex').slice(0, 16));
  });
});
