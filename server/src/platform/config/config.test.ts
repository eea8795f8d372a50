import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, staffUrlOf } from './config.ts';

describe('loadConfig', () => {
  it('has working defaults: embedded database, all roles, demo on', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8080);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.services).toEqual(['web', 'worker', 'realtime']);
    expect(c.demo).toBe(true);
    expect(c.dataDir).toMatch(/\.diplodesk$/);
  });
  it('listens on loopback only unless HOST says otherwise; sessions idle out; metrics and API docs are not public', () => {
    const c = loadConfig({});
    expect(c.host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(c.sessionIdleMinutes).toBe(30);
    expect(c.metricsToken).toBeUndefined();
    expect(c.apiDocsPublic).toBe(false);
  });
  it('parses roles and flags', () => {
    const c = loadConfig({ DIPLODESK_SERVICES: 'worker, web,worker', DIPLODESK_DEMO: '0', PORT: '9000' });
    expect(c.services).toEqual(['worker', 'web']);
    expect(c.demo).toBe(false);
    expect(c.port).toBe(9000);
  });
  it('reads TRUST_PROXY as a number of proxy hops or their addresses, never "trust every hop"', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16' }).trustProxy).toEqual(['10.0.0.5', '10.1.0.0/16']);
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
  });

  it('sends HSTS for a year by default, 0 turns it off, preload only with a year or more', () => {
    expect(loadConfig({}).hstsMaxAgeSeconds).toBe(31_536_000);
    expect(loadConfig({ HSTS_MAX_AGE_SECONDS: '0' }).hstsMaxAgeSeconds).toBe(0);
    expect(loadConfig({ HSTS_PRELOAD: '1', HSTS_MAX_AGE_SECONDS: '63072000' }).hstsPreload).toBe(true);
    expect(() => loadConfig({ HSTS_PRELOAD: '1', HSTS_MAX_AGE_SECONDS: '86400' })).toThrow(/HSTS_PRELOAD/);
  });
  it('serves TLS only with both a readable certificate and key; TLS 1.2 at least', () => {
    expect(loadConfig({}).tls).toBeNull();
    const file = fileURLToPath(import.meta.url);
    expect(loadConfig({ TLS_CERT_FILE: file, TLS_KEY_FILE: file }).tls).toEqual({ certFile: file, keyFile: file, minVersion: 'TLSv1.2' });
    expect(loadConfig({ TLS_CERT_FILE: file, TLS_KEY_FILE: file, TLS_MIN_VERSION: 'TLSv1.3' }).tls?.minVersion).toBe('TLSv1.3');
    expect(() => loadConfig({ TLS_CERT_FILE: file })).toThrow(/TLS_KEY_FILE go together/);
    expect(() => loadConfig({ TLS_CERT_FILE: file, TLS_KEY_FILE: '/nonexistent/key.pem' })).toThrow(/TLS_KEY_FILE: cannot read/);
    expect(() => loadConfig({ TLS_CERT_FILE: file, TLS_KEY_FILE: file, TLS_MIN_VERSION: 'TLSv1.1' })).toThrow(/TLS_MIN_VERSION/);
  });
  it('scans uploads with clamd only when CLAMD_ADDRESS is set, failing closed by default', () => {
    expect(loadConfig({}).clamd).toBeNull();
    expect(loadConfig({ CLAMD_ADDRESS: 'clamav:3310' }).clamd).toEqual({ address: 'clamav:3310', failOpen: false, chunkBytes: 65_536, timeoutMs: 60_000 });
    expect(loadConfig({ CLAMD_ADDRESS: '/run/clamav/clamd.ctl', CLAMD_FAIL_OPEN: 'true' }).clamd).toMatchObject({ address: '/run/clamav/clamd.ctl', failOpen: true });
    expect(() => loadConfig({ CLAMD_ADDRESS: 'clamav' })).toThrow(/CLAMD_ADDRESS/);
  });
  it('requires PUBLIC_URL in production, where every signature names it; development defaults to localhost', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/PUBLIC_URL: is required in production/);
    expect(loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://news.example.go.id/' }).publicUrl).toBe('https://news.example.go.id');
    expect(loadConfig({ PORT: '9090' }).publicUrl).toBe('http://localhost:9090');
  });
  it('puts the staff app on STAFF_URL only when set: another host name, an origin only, https in production', () => {
    expect(loadConfig({}).staffUrl).toBeNull();
    expect(staffUrlOf(loadConfig({}))).toBe('http://localhost:8080');
    const split = loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://news.example.go.id', STAFF_URL: 'https://desk.example.go.id/' });
    expect(split.staffUrl).toBe('https://desk.example.go.id');
    expect(staffUrlOf(split)).toBe('https://desk.example.go.id');
    expect(loadConfig({ PUBLIC_URL: 'http://localhost:8080', STAFF_URL: 'http://127.0.0.1:8080' }).staffUrl).toBe('http://127.0.0.1:8080');
    expect(loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://news.example.go.id', STAFF_URL: 'http://127.0.0.1:9000' }).staffUrl).toBe('http://127.0.0.1:9000');
    const refused = (env: Record<string, string>, why: RegExp) => expect(() => loadConfig(env)).toThrow(why);
    refused({ PUBLIC_URL: 'https://news.example.go.id', STAFF_URL: 'https://news.example.go.id:8443' }, /STAFF_URL: must name another host than PUBLIC_URL/);
    refused({ STAFF_URL: 'http://localhost:9000' }, /STAFF_URL: must name another host/);
    refused({ PUBLIC_URL: 'https://news.example.go.id', STAFF_URL: 'https://desk.example.go.id/app' }, /STAFF_URL: must be an origin only/);
    refused({ PUBLIC_URL: 'https://news.example.go.id', STAFF_URL: 'ftp://desk.example.go.id' }, /STAFF_URL: must be an http\(s\) address/);
    refused({ NODE_ENV: 'production', PUBLIC_URL: 'https://news.example.go.id', STAFF_URL: 'http://desk.example.go.id' }, /STAFF_URL: must be https in production/);
  });

  it("hashes passwords at OWASP's scrypt floor unless told otherwise, and never below it in production", () => {
    expect(loadConfig({}).passwordHashCost).toBe(17);
    expect(loadConfig({ PASSWORD_HASH_COST: '12' }).passwordHashCost).toBe(12);
    expect(loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://news.example.go.id', PASSWORD_HASH_COST: '18' }).passwordHashCost).toBe(18);
    expect(() => loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://news.example.go.id', PASSWORD_HASH_COST: '16' })).toThrow(/PASSWORD_HASH_COST: must be at least 17 in production/);
    expect(() => loadConfig({ PASSWORD_HASH_COST: '9' })).toThrow(/PASSWORD_HASH_COST/);
  });
  it('creates the demo workspace outside production only', () => {
    const production = { NODE_ENV: 'production', PUBLIC_URL: 'https://news.example.go.id' };
    expect(loadConfig({}).demo).toBe(true);
    expect(loadConfig({ DIPLODESK_DEMO: '0' }).demo).toBe(false);
    expect(loadConfig(production).demo).toBe(false);
    expect(loadConfig({ ...production, DIPLODESK_DEMO: '0' }).demo).toBe(false);
    expect(() => loadConfig({ ...production, DIPLODESK_DEMO: '1' })).toThrow(/DIPLODESK_DEMO: the demo workspace \(fictional sample data\) is not created in production/);
  });
  it('takes the master key from DIPLODESK_SECRET or DIPLODESK_KEY_FILE, never both', () => {
    expect(loadConfig({ DIPLODESK_KEY_FILE: '/etc/diplodesk/secret.key' }).keyFile).toBe('/etc/diplodesk/secret.key');
    expect(() => loadConfig({ DIPLODESK_SECRET: 'x'.repeat(40), DIPLODESK_KEY_FILE: '/etc/diplodesk/secret.key' })).toThrow(/DIPLODESK_KEY_FILE: set it or DIPLODESK_SECRET, not both/);
    const production = { NODE_ENV: 'production', PUBLIC_URL: 'https://news.example.go.id', DATABASE_URL: 'postgres://db/diplodesk' };
    expect(() => loadConfig(production)).toThrow(/DIPLODESK_SECRET: required in production with DATABASE_URL/);
    expect(loadConfig({ ...production, DIPLODESK_KEY_FILE: '/etc/diplodesk/secret.key' }).keyFile).toBe('/etc/diplodesk/secret.key');
  });
  it('refuses a passphrase as DIPLODESK_SECRET in production, and says how to generate one', () => {
    const production = { NODE_ENV: 'production', PUBLIC_URL: 'https://news.example.go.id' };
    for (const passphrase of ['test-secret-test-secret-test-secret-0123', 'CorrectHorseBatteryStaple2024Extra!!', 'correct horse battery staple extra words here']) {
      expect(() => loadConfig({ ...production, DIPLODESK_SECRET: passphrase })).toThrow(/DIPLODESK_SECRET: looks like a passphrase .*openssl rand -base64 32/);
      // Test and development set-ups keep their readable secrets.
      expect(loadConfig({ DIPLODESK_SECRET: passphrase }).secret).toBe(passphrase);
    }
    // `openssl rand -base64 32` and `openssl rand -hex 32`, drawn once (a fresh draw misses the bar about once in 15,000).
    for (const secret of ['q3Xk9vTn2Bw7LpZr4Ys8Hd1Jf6Mc0Ue5Ra+Vg/WbNo=', '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08']) expect(loadConfig({ ...production, DIPLODESK_SECRET: secret }).secret).toBe(secret);
  });
  it('reads the previous master keys of a rotation, validated like the current one', () => {
    const keyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'diplodesk-config-')), 'old.key');
    fs.writeFileSync(keyFile, randomBytes(32).toString('base64'));
    const config = loadConfig({ DIPLODESK_SECRET: 'n'.repeat(40), DIPLODESK_PREVIOUS_SECRETS: ` ${'a'.repeat(32)}, ${'b'.repeat(40)} `, DIPLODESK_PREVIOUS_KEY_FILES: keyFile });
    expect(config.previousSecrets).toEqual(['a'.repeat(32), 'b'.repeat(40)]);
    expect(config.previousKeyFiles).toEqual([keyFile]);
    expect(loadConfig({}).previousSecrets).toEqual([]);
    expect(() => loadConfig({ DIPLODESK_PREVIOUS_SECRETS: 'too-short' })).toThrow(/DIPLODESK_PREVIOUS_SECRETS.*at least 32 characters/);
    expect(() => loadConfig({ DIPLODESK_PREVIOUS_KEY_FILES: '/nonexistent/old.key' })).toThrow(/DIPLODESK_PREVIOUS_KEY_FILES.*readable file/);
    expect(() => loadConfig({ DIPLODESK_SECRET: 'n'.repeat(40), DIPLODESK_PREVIOUS_SECRETS: 'n'.repeat(40) })).toThrow(/DIPLODESK_PREVIOUS_SECRETS: holds the current DIPLODESK_SECRET/);
  });
  it('fetches plain http only from the hosts OUTBOUND_PLAIN_HTTP_HOSTS names (GDELT by default)', () => {
    expect(loadConfig({}).outboundPlainHttpHosts).toEqual(['data.gdeltproject.org']);
    expect(loadConfig({ OUTBOUND_PLAIN_HTTP_HOSTS: ' Feeds.Example.go.id, news.example ' }).outboundPlainHttpHosts).toEqual(['feeds.example.go.id', 'news.example']);
    expect(loadConfig({ OUTBOUND_PLAIN_HTTP_HOSTS: 'none' }).outboundPlainHttpHosts).toEqual([]);
    expect(() => loadConfig({ OUTBOUND_PLAIN_HTTP_HOSTS: 'http://news.example/' })).toThrow(/OUTBOUND_PLAIN_HTTP_HOSTS: host names only/);
  });
  it('reaches any public host by default, or only the hosts OUTBOUND_ALLOW_HOSTS lists', () => {
    expect(loadConfig({}).outboundAllowHosts).toEqual([]);
    expect(loadConfig({ OUTBOUND_ALLOW_HOSTS: ' *.Go.ID, mastodon.social., bsky.social,data.gdeltproject.org ' }).outboundAllowHosts).toEqual(['mastodon.social', 'bsky.social', 'data.gdeltproject.org', '*.go.id']);
    expect(() => loadConfig({ OUTBOUND_ALLOW_HOSTS: 'https://mastodon.social/, *.go.id, bsky.social:443, *, go.*.id' })).toThrow(/OUTBOUND_ALLOW_HOSTS: host names, IP addresses or \*\.suffix wildcards only.*\(not: https:\/\/mastodon.social\/, bsky.social:443, \*, go.\*.id\)/);
  });
  it('takes GDELT_IMPORT_DIR only as an absolute path', () => {
    expect(() => loadConfig({ GDELT_IMPORT_DIR: '/srv/gdelt' })).not.toThrow();
    expect(() => loadConfig({ GDELT_IMPORT_DIR: 'gdelt' })).toThrow(/GDELT_IMPORT_DIR/);
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', DIPLODESK_SERVICES: 'web,printer', DIPLODESK_SECRET: 'short' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const issues = (err as ConfigError).issues.join('\n');
      for (const name of ['PORT', 'DATABASE_URL', 'DIPLODESK_SERVICES', 'DIPLODESK_SECRET']) expect(issues).toContain(name);
    }
  });
});
