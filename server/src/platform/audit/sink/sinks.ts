import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import type { AuditSinkTarget } from './sink-target.ts';

/** One chain entry as it leaves the database: every hashed field and the hash, so a copy can be re-verified. */
export type ForwardedEntry = {
  id: string;
  seq: number;
  at: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  unitId: string | null;
  summary: Record<string, unknown>;
  requestId: string | null;
  prevHash: string;
  hash: string;
};

export type AuditSink = {
  /** Writes the entries (ascending seq); resolves when handed over, returns how many were new. */
  write(entries: ForwardedEntry[]): Promise<number>;
  close(): Promise<void>;
};

const TAIL_BYTES = 256 * 1024;

/** The seq of the last complete line, and whether the file ends mid-line (a write cut short). */
async function fileTail(file: string): Promise<{ lastSeq: number; partial: boolean }> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { lastSeq: 0, partial: false };
    throw err;
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const text = buffer.toString('utf8');
    const lines = text.split('\n');
    const partial = length > 0 && !text.endsWith('\n');
    for (let i = lines.length - (partial ? 2 : 1); i >= 0; i--) {
      try {
        const seq = (JSON.parse(lines[i] ?? '') as { seq?: unknown }).seq;
        if (typeof seq === 'number') return { lastSeq: seq, partial };
      } catch {
        // A line cut at the start of the tail window or by a crash: look further back.
      }
    }
    return { lastSeq: 0, partial };
  } finally {
    await handle.close();
  }
}

/**
 * Append-only JSON lines. The file itself says how far it got, so a crash between the write and
 * the cursor update does not write an entry twice; each write is fsynced before the cursor moves.
 */
export function createFileSink(file: string): AuditSink {
  return {
    async write(entries) {
      const tail = await fileTail(file);
      const fresh = entries.filter((e) => e.seq > tail.lastSeq);
      if (fresh.length === 0) return 0;
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      const handle = await fs.promises.open(file, 'a', 0o640);
      try {
        await handle.appendFile(`${tail.partial ? '\n' : ''}${fresh.map((e) => JSON.stringify(e)).join('\n')}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return fresh.length;
    },
    async close() {},
  };
}

// RFC 5424: facility 13 "log audit", severity 5 "notice".
const PRI = 13 * 8 + 5;
// SD-ID with the private enterprise number RFC 5612 reserves for documentation and examples.
const SD_ID = 'diplodesk@32473';

const printable = (value: string, max: number) => value.replace(/[^\x21-\x7e]/g, '').slice(0, max) || '-';
const sdValue = (value: string) => value.replace(/["\\\]]/g, (c) => `\\${c}`);

/** One RFC 5424 message: header, structured data naming the entry, and the entry as JSON (UTF-8, BOM). */
export function syslogMessage(entry: ForwardedEntry, hostname: string): string {
  const sd = `[${SD_ID} seq="${entry.seq}" hash="${entry.hash}" actor="${sdValue(entry.actorLabel)}"]`;
  return `<${PRI}>1 ${entry.at} ${printable(hostname, 255)} diplodesk ${process.pid} ${printable(entry.action, 32)} ${sd} \uFEFF${JSON.stringify(entry)}`;
}

/** RFC 6587 octet counting: the message's length in bytes, a space, the message. */
export function octetCounted(message: string): Buffer {
  const body = Buffer.from(message, 'utf8');
  return Buffer.concat([Buffer.from(`${body.length} `, 'ascii'), body]);
}

type Dial = () => net.Socket;
/** The event that says the connection is ready to carry messages. */
type ReadyEvent = 'connect' | 'secureConnect';

/**
 * RFC 5424 over TCP. Delivery is at least once: a write the collector received just before the
 * connection broke is sent again, and the receiver can drop it by its `seq`.
 */
export function createSyslogTcpSink(host: string, port: number, hostname = os.hostname()): AuditSink {
  return syslogStreamSink(host, port, hostname, () => net.connect({ host, port, timeout: 10_000 }), 'connect');
}

/**
 * The trust store for the collector's certificate: Node's default one (which already holds
 * NODE_EXTRA_CA_CERTS) plus caFile. Passing `ca` to tls.connect would replace the defaults instead.
 */
function collectorTrust(caFile: string | undefined): tls.SecureContext {
  const context = tls.createSecureContext({ minVersion: 'TLSv1.2' });
  if (caFile) {
    const pem = fs.readFileSync(caFile, 'utf8');
    const certs = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    if (certs.length === 0) throw new Error(`AUDIT_SINK_CA_FILE ${caFile} holds no PEM certificate`);
    // On a default context addCACert copies the shared root store first, so the defaults stay trusted.
    for (const cert of certs) (context.context as { addCACert(pem: string): void }).addCACert(cert);
  }
  return context;
}

/**
 * RFC 5425: the same octet-counted RFC 5424 messages inside TLS. The collector's certificate must
 * chain to a trusted CA and name the host (an IP address must be in its subjectAltName); there is
 * no switch to turn that off, since an audit copy sent to whoever answers is no copy.
 */
export function createSyslogTlsSink(host: string, port: number, caFile?: string, hostname = os.hostname()): AuditSink {
  const secureContext = collectorTrust(caFile);
  const dial = () => tls.connect({ host, port, servername: net.isIP(host) ? undefined : host, secureContext, rejectUnauthorized: true, timeout: 10_000 });
  return syslogStreamSink(host, port, hostname, dial, 'secureConnect');
}

function syslogStreamSink(host: string, port: number, hostname: string, dial: Dial, ready: ReadyEvent): AuditSink {
  let socket: net.Socket | null = null;

  function connect(): Promise<net.Socket> {
    if (socket && !socket.destroyed) return Promise.resolve(socket);
    return new Promise((resolve, reject) => {
      const s = dial();
      const fail = (err: Error) => {
        s.destroy();
        reject(err);
      };
      s.once('error', fail);
      s.once('timeout', () => fail(new Error(`syslog collector ${host}:${port} did not answer`)));
      s.once(ready, () => {
        s.off('error', fail);
        s.setTimeout(0);
        s.setKeepAlive(true);
        // Later errors end this connection; the next write opens a new one.
        s.on('error', () => s.destroy());
        s.on('close', () => {
          if (socket === s) socket = null;
        });
        socket = s;
        resolve(s);
      });
    });
  }

  return {
    async write(entries) {
      if (entries.length === 0) return 0;
      const s = await connect();
      const data = Buffer.concat(entries.map((e) => octetCounted(syslogMessage(e, hostname))));
      await new Promise<void>((resolve, reject) => {
        s.write(data, (err) => (err ? reject(err) : resolve()));
      });
      return entries.length;
    },
    async close() {
      const s = socket;
      socket = null;
      if (s && !s.destroyed) await new Promise<void>((resolve) => s.end(resolve));
    },
  };
}

export function createSink(target: AuditSinkTarget): AuditSink {
  if (target.kind === 'file') return createFileSink(target.path);
  if (target.kind === 'syslog-tls') return createSyslogTlsSink(target.host, target.port, target.caFile);
  return createSyslogTcpSink(target.host, target.port);
}
