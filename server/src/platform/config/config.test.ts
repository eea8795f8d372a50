import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

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
