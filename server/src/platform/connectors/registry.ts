import bluesky from '@diplodesk/connector-bluesky';
import facebook from '@diplodesk/connector-facebook';
import gdelt from '@diplodesk/connector-gdelt';
import importFiles from '@diplodesk/connector-import';
import mastodon from '@diplodesk/connector-mastodon';
import rss from '@diplodesk/connector-rss';
import type { ConnectorDefinition, ConnectorManifest, IngestSource, OutboundHttp, PublishChannel } from '@diplodesk/connector-sdk';
import telegram from '@diplodesk/connector-telegram';
import x from '@diplodesk/connector-x';
import youtube from '@diplodesk/connector-youtube';

/** The six publishing platforms DiploDesk ships connectors for, in the order the UI lists them. */
export const BUILT_IN_CONNECTORS = ['x', 'facebook', 'youtube', 'mastodon', 'bluesky', 'telegram'] as const;

export type ConfiguredConnector = {
  manifest: ConnectorManifest;
  publish: PublishChannel | null;
  ingest: IngestSource | null;
};

export type ConnectorRegistry = {
  /** Connectors whose required environment is set, in registration order. */
  list(): ConfiguredConnector[];
  get(id: string): ConfiguredConnector | null;
  /** The publishing channel for `id`, or null when that platform is not configured here. */
  publisher(id: string): PublishChannel | null;
  /** The listening source for `id`, or null when not configured here. */
  ingester(id: string): IngestSource | null;
};

/**
 * Instantiates each capability of every definition whose env for it is configured. An
 * unconfigured capability is simply absent, so a deployment without X's OAuth app never offers
 * publishing to X, while X search can still listen with a source's own bearer token. Every
 * connector reaches the network only through `outbound` (the server passes its guard).
 */
export function createConnectorRegistry(definitions: readonly ConnectorDefinition[], env: Record<string, string | undefined>, outbound: OutboundHttp): ConnectorRegistry {
  const context = { outbound };
  const cleanEnv = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  const byId = new Map<string, ConfiguredConnector>();
  for (const def of definitions) {
    if (byId.has(def.manifest.id)) throw new Error(`connector "${def.manifest.id}" is registered twice`);
    // Each capability stands on its own keys: X listening needs no publishing app, and the reverse.
    const publish = def.implementations.publish && def.isConfigured(cleanEnv, 'publish') ? def.implementations.publish(cleanEnv, context) : null;
    const ingest = def.implementations.ingest && def.isConfigured(cleanEnv, 'ingest') ? def.implementations.ingest(cleanEnv, context) : null;
    if (!publish && !ingest) continue;
    byId.set(def.manifest.id, { manifest: def.manifest, publish, ingest });
  }
  return {
    list: () => [...byId.values()],
    get: (id) => byId.get(id) ?? null,
    publisher: (id) => byId.get(id)?.publish ?? null,
    ingester: (id) => byId.get(id)?.ingest ?? null,
  };
}

/** The built-in connector definitions (each platform's package, shipped with the server): publishing, then listening. */
export function builtInConnectors(): ConnectorDefinition[] {
  return [x, facebook, youtube, mastodon, bluesky, telegram, rss, gdelt, importFiles];
}
