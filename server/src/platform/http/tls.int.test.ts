import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';

// The server speaking TLS itself (TLS_CERT_FILE / TLS_KEY_FILE), as on the proxy→instance hop:
// a self-signed certificate made here, clients that trust exactly it.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diplodesk-tls-'));
const certFile = path.join(dir, 'cert.pem');
const keyFile = path.join(dir, 'key.pem');
let ca: Buffer;
let t: TestApp;
let t13: TestApp;
let port: number;
let port13: number;

type Handshake = { protocol: string | null; cipher: string; body: string } | { error: string };

/** One HTTP/1.1 request over a TLS connection with the given client limits; what was negotiated and answered. */
function request(to: number, opts: tls.ConnectionOptions = {}): Promise<Handshake> {
  return new Promise((resolve) => {
    const socket = tls.connect({ host: '127.0.0.1', port: to, servername: 'localhost', ca, ...opts }, () => {
      const negotiated = { protocol: socket.getProtocol(), cipher: socket.getCipher().standardName };
      let body = '';
      socket.on('data', (d) => (body += d));
      socket.on('end', () => resolve({ ...negotiated, body }));
      socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    });
    socket.on('error', (error) => resolve({ error: (error as NodeJS.ErrnoException).code ?? error.message }));
  });
}

beforeAll(async () => {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'ignore' });
  ca = fs.readFileSync(certFile);
  t = await createTestApp({ tls: { certFile, keyFile, minVersion: 'TLSv1.2' } });
  port = Number(new URL(await t.app.listen({ host: '127.0.0.1', port: 0 })).port);
  t13 = await createTestApp({ tls: { certFile, keyFile, minVersion: 'TLSv1.3' } });
  port13 = Number(new URL(await t13.app.listen({ host: '127.0.0.1', port: 0 })).port);
}, 120_000);
afterAll(async () => {
  await t?.close();
  await t13?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the server speaking TLS itself', () => {
  it('answers over TLS 1.3 to a client that trusts its certificate', async () => {
    const res = await request(port);
    expect(res).toMatchObject({ protocol: 'TLSv1.3' });
    expect('body' in res && res.body).toMatch(/^HTTP\/1\.1 200[\s\S]*"status":"ok"/);
  });

  it('accepts TLS 1.2 by default, with a forward-secret AEAD suite only', async () => {
    const res = await request(port, { maxVersion: 'TLSv1.2' });
    expect(res).toMatchObject({ protocol: 'TLSv1.2' });
    expect('cipher' in res && res.cipher).toMatch(/^TLS_ECDHE_RSA_WITH_(AES_128_GCM|AES_256_GCM|CHACHA20_POLY1305)/);
    // RSA key exchange (no forward secrecy) and CBC suites are in Node's default list, not in ours.
    for (const ciphers of ['AES128-GCM-SHA256', 'ECDHE-RSA-AES128-SHA256', 'ECDHE-RSA-AES256-SHA']) {
      expect(await request(port, { maxVersion: 'TLSv1.2', ciphers }), ciphers).toHaveProperty('error');
    }
  });

  it('refuses TLS 1.1 always, and TLS 1.2 when TLS_MIN_VERSION is TLSv1.3', async () => {
    expect(await request(port, { minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' })).toHaveProperty('error');
    expect(await request(port13, { maxVersion: 'TLSv1.2' })).toHaveProperty('error');
    expect(await request(port13)).toMatchObject({ protocol: 'TLSv1.3' });
  });

  it('is not reachable in clear text, and a client without the CA refuses the certificate', async () => {
    const plain = await new Promise<number | string>((resolve) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/healthz' }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', (error) => resolve((error as NodeJS.ErrnoException).code ?? 'error'));
    });
    expect(plain).not.toBe(200);
    expect(await request(port, { ca: undefined })).toMatchObject({ error: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  });
});
