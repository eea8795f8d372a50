import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app.ts';

// An operator reads the log for what went wrong; one info line per request buried it (thousands an
// hour with a handful of users). Requests are logged at debug; the error handler keeps failures.
const lines: { level: number; msg: string; url?: string; statusCode?: number }[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    done();
  },
});
const logger = pino({ level: 'info' }, sink);
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({}, { logger });
});
afterAll(() => t?.close());

describe('request logging', () => {
  it('writes nothing per request at info, and one completed line per request at debug', async () => {
    lines.length = 0;
    for (let i = 0; i < 5; i++) expect((await t.app.inject({ method: 'GET', url: '/api/v1/system' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/no-such-route' })).statusCode).toBe(404);
    expect(lines.filter((l) => /request/.test(l.msg))).toEqual([]);

    logger.level = 'debug';
    try {
      await t.app.inject({ method: 'GET', url: '/api/v1/system' });
    } finally {
      logger.level = 'info';
    }
    const completed = lines.filter((l) => l.msg === 'request completed');
    expect(completed).toEqual([expect.objectContaining({ level: 20, url: '/api/v1/system', statusCode: 200 })]);
  });
});
