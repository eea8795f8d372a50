import { execFileSync } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretKeyring } from '../secret-box.ts';
import { signStatement, verifyStatement } from './sign-statement.ts';
import { buildJwks, generateSigningKey, openSigningKey, type SigningKey, type StoredSigningKey } from './signing-keys.ts';
import { canonicalStatement, type StatementToSign } from './statement-canonical.ts';
import { canonicalWithdrawal, signatureSha256 } from './withdrawal.ts';

const box = createSecretKeyring(Buffer.alloc(32, 9)).for('signing-keys');
const statement: StatementToSign = {
  id: '0192f0c2-7a5e-7000-8000-000000000002',
  organisation: 'kemlu.go.id',
  language: 'id',
  title: 'Pernyataan Pers',
  body: 'Indonesia menyambut baik kesepakatan ini — café, naïve, 日本.',
  publishedAt: '2026-03-01T02:30:00Z',
  attachments: [{ name: 'lampiran.pdf', sha256: 'c'.repeat(64) }],
};

let stored: StoredSigningKey;
let key: SigningKey;

beforeAll(async () => {
  stored = await generateSigningKey(box, 'org-1');
  key = await openSigningKey(box, 'org-1', stored);
});

/** Runs a documented shell recipe with /bin/sh in a fresh folder holding `files`: its output, and whether it exited 0. */
function runRecipe(script: string, work: string, files: Record<string, string>): { ok: boolean; output: string } {
  fs.mkdirSync(work);
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(work, name), content);
  try {
    return { ok: true, output: execFileSync('/bin/sh', ['-e', '-c', script], { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('signStatement / verifyStatement', () => {
  it('produces a detached compact JWS with an EdDSA, kid, b64:false header, and verifies it', async () => {
    const payload = canonicalStatement(statement);
    const jws = await signStatement(key, payload);
    const [header, middle, signature] = jws.split('.');
    expect(middle).toBe('');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ alg: 'EdDSA', kid: stored.kid, b64: false, crit: ['b64'] });
    expect(Buffer.from(signature!, 'base64url')).toHaveLength(64);
    expect(await verifyStatement(buildJwks([stored]), payload, jws)).toEqual({ valid: true, kid: stored.kid });
  });

  it('says "signature" when one character of the body changed', async () => {
    const jws = await signStatement(key, canonicalStatement(statement));
    const edited = canonicalStatement({ ...statement, body: statement.body.replace('baik', 'baiK') });
    expect(await verifyStatement(buildJwks([stored]), edited, jws)).toEqual({ valid: false, reason: 'signature' });
  });

  it('verifies an NFD copy of the text once canonicalised', async () => {
    const jws = await signStatement(key, canonicalStatement(statement));
    const nfd = canonicalStatement({ ...statement, body: statement.body.normalize('NFD') });
    expect(await verifyStatement(buildJwks([stored]), nfd, jws)).toEqual({ valid: true, kid: stored.kid });
  });

  it('says "unknown-key" when the kid is not in the JWKS', async () => {
    const other = await generateSigningKey(box, 'org-2');
    const jws = await signStatement(await openSigningKey(box, 'org-2', other), canonicalStatement(statement));
    expect(await verifyStatement(buildJwks([stored]), canonicalStatement(statement), jws)).toEqual({ valid: false, reason: 'unknown-key' });
  });

  it('says "signature" when a key signs under another key\'s kid', async () => {
    const other = await generateSigningKey(box, 'org-2');
    const impostor = { kid: stored.kid, privateKey: (await openSigningKey(box, 'org-2', other)).privateKey };
    const jws = await signStatement(impostor, canonicalStatement(statement));
    expect(await verifyStatement(buildJwks([stored]), canonicalStatement(statement), jws)).toEqual({ valid: false, reason: 'signature' });
  });

  it('says "malformed" for anything that is not our detached JWS shape', async () => {
    const payload = canonicalStatement(statement);
    const jws = await signStatement(key, payload);
    const [header, , signature] = jws.split('.');
    const jwks = buildJwks([stored]);
    const attached = `${header}.${Buffer.from(payload).toString('base64url')}.${signature}`;
    const hs256 = `${Buffer.from(JSON.stringify({ alg: 'HS256', kid: stored.kid, b64: false, crit: ['b64'] })).toString('base64url')}..${signature}`;
    const noCrit = `${Buffer.from(JSON.stringify({ alg: 'EdDSA', kid: stored.kid, b64: false })).toString('base64url')}..${signature}`;
    for (const bad of ['', 'abc', 'a..', `${header}..`, '..sig', attached, hs256, noCrit, `!!!..${signature}`, `${header}..${signature}.x`, `${header}..***`]) {
      expect(await verifyStatement(jwks, payload, bad), bad).toEqual({ valid: false, reason: 'malformed' });
    }
  });

  it('still verifies an old signature after rotation, with the JWKS holding old and new keys', async () => {
    const oldSignature = await signStatement(key, canonicalStatement(statement));
    const rotated = await generateSigningKey(box, 'org-1');
    const newSignature = await signStatement(await openSigningKey(box, 'org-1', rotated), canonicalStatement(statement));
    const jwks = buildJwks([stored, rotated]);
    expect(await verifyStatement(jwks, canonicalStatement(statement), oldSignature)).toEqual({ valid: true, kid: stored.kid });
    expect(await verifyStatement(jwks, canonicalStatement(statement), newSignature)).toEqual({ valid: true, kid: rotated.kid });
    expect(await verifyStatement(buildJwks([rotated]), canonicalStatement(statement), oldSignature)).toEqual({ valid: false, reason: 'unknown-key' });
  });
});

// Proves the README promise: the JWKS and OpenSSL alone are enough, no DiploDesk code in the loop.
describe('verification with OpenSSL from the JWKS', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diplodesk-openssl-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function opensslVerify(inputFile: string): { ok: boolean; output: string } {
    try {
      const output = execFileSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', path.join(dir, 'pub.pem'), '-rawin', '-in', inputFile, '-sigfile', path.join(dir, 'sig.bin')], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      return { ok: true, output };
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string };
      return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
    }
  }

  it('verifies the signing input with openssl pkeyutl, and fails on a tampered one', async () => {
    const payload = canonicalStatement(statement);
    const jws = await signStatement(key, payload);
    const published = JSON.parse(JSON.stringify(buildJwks([stored]))) as ReturnType<typeof buildJwks>;

    // What a person does with the JWKS and any JWK-to-PEM tool.
    const [headerB64, , signatureB64] = jws.split('.');
    const kid = JSON.parse(Buffer.from(headerB64!, 'base64url').toString()).kid;
    const jwk = published.keys.find((k) => k.kid === kid)!;
    const pem = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
    fs.writeFileSync(path.join(dir, 'pub.pem'), pem);

    // RFC 7797 with b64:false: the signing input is ASCII(BASE64URL(header)) || "." || payload bytes as-is.
    fs.writeFileSync(path.join(dir, 'payload.json'), payload, 'utf8');
    fs.writeFileSync(path.join(dir, 'input.bin'), Buffer.concat([Buffer.from(`${headerB64}.`, 'ascii'), fs.readFileSync(path.join(dir, 'payload.json'))]));
    fs.writeFileSync(path.join(dir, 'sig.bin'), Buffer.from(signatureB64!, 'base64url'));

    const genuine = opensslVerify(path.join(dir, 'input.bin'));
    expect(genuine.output).toContain('Signature Verified Successfully');
    expect(genuine.ok).toBe(true);

    const tampered = Buffer.from(fs.readFileSync(path.join(dir, 'input.bin')).toString('utf8').replace('baik', 'baiK'), 'utf8');
    fs.writeFileSync(path.join(dir, 'tampered.bin'), tampered);
    const result = opensslVerify(path.join(dir, 'tampered.bin'));
    expect(result.ok).toBe(false);
    expect(result.output).toContain('Signature Verification Failure');
  });

  // The script in VERIFY-WITH-OPENSSL.md, run as written by /bin/sh: the published recipe itself works.
  it('runs the documented shell recipe on a bundle and the JWKS: verified when genuine, failure when tampered', async () => {
    const doc = fs.readFileSync(new URL('./VERIFY-WITH-OPENSSL.md', import.meta.url), 'utf8');
    const script = /```sh\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(script).toContain('openssl pkeyutl -verify');
    const payload = canonicalStatement(statement);
    const bundle = { canonical: payload, jws: await signStatement(key, payload) };
    const run = (work: string, canonical: string) =>
      runRecipe(script ?? '', work, { 'bundle.json': JSON.stringify({ ...bundle, canonical }), 'jwks.json': JSON.stringify(buildJwks([stored])) });
    const genuine = run(path.join(dir, 'doc-genuine'), payload);
    expect(genuine.output).toContain('Signature Verified Successfully');
    expect(genuine.ok).toBe(true);
    const tampered = run(path.join(dir, 'doc-tampered'), payload.replace('baik', 'baiK'));
    expect(tampered.ok).toBe(false);
    expect(tampered.output).toContain('Signature Verification Failure');
  });

  // The second block of VERIFY-WITH-OPENSSL.md: a withdrawal that names the statement and is signed.
  it('runs the documented withdrawal recipe: verified when genuine, refused when forged or borrowed', async () => {
    const doc = fs.readFileSync(new URL('./VERIFY-WITH-OPENSSL.md', import.meta.url), 'utf8');
    const script = [...doc.matchAll(/```sh\n([\s\S]*?)```/g)][1]?.[1];
    expect(script).toContain('.withdrawal.jws');
    const payload = canonicalStatement(statement);
    const jws = await signStatement(key, payload);
    const withdrawalFor = async (reason: string, ofJws: string) => {
      const canonical = canonicalWithdrawal({ type: 'withdrawal', entry: statement.id, organisation: statement.organisation, signatureSha256: signatureSha256(ofJws), reason, withdrawnAt: '2026-03-04T08:00:00Z' });
      return { canonical, jws: await signStatement(key, canonical) };
    };
    const run = (work: string, withdrawal: { canonical: string; jws: string }) => {
      fs.mkdirSync(work);
      fs.writeFileSync(path.join(work, 'bundle.json'), JSON.stringify({ canonical: payload, jws, withdrawal }));
      fs.writeFileSync(path.join(work, 'jwks.json'), JSON.stringify(buildJwks([stored])));
      try {
        return { ok: true, output: execFileSync('/bin/sh', ['-e', '-c', script ?? ''], { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
      } catch (error) {
        const e = error as { stdout?: string; stderr?: string };
        return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
      }
    };
    const genuine = await withdrawalFor('Superseded by the joint statement.', jws);
    const good = run(path.join(dir, 'w-genuine'), genuine);
    expect(good.output).toContain('Withdrawal names this statement: 2026-03-04T08:00:00.000Z — Superseded by the joint statement.');
    expect(good.output).toContain('Signature Verified Successfully');
    expect(good.ok).toBe(true);
    const forged = run(path.join(dir, 'w-forged'), { ...genuine, canonical: genuine.canonical.replace('Superseded', 'Cancelled') });
    expect(forged.ok).toBe(false);
    expect(forged.output).toContain('Signature Verification Failure');
    const borrowed = run(path.join(dir, 'w-borrowed'), await withdrawalFor('Another statement.', await signStatement(key, canonicalStatement({ ...statement, title: 'Other' }))));
    expect(borrowed.ok).toBe(false);
    expect(borrowed.output).not.toContain('Withdrawal names this statement');
  });
  // The third block: a JSON Feed item, shaped as the newsroom writes one (feeds.int.test.ts runs
  // the same block on the server's real feed), checked from the feed and the JWKS alone.
  it('runs the documented JSON Feed recipe: verified when genuine, failure when a word changed', async () => {
    const doc = fs.readFileSync(new URL('./VERIFY-WITH-OPENSSL.md', import.meta.url), 'utf8');
    const script = [...doc.matchAll(/```sh\n([\s\S]*?)```/g)][2]?.[1];
    expect(script).toContain('feed.json');
    const plain = { ...statement, attachments: [] };
    const payload = canonicalStatement(plain);
    const item = {
      id: `urn:uuid:${plain.id}`,
      title: plain.title,
      content_text: plain.body,
      date_published: new Date(plain.publishedAt).toISOString(),
      language: plain.language,
      _diplodesk: { kid: stored.kid, jws: await signStatement(key, payload), withdrawn: false },
    };
    const run = (work: string, items: unknown[]) =>
      runRecipe(script ?? '', work, {
        'feed.json': JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', home_page_url: `https://${plain.organisation}/newsroom/id`, items }),
        'jwks.json': JSON.stringify(buildJwks([stored])),
      });
    const genuine = run(path.join(dir, 'feed-genuine'), [item]);
    expect(genuine.output).toContain('Signature Verified Successfully');
    expect(genuine.ok).toBe(true);
    const changed = run(path.join(dir, 'feed-changed'), [{ ...item, content_text: item.content_text.replace('baik', 'baiK') }]);
    expect(changed.ok).toBe(false);
    expect(changed.output).toContain('Signature Verification Failure');
    const withdrawn = run(path.join(dir, 'feed-withdrawn'), [{ ...item, _diplodesk: { ...item._diplodesk, withdrawn: true } }]);
    expect(withdrawn.ok).toBe(false);
  });
});
