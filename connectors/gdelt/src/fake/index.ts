// A local stand-in for data.gdeltproject.org/gdeltv2: lastupdate.txt plus the zipped batch files a
// test publishes. It records every request so tests can assert a file was downloaded only once.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { buildZip, type ZipWriteOptions } from './zip-writer.ts';

export { buildZip, type ZipWriteOptions } from './zip-writer.ts';

interface ServedFile {
  body: Buffer;
  /** What lastupdate.txt claims, which a test may falsify. */
  listedSize: number;
  listedMd5: string;
}

export interface PublishOptions {
  /** GKG text for the same batch (zipped as `TS.gkg.csv.zip`). */
  gkg?: string;
  zip?: ZipWriteOptions;
  /** List a wrong MD5 for the export in lastupdate.txt. */
  wrongMd5?: boolean;
  /** Publish the file without listing it in lastupdate.txt (a batch the client missed). */
  unlisted?: boolean;
}

export interface FakeGdeltServer {
  /** Base URL to pass as GDELT_BASE_URL (ends in /gdeltv2). */
  readonly baseUrl: string;
  /** Publishes one 15-minute batch; lastupdate.txt then points at it unless `unlisted`. */
  publish(timestamp: string, eventsText: string, options?: PublishOptions): void;
  /** Paths requested so far, in order. */
  requests(): string[];
  /** How many times a path (e.g. `/gdeltv2/20250101000000.export.CSV.zip`) was requested. */
  hits(path: string): number;
  /** The next `count` requests answer with `status` (503, 429 …). */
  failNext(status: number, count?: number, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

/**
 * Starts the fake on 127.0.0.1.
 *
 * @example
 * const gdelt = await startFakeGdelt();
 * gdelt.publish('20250101000000', lines.join('\n'));
 * const source = createGdeltSource({ GDELT_BASE_URL: gdelt.baseUrl });
 */
export async function startFakeGdelt(): Promise<FakeGdeltServer> {
  const files = new Map<string, ServedFile>();
  const log: string[] = [];
  const faults: { status: number; headers: Record<string, string> }[] = [];
  let lastUpdate = '';
  const sockets = new Set<Socket>();

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    log.push(path);
    const fault = faults.shift();
    if (fault) {
      res.writeHead(fault.status, { 'content-type': 'text/plain', ...fault.headers });
      res.end('fault injected');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      res.end();
      return;
    }
    if (path === '/gdeltv2/lastupdate.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(lastUpdate);
      return;
    }
    const file = files.get(path);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<h1>Not Found</h1>');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(file.body.length) });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  const add = (name: string, body: Buffer, wrongMd5 = false): ServedFile => {
    const served = { body, listedSize: body.length, listedMd5: wrongMd5 ? '0'.repeat(32) : createHash('md5').update(body).digest('hex') };
    files.set(`/gdeltv2/${name}`, served);
    return served;
  };

  return {
    baseUrl: `${origin}/gdeltv2`,
    publish(timestamp, eventsText, options = {}) {
      const exportName = `${timestamp}.export.CSV.zip`;
      const lines: string[] = [];
      const exp = add(exportName, buildZip(`${timestamp}.export.CSV`, eventsText, options.zip), options.wrongMd5);
      lines.push(`${exp.listedSize} ${exp.listedMd5} ${origin}/gdeltv2/${exportName}`);
      const mentionsName = `${timestamp}.mentions.CSV.zip`;
      const mentions = add(mentionsName, buildZip(`${timestamp}.mentions.CSV`, ''));
      lines.push(`${mentions.listedSize} ${mentions.listedMd5} ${origin}/gdeltv2/${mentionsName}`);
      if (options.gkg !== undefined) {
        const gkgName = `${timestamp}.gkg.csv.zip`;
        const gkg = add(gkgName, buildZip(`${timestamp}.gkg.csv`, options.gkg));
        lines.push(`${gkg.listedSize} ${gkg.listedMd5} ${origin}/gdeltv2/${gkgName}`);
      }
      if (!options.unlisted) lastUpdate = `${lines.join('\n')}\n`;
    },
    requests: () => [...log],
    hits: (path) => log.filter((p) => p === path).length,
    failNext(status, count = 1, headers = {}) {
      for (let i = 0; i < count; i++) faults.push({ status, headers });
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export { type EventColumn, makeEventLine } from './event-lines.ts';
