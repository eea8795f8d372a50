import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isoBase64URL, isoCBOR } from '@simplewebauthn/server/helpers';

/**
 * A software FIDO2 authenticator for integration tests: one ES256 (P-256) key, 'none'
 * attestation, a discoverable credential holding the user handle. It writes the fields of
 * WebAuthn Level 3 §6.1 (authenticator data) and §6.5.4 ('none' attestation) by hand, so the
 * server is tested against what a real authenticator sends, not against a mock of the library.
 */
export type SoftAuthenticator = {
  credentialId: string;
  /** The signature counter; a test may set it back to play a cloned authenticator. */
  counter: number;
  register(options: { challenge: string; user: { id: string } }): Record<string, unknown>;
  assert(options: { challenge: string }, opts?: { userVerified?: boolean }): Record<string, unknown>;
};

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();
const b64u = (bytes: Uint8Array) => isoBase64URL.fromBuffer(new Uint8Array(bytes));

// Flags of the authenticator data (§6.1): user present, user verified, attested credential data.
const UP = 0x01;
const UV = 0x04;
const AT = 0x40;

function coseKey(publicKey: KeyObject): Uint8Array {
  const jwk = publicKey.export({ format: 'jwk' });
  // COSE_Key (RFC 9053): kty EC2 (2), alg ES256 (-7), crv P-256 (1), x, y.
  return isoCBOR.encode(
    new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, isoBase64URL.toBuffer(jwk.x as string)],
      [-3, isoBase64URL.toBuffer(jwk.y as string)],
    ]),
  );
}

export function createSoftAuthenticator(origin: string): SoftAuthenticator {
  const rpId = new URL(origin).hostname;
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const credId = randomBytes(32);
  let userHandle = '';

  const authData = (flags: number, counter: number, attested?: Uint8Array) => {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    return Buffer.concat([sha256(rpId), Buffer.from([flags]), count, ...(attested ? [attested] : [])]);
  };
  const clientData = (type: 'webauthn.create' | 'webauthn.get', challenge: string) => Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));

  const self: SoftAuthenticator = {
    credentialId: b64u(credId),
    counter: 0,
    register(options) {
      userHandle = options.user.id;
      const idLength = Buffer.alloc(2);
      idLength.writeUInt16BE(credId.length);
      const attested = Buffer.concat([Buffer.alloc(16), idLength, credId, Buffer.from(coseKey(publicKey))]);
      const attestationObject = isoCBOR.encode(
        new Map<string, unknown>([
          ['fmt', 'none'],
          ['attStmt', new Map()],
          ['authData', authData(UP | UV | AT, self.counter, attested)],
        ]) as never,
      );
      return {
        id: self.credentialId,
        rawId: self.credentialId,
        type: 'public-key',
        clientExtensionResults: {},
        response: { clientDataJSON: b64u(clientData('webauthn.create', options.challenge)), attestationObject: b64u(attestationObject), transports: ['internal'] },
      };
    },
    assert(options, opts = {}) {
      self.counter += 1;
      const data = authData(UP | (opts.userVerified === false ? 0 : UV), self.counter);
      const cdj = clientData('webauthn.get', options.challenge);
      const signature = sign('sha256', Buffer.concat([data, sha256(cdj)]), privateKey);
      return {
        id: self.credentialId,
        rawId: self.credentialId,
        type: 'public-key',
        clientExtensionResults: {},
        response: { clientDataJSON: b64u(cdj), authenticatorData: b64u(data), signature: b64u(signature), userHandle },
      };
    },
  };
  return self;
}
