import { z } from 'zod';
import { isoDateTime, uuid } from './common.ts';
import { totpCode } from './identity.ts';

/** The second factors a user can prove; told to the client so it offers only those. */
export const secondFactor = z.enum(['totp', 'passkey']);
export type SecondFactor = z.infer<typeof secondFactor>;

/**
 * WebAuthn options and responses are the W3C JSON forms (`PublicKeyCredential*OptionsJSON`,
 * `RegistrationResponseJSON`, `AuthenticationResponseJSON`); @simplewebauthn checks their fields,
 * so the contract only bounds their shape.
 */
export const webauthnOptions = z.looseObject({ challenge: z.string() });
const credentialResponse = z.looseObject({
  id: z.string().min(1).max(1024),
  rawId: z.string().min(1).max(1024),
  type: z.literal('public-key'),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
});
export const registrationResponse = credentialResponse.extend({
  response: z.looseObject({ clientDataJSON: z.string().max(8192), attestationObject: z.string().max(65_536), transports: z.array(z.string().max(32)).max(10).optional() }),
});
export const assertionResponse = credentialResponse.extend({
  response: z.looseObject({ clientDataJSON: z.string().max(8192), authenticatorData: z.string().max(8192), signature: z.string().max(8192), userHandle: z.string().max(512).optional() }),
});

export const passkeyName = z.string().trim().min(1).max(80);
export const passkeyDto = z.object({
  id: uuid,
  name: z.string(),
  deviceType: z.enum(['singleDevice', 'multiDevice']),
  backedUp: z.boolean(),
  createdAt: isoDateTime,
  lastUsedAt: isoDateTime.nullable(),
});
export type PasskeyDto = z.infer<typeof passkeyDto>;
export const passkeyListResponse = z.object({ items: z.array(passkeyDto) });
export const registerPasskeyRequest = z.object({ name: passkeyName, response: registrationResponse });
export const renamePasskeyRequest = z.object({ name: passkeyName });
export const removePasskeyRequest = z.object({ password: z.string().min(1).max(256) });
export const passkeySignInRequest = z.object({ response: assertionResponse });

/** Step-up: a fresh factor for a sensitive action. `password` only for users without a second factor. */
export const stepUpRequest = z.discriminatedUnion('method', [
  z.object({ method: z.literal('totp'), code: totpCode }),
  z.object({ method: z.literal('passkey'), response: assertionResponse }),
  z.object({ method: z.literal('password'), password: z.string().min(1).max(256) }),
]);
export type StepUpRequest = z.infer<typeof stepUpRequest>;
export const stepUpResponse = z.object({ stepUpUntil: isoDateTime });
export const rotateSigningKeyResponse = z.object({ kid: z.string(), previousKid: z.string().nullable() });
