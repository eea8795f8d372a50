import { z } from 'zod';
import type { IdentityProvider, IngestSource, MediaProvider, PublishChannel } from './capabilities.ts';
import type { ConnectorContext } from './outbound.ts';

/** Capabilities a connector may declare. */
export const CAPABILITIES = ['publish', 'ingest', 'media', 'identity'] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** A connector's static description; validated at registration so a typo fails at boot, not at publish time. */
export const connectorManifestSchema = z.object({
  /** Kebab-case, stable: it keys stored accounts (`x`, `mastodon`, `youtube`). */
  id: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
  name: z.string().min(1),
  capabilities: z.array(z.enum(CAPABILITIES)).min(1),
  auth: z.enum(['oauth2-pkce', 'oauth2', 'app-password', 'bot-token', 'none']),
  /**
   * Environment variables the connector needs (e.g. `X_CLIENT_ID`). The connector registers only
   * when all required keys are set, so an unconfigured platform is simply absent.
   */
  env: z
    .array(
      z.object({
        key: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
        required: z.boolean().default(true),
        secret: z.boolean().default(false),
        description: z.string(),
        /** The capability the key belongs to; `required` then holds for that capability only (X's OAuth app is needed to publish, not to listen). */
        capability: z.enum(CAPABILITIES).optional(),
      }),
    )
    .default([]),
  /** Where an operator learns to create the platform app (developer portal, app review steps). */
  docsUrl: z.url(),
});
export type ConnectorManifest = z.output<typeof connectorManifestSchema>;
export type ConnectorManifestInput = z.input<typeof connectorManifestSchema>;

/**
 * The implementation object for each declared capability. The context is required: it carries the
 * only network access a connector has (`context.outbound`), so none can fall back to global fetch.
 */
export interface ConnectorImplementations {
  publish?: (env: Record<string, string>, context: ConnectorContext) => PublishChannel;
  ingest?: (env: Record<string, string>, context: ConnectorContext) => IngestSource;
  media?: (env: Record<string, string>, context: ConnectorContext) => MediaProvider;
  identity?: (env: Record<string, string>, context: ConnectorContext) => IdentityProvider;
}

export interface ConnectorDefinition {
  manifest: ConnectorManifest;
  implementations: ConnectorImplementations;
  /**
   * Whether every required env key is present (and non-empty) in `env` — for one capability when
   * given (keys tied to another capability are then ignored), else for all of them.
   */
  isConfigured(env: Record<string, string | undefined>, capability?: Capability): boolean;
}

/**
 * Declares a connector: validates its manifest and checks that each declared capability has an
 * implementation (and no undeclared one sneaks in).
 *
 * @example
 * export default defineConnector(
 *   { id: 'mastodon', name: 'Mastodon', capabilities: ['publish'], auth: 'oauth2-pkce', docsUrl: 'https://docs.joinmastodon.org/client/token/' },
 *   { publish: (env, { outbound }) => createMastodonChannel(env, outbound) },
 * );
 */
export function defineConnector(manifest: ConnectorManifestInput, implementations: ConnectorImplementations): ConnectorDefinition {
  const parsed = connectorManifestSchema.parse(manifest);
  for (const capability of CAPABILITIES) {
    const declared = parsed.capabilities.includes(capability);
    const implemented = implementations[capability] !== undefined;
    if (declared !== implemented) {
      throw new Error(`Connector ${parsed.id}: capability "${capability}" is ${declared ? 'declared but not implemented' : 'implemented but not declared'}`);
    }
  }
  return {
    manifest: parsed,
    implementations,
    isConfigured: (env, capability) => parsed.env.every((e) => !e.required || (capability && e.capability && e.capability !== capability) || Boolean(env[e.key])),
  };
}
