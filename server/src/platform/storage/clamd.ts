import net from 'node:net';

// A client of clamd's INSTREAM command (clamd(8)): `zINSTREAM\0`, then the file as chunks each
// prefixed with its length (4 bytes, network order), then a zero length. clamd answers one
// NUL-terminated line: `stream: OK`, `stream: <signature> FOUND` or `<reason> ERROR`. When the
// stream passes clamd's StreamMaxLength it answers `INSTREAM size limit exceeded. ERROR` and
// closes the connection while we may still be writing.
//
// The address is the operator's (CLAMD_ADDRESS), not a user's, so it does not go through the
// outbound guard; nothing a user sends can change where this connects.

/** What clamd said about a file; `no-verdict` when it could not say (down, too slow, too large, broken). */
export type ScanVerdict =
  | { kind: 'clean' }
  | { kind: 'infected'; signature: string }
  | { kind: 'no-verdict'; reason: 'unreachable' | 'timeout' | 'size-limit' | 'error'; detail: string };

export interface MalwareScanner {
  scan(source: AsyncIterable<Uint8Array>): Promise<ScanVerdict>;
}

export type ClamdOptions = {
  /** host:port, or the absolute path of clamd's unix socket. */
  address: string;
  /** The largest chunk sent at once (clamd reads each into memory). */
  chunkBytes: number;
  /** For the whole scan: connecting, sending and clamd's answer. */
  timeoutMs: number;
};

function connectOptions(address: string): net.NetConnectOpts {
  if (address.startsWith('/')) return { path: address };
  const colon = address.lastIndexOf(':');
  return { host: address.slice(0, colon).replace(/^\[|\]$/g, ''), port: Number(address.slice(colon + 1)) };
}

/** Reads clamd's one-line answer into a verdict. */
export function parseClamdReply(reply: string): ScanVerdict {
  const line = reply.replace(/\0[\s\S]*$/, '').trim();
  if (line === 'stream: OK') return { kind: 'clean' };
  const found = /^stream: (.+) FOUND$/.exec(line);
  if (found?.[1]) return { kind: 'infected', signature: found[1] };
  if (/size limit exceeded/i.test(line)) return { kind: 'no-verdict', reason: 'size-limit', detail: line };
  return { kind: 'no-verdict', reason: 'error', detail: line || 'clamd closed the connection without an answer' };
}

/** Splits what the source yields into frames of at most `chunkBytes`, each with its length prefix. */
function* frames(data: Uint8Array, chunkBytes: number): Generator<Buffer> {
  for (let offset = 0; offset < data.length; offset += chunkBytes) {
    const part = data.subarray(offset, Math.min(offset + chunkBytes, data.length));
    const length = Buffer.alloc(4);
    length.writeUInt32BE(part.length);
    yield Buffer.concat([length, part]);
  }
}

/**
 * @example
 * const verdict = await createClamdScanner({ address: 'clamav:3310', chunkBytes: 65536, timeoutMs: 60000 }).scan(storage.open(key));
 */
export function createClamdScanner(opts: ClamdOptions): MalwareScanner {
  return {
    scan(source) {
      return new Promise<ScanVerdict>((resolve) => {
        const socket = net.connect(connectOptions(opts.address));
        let reply = '';
        let connected = false;
        let settled = false;
        const finish = (verdict: ScanVerdict) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          socket.destroy();
          resolve(verdict);
        };
        const timer = setTimeout(() => finish({ kind: 'no-verdict', reason: 'timeout', detail: `no answer within ${opts.timeoutMs} ms` }), opts.timeoutMs);
        socket.setEncoding('utf8');
        socket.on('data', (text: string) => {
          reply += text;
          // clamd may answer before we finish (an error mid-stream): its answer wins over our writes.
          if (reply.includes('\0')) finish(parseClamdReply(reply));
        });
        socket.on('end', () => finish(parseClamdReply(reply)));
        socket.on('close', () => finish(parseClamdReply(reply)));
        socket.on('error', (error: NodeJS.ErrnoException) => {
          // A reset after clamd's answer began still carries that answer.
          if (reply) return finish(parseClamdReply(reply));
          finish({ kind: 'no-verdict', reason: connected ? 'error' : 'unreachable', detail: error.code ?? error.message });
        });
        socket.once('connect', () => {
          connected = true;
          // A closed socket has already settled the scan; what else fails here is reading the file.
          send().catch((error: Error) => finish({ kind: 'no-verdict', reason: 'error', detail: error.message }));
        });
        const write = (buffer: Buffer) =>
          new Promise<void>((ok, fail) => {
            if (settled || socket.destroyed) return fail(new Error('closed'));
            if (socket.write(buffer)) return ok();
            const onDrain = () => {
              socket.off('close', onClose);
              ok();
            };
            const onClose = () => {
              socket.off('drain', onDrain);
              fail(new Error('closed'));
            };
            socket.once('drain', onDrain);
            socket.once('close', onClose);
          });
        const send = async () => {
          await write(Buffer.from('zINSTREAM\0', 'latin1'));
          for await (const data of source) {
            if (settled) return;
            for (const frame of frames(data, opts.chunkBytes)) await write(frame);
          }
          await write(Buffer.alloc(4));
        };
      });
    },
  };
}
