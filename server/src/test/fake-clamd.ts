import fs from 'node:fs';
import net from 'node:net';

/** The EICAR anti-virus test file: every scanner reports it, none of them is harmed by it. */
export const eicar = String.raw`X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*`;

export type FakeClamd = {
  /** host:port, or the socket path when started on a unix socket. */
  address: string;
  /** Length of every chunk received, per scan, in order. */
  scans: number[][];
  /** `silent`: accept the stream and never answer (a hung clamd). */
  mode: 'normal' | 'silent';
  close(): Promise<void>;
};

/**
 * A local clamd speaking INSTREAM as clamd(8) documents it: `zINSTREAM\0` (or `nINSTREAM\n`),
 * length-prefixed chunks, a zero-length terminator; answers `stream: OK`, `stream: <name> FOUND`,
 * or `INSTREAM size limit exceeded. ERROR` (then closes) once the stream passes StreamMaxLength.
 */
export async function startFakeClamd(opts: { streamMaxBytes?: number; socketPath?: string } = {}): Promise<FakeClamd> {
  const streamMaxBytes = opts.streamMaxBytes ?? 25 * 1024 * 1024;
  const sockets = new Set<net.Socket>();
  const fake: FakeClamd = { address: '', scans: [], mode: 'normal', close: async () => undefined };
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = Buffer.alloc(0);
    let command: { terminator: string } | null = null;
    const chunks: number[] = [];
    const received: Buffer[] = [];
    let total = 0;
    let done = false;
    const answer = (line: string, close = false) => {
      done = true;
      socket.write(`${line}${command?.terminator ?? '\0'}`);
      if (close) socket.end();
    };
    socket.on('data', (data) => {
      if (done) return;
      buffer = Buffer.concat([buffer, data]);
      if (!command) {
        const end = buffer.findIndex((b) => b === 0 || b === 0x0a);
        if (end < 0) return;
        const name = buffer.subarray(0, end).toString('latin1');
        if (name !== 'zINSTREAM' && name !== 'nINSTREAM') return answer(`UNKNOWN COMMAND`, true);
        command = { terminator: name.startsWith('z') ? '\0' : '\n' };
        fake.scans.push(chunks);
        buffer = buffer.subarray(end + 1);
      }
      while (buffer.length >= 4) {
        const length = buffer.readUInt32BE(0);
        if (length === 0) {
          if (fake.mode === 'silent') return;
          const content = Buffer.concat(received).toString('latin1');
          return answer(content.includes(eicar) ? 'stream: Eicar-Test-Signature FOUND' : 'stream: OK', true);
        }
        if (total + length > streamMaxBytes) return answer('INSTREAM size limit exceeded. ERROR', true);
        if (buffer.length < 4 + length) return;
        chunks.push(length);
        received.push(buffer.subarray(4, 4 + length));
        total += length;
        buffer = buffer.subarray(4 + length);
      }
    });
  });
  if (opts.socketPath) fs.rmSync(opts.socketPath, { force: true });
  await new Promise<void>((resolve) => (opts.socketPath ? server.listen(opts.socketPath, resolve) : server.listen(0, '127.0.0.1', resolve)));
  const address = server.address();
  fake.address = typeof address === 'string' ? address : `127.0.0.1:${(address as net.AddressInfo).port}`;
  fake.close = () =>
    new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return fake;
}
