import { describe, expect, it } from 'vitest';
import type { IngestSource, PublishChannel } from './capabilities.ts';
import { defineConnector } from './manifest.ts';

const fakeChannel = {} as PublishChannel;
const base = { id: 'x', name: 'X', capabilities: ['publish' as const], auth: 'oauth2-pkce' as const, docsUrl: 'https://docs.x.com/' };

describe('defineConnector', () => {
  it('validates the manifest and fills defaults', () => {
    const def = defineConnector(base, { publish: () => fakeChannel });
    expect(def.manifest.env).toEqual([]);
    expect(def.isConfigured({})).toBe(true);
  });

  it('holds a key tied to one capability to that capability only', () => {
    const def = defineConnector(
      { ...base, capabilities: ['publish', 'ingest'], env: [{ key: 'X_CLIENT_ID', capability: 'publish', description: 'OAuth app, for publishing' }] },
      { publish: () => fakeChannel, ingest: () => ({}) as IngestSource },
    );
    expect(def.isConfigured({}, 'ingest')).toBe(true);
    expect(def.isConfigured({}, 'publish')).toBe(false);
    expect(def.isConfigured({})).toBe(false);
    expect(def.isConfigured({ X_CLIENT_ID: 'abc' }, 'publish')).toBe(true);
  });

  it('is configured only when every required env key is set', () => {
    const def = defineConnector(
      {
        ...base,
        env: [
          { key: 'X_CLIENT_ID', description: 'OAuth 2.0 client id' },
          { key: 'X_CLIENT_SECRET', secret: true, description: 'confidential clients only', required: false },
        ],
      },
      { publish: () => fakeChannel },
    );
    expect(def.manifest.env[0]).toMatchObject({ required: true, secret: false });
    expect(def.isConfigured({})).toBe(false);
    expect(def.isConfigured({ X_CLIENT_ID: '' })).toBe(false);
    expect(def.isConfigured({ X_CLIENT_ID: 'abc' })).toBe(true);
  });

  it('rejects a bad id, an unknown auth kind and a missing docs URL', () => {
    expect(() => defineConnector({ ...base, id: 'X Corp' }, { publish: () => fakeChannel })).toThrow();
    // @ts-expect-error: not an auth kind
    expect(() => defineConnector({ ...base, auth: 'oauth1' }, { publish: () => fakeChannel })).toThrow();
    expect(() => defineConnector({ ...base, docsUrl: 'not a url' }, { publish: () => fakeChannel })).toThrow();
  });

  it('requires declared and implemented capabilities to match', () => {
    expect(() => defineConnector(base, {})).toThrow(/declared but not implemented/);
    expect(() => defineConnector(base, { publish: () => fakeChannel, ingest: () => ({}) as never })).toThrow(/implemented but not declared/);
  });
});
