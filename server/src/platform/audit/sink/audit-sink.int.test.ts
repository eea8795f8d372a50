import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.ts';
import type { Db } from '../../db/index.ts';
import { auditLog } from '../../db/platform.tables.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db.ts';
import { selfSignedCertificate } from '../../../test/tls-certificate.ts';
import { appendAudit, systemActor } from '../audit.ts';
import { auditSinkCursor } from '../audit.tables.ts';
import { createAuditForwarder } from './forwarder.ts';

// Hole 9: the audit log must also leave the database, to an append-only place its holder does not
// control. Every committed entry is forwarded in seq order, exactly once to a file and at least
// once (each message names its seq) to syslog over TCP, and a restart resumes after the last one.
let database: TestDatabase;
let db: Db;
let dir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diplodesk-sink-'));
});
afterAll(async () => {
  await database?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function audit(n: number, label = 'sink-test'): Promise<void> {
  for (let i = 0; i < n; i++) {
    await db.transaction((tx) => appendAudit(tx, systemActor(label), { action: 'unit.created', targetType: 'unit', targetId: `u${i}`, unitId: null, summary: { name: `Unit "${i}" ]\\` } }));
  }
}

const allEntries = () => db.select().from(auditLog).orderBy(asc(auditLog.seq));

describe('AUDIT_SINK setting', () => {
  it('accepts file: and syslog+tcp:// targets and refuses anything else', () => {
    expect(loadConfig({ AUDIT_SINK: 'file:/var/log/diplodesk/audit.log' }).auditSink).toEqual({ kind: 'file', path: '/var/log/diplodesk/audit.log' });
    expect(loadConfig({ AUDIT_SINK: 'syslog+tcp://logs.internal:6514' }).auditSink).toEqual({ kind: 'syslog-tcp', host: 'logs.internal', port: 6514 });
    expect(loadConfig({ AUDIT_SINK: 'syslog+tls://[::1]:6514' }).auditSink).toEqual({ kind: 'syslog-tls', host: '::1', port: 6514 });
    expect(loadConfig({}).auditSink).toBeNull();
    expect(() => loadConfig({ AUDIT_SINK: 'http://example.org/' })).toThrow(/AUDIT_SINK/);
    expect(() => loadConfig({ AUDIT_SINK: 'syslog+tcp://host' })).toThrow(/AUDIT_SINK/);
  });
});

describe('file sink', () => {
  it('appends every committed entry as a JSON line in seq order, once, and resumes after a restart', async () => {
    const file = path.join(dir, 'audit.log');
    await audit(3);
    const first = createAuditForwarder({ db, target: { kind: 'file', path: file }, owner: 'worker-a' });
    expect(await first.drainOnce()).toBe(3);
    await first.stop();
    await audit(2);
    // A new process (restart) continues from the stored cursor.
    const second = createAuditForwarder({ db, target: { kind: 'file', path: file }, owner: 'worker-b' });
    expect(await second.drainOnce()).toBe(2);
    // A crash after the write but before the cursor moved: the entries are not written twice.
    await db.update(auditSinkCursor).set({ lastSeq: 2 });
    expect(await second.drainOnce()).toBe(0);
    await second.stop();
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { seq: number; hash: string; prevHash: string; summary: unknown });
    const rows = await allEntries();
    expect(lines.map((l) => l.seq)).toEqual(rows.map((r) => r.seq));
    expect(lines.map((l) => l.hash)).toEqual(rows.map((r) => r.hash));
    expect(lines[1]?.prevHash).toBe(lines[0]?.hash);
    expect(lines[0]?.summary).toEqual(rows[0]?.summary);
  });
});

/** A syslog collector: RFC 6587 octet-counted frames, each an RFC 5424 message; inside TLS when given a key and certificate. */
function syslogServer(tlsOptions?: tls.TlsOptions) {
  const messages: { pri: number; version: number; timestamp: string; hostname: string; app: string; procid: string; msgid: string; sd: Record<string, string>; msg: string }[] = [];
  const onSocket = (socket: net.Socket) => {
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const space = buffer.indexOf(0x20);
        if (space < 0) return;
        const length = Number(buffer.subarray(0, space).toString('ascii'));
        if (!Number.isInteger(length) || length <= 0) throw new Error(`bad frame length ${buffer.subarray(0, space).toString()}`);
        if (buffer.length < space + 1 + length) return;
        const frame = buffer.subarray(space + 1, space + 1 + length).toString('utf8');
        buffer = buffer.subarray(space + 1 + length);
        const m = /^<(\d{1,3})>(\d) (\S+) (\S+) (\S+) (\S+) (\S+) (\[(?:[^\]\\"]|\\.|"(?:[^"\\]|\\.)*")*\]) \uFEFF([\s\S]*)$/.exec(frame);
        if (!m) throw new Error(`not RFC 5424: ${frame}`);
        const sd: Record<string, string> = {};
        for (const param of (m[8] ?? '').matchAll(/ (\w+)="((?:[^"\\]|\\.)*)"/g)) sd[param[1] ?? ''] = (param[2] ?? '').replace(/\\(["\\\]])/g, '$1');
        messages.push({ pri: Number(m[1]), version: Number(m[2]), timestamp: m[3] ?? '', hostname: m[4] ?? '', app: m[5] ?? '', procid: m[6] ?? '', msgid: m[7] ?? '', sd, msg: m[9] ?? '' });
      }
    });
  };
  const server = tlsOptions ? tls.createServer(tlsOptions, onSocket) : net.createServer(onSocket);
  return {
    messages,
    listen: (port = 0) => new Promise<number>((resolve) => server.listen(port, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('syslog over TCP sink', () => {
  it('sends RFC 5424 messages with octet-counting framing, in seq order, and loses nothing while the collector is down', async () => {
    const collector = syslogServer();
    const port = await collector.listen();
    await collector.close();
    // The collector is down: nothing is marked forwarded.
    await db.delete(auditSinkCursor);
    const forwarder = createAuditForwarder({ db, target: { kind: 'syslog-tcp', host: '127.0.0.1', port }, owner: 'worker-a' });
    await expect(forwarder.drainOnce()).rejects.toThrow();
    const [cursor] = await db.select().from(auditSinkCursor).where(eq(auditSinkCursor.sink, `syslog+tcp://127.0.0.1:${port}`));
    expect(cursor?.lastSeq ?? 0).toBe(0);
    // It is back: every entry arrives, in order.
    const up = syslogServer();
    await up.listen(port);
    try {
      const rows = await allEntries();
      expect(await forwarder.drainOnce()).toBe(rows.length);
      await audit(1, 'after-outage');
      expect(await forwarder.drainOnce()).toBe(1);
      await forwarder.stop();
      await expect.poll(() => up.messages.length).toBe(rows.length + 1);
      const all = await allEntries();
      expect(up.messages.map((m) => Number(m.sd.seq))).toEqual(all.map((r) => r.seq));
      const last = up.messages.at(-1)!;
      expect(last.pri).toBe(13 * 8 + 5);
      expect(last.version).toBe(1);
      expect(last.app).toBe('diplodesk');
      expect(last.msgid).toBe('unit.created');
      expect(new Date(last.timestamp).toISOString()).toBe(all.at(-1)!.at.toISOString());
      expect(last.sd.hash).toBe(all.at(-1)!.hash);
      expect(JSON.parse(last.msg)).toMatchObject({ seq: all.at(-1)!.seq, actorLabel: 'after-outage', summary: { name: 'Unit "0" ]\\' } });
      expect(up.messages[0]!.sd.name).toBeUndefined();
    } finally {
      await up.close();
    }
  });
});

const selfSigned = (name: string, san: string) => selfSignedCertificate(dir, name, san);

// ASVS 16.4.3: the copy travels to the collector encrypted, and only to a collector whose
// certificate the operator trusts and that names the host in AUDIT_SINK.
describe('syslog over TLS sink', () => {
  it('takes its extra CA from AUDIT_SINK_CA_FILE, only together with syslog+tls', () => {
    const ca = selfSigned('config-ca', 'DNS:logs.internal');
    expect(loadConfig({ AUDIT_SINK: 'syslog+tls://logs.internal:6514', AUDIT_SINK_CA_FILE: ca.certFile }).auditSink).toEqual({ kind: 'syslog-tls', host: 'logs.internal', port: 6514, caFile: ca.certFile });
    expect(() => loadConfig({ AUDIT_SINK: 'syslog+tcp://logs.internal:6514', AUDIT_SINK_CA_FILE: ca.certFile })).toThrow(/AUDIT_SINK_CA_FILE/);
    expect(() => loadConfig({ AUDIT_SINK: 'syslog+tls://logs.internal:6514', AUDIT_SINK_CA_FILE: path.join(dir, 'missing.pem') })).toThrow(/AUDIT_SINK_CA_FILE/);
    expect(() => loadConfig({ AUDIT_SINK: 'syslog+tls://logs.internal' })).toThrow(/AUDIT_SINK/);
  });

  it('delivers every entry inside TLS to a collector whose certificate it trusts, and none to one it does not', async () => {
    const good = selfSigned('collector', 'IP:127.0.0.1');
    const collector = syslogServer({ key: good.key, cert: good.cert });
    const port = await collector.listen();
    try {
      // Not trusted: a certificate no CA the process knows has signed.
      await db.delete(auditSinkCursor);
      const untrusted = createAuditForwarder({ db, target: { kind: 'syslog-tls', host: '127.0.0.1', port }, owner: 'worker-a' });
      await expect(untrusted.drainOnce()).rejects.toThrow(/self[- ]signed|certificate/i);
      await untrusted.stop();
      // Trusted CA, but the certificate names another host.
      const other = selfSigned('elsewhere', 'DNS:elsewhere.test');
      const misnamed = syslogServer({ key: other.key, cert: other.cert });
      const misnamedPort = await misnamed.listen();
      try {
        const wrongHost = createAuditForwarder({ db, target: { kind: 'syslog-tls', host: '127.0.0.1', port: misnamedPort, caFile: other.certFile }, owner: 'worker-a' });
        await expect(wrongHost.drainOnce()).rejects.toThrow(/altnames|does not match|IP: 127\.0\.0\.1/i);
        await wrongHost.stop();
      } finally {
        await misnamed.close();
      }
      expect(collector.messages).toHaveLength(0);
      const cursors = await db.select().from(auditSinkCursor);
      expect(cursors.every((c) => c.lastSeq === 0)).toBe(true);

      // Trusted through AUDIT_SINK_CA_FILE: everything arrives, framed as over plain TCP.
      const forwarder = createAuditForwarder({ db, target: { kind: 'syslog-tls', host: '127.0.0.1', port, caFile: good.certFile }, owner: 'worker-a' });
      const rows = await allEntries();
      expect(await forwarder.drainOnce()).toBe(rows.length);
      await audit(1, 'over-tls');
      expect(await forwarder.drainOnce()).toBe(1);
      await forwarder.stop();
      await expect.poll(() => collector.messages.length).toBe(rows.length + 1);
      const all = await allEntries();
      expect(collector.messages.map((m) => Number(m.sd.seq))).toEqual(all.map((r) => r.seq));
      expect(collector.messages.at(-1)!.sd.hash).toBe(all.at(-1)!.hash);
      expect(JSON.parse(collector.messages.at(-1)!.msg)).toMatchObject({ actorLabel: 'over-tls' });
      const [cursor] = await db.select().from(auditSinkCursor).where(eq(auditSinkCursor.sink, `syslog+tls://127.0.0.1:${port}`));
      expect(cursor?.lastSeq).toBe(all.at(-1)!.seq);
    } finally {
      await collector.close();
    }
  });
});
