import { describe, expect, it } from 'vitest';
import { canonicalHost, surfaceOf } from './host-split.ts';

const request = (url: string, pattern?: string) => ({ url, routeOptions: { url: pattern } }) as Parameters<typeof surfaceOf>[0];

describe('surfaceOf', () => {
  it('puts the newsroom, verification, the public API, ActivityPub and discovery on the public host', () => {
    for (const url of ['/newsroom', '/newsroom/en/rss.xml', '/verify?entry=1', '/ap/actors/x', '/nodeinfo/2.1', '/.well-known/jwks.json', '/api/v1/public/verify']) {
      expect(surfaceOf(request(url)), url).toBe('public');
    }
  });
  it('puts the web app, the API, its docs and every sign-in step on the staff host', () => {
    for (const url of ['/', '/login', '/assets/index.js', '/api/v1/me', '/api/live', '/api/docs', '/api/v1/auth/login', '/api/v1/auth/sso/x/callback', '/newsroomish', '/api/v1/publicity']) {
      expect(surfaceOf(request(url)), url).toBe('staff');
    }
  });
  it('answers probes anywhere, and reads the matched route before the raw path', () => {
    expect(surfaceOf(request('/healthz'))).toBe('anywhere');
    expect(surfaceOf(request('/metrics?x=1'))).toBe('anywhere');
    expect(surfaceOf(request('/%6eewsroom'))).toBe('public');
    expect(surfaceOf(request('/newsroom/x', '/*'))).toBe('public');
    expect(surfaceOf(request('/anything', '/api/v1/me'))).toBe('staff');
  });
});

describe('canonicalHost', () => {
  it('writes a Host header as the configured origin does', () => {
    expect(canonicalHost('DESK.example.go.id:443', 'https:')).toBe('desk.example.go.id');
    expect(canonicalHost('desk.example.go.id:8443', 'https:')).toBe('desk.example.go.id:8443');
    expect(canonicalHost('127.0.0.1:80', 'http:')).toBe('127.0.0.1');
  });
  it('refuses what is no host', () => {
    for (const bad of [undefined, '', 'a b', 'x/y', 'user@desk.example.go.id', 'desk?x', '[::1']) expect(canonicalHost(bad, 'https:'), String(bad)).toBeNull();
  });
});
