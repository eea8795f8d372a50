import bluesky from '@diplodesk/connector-bluesky';
import facebook from '@diplodesk/connector-facebook';
import gdelt from '@diplodesk/connector-gdelt';
import importFiles from '@diplodesk/connector-import';
import mastodon from '@diplodesk/connector-mastodon';
import rss from '@diplodesk/connector-rss';
import type { ConnectorDefinition, ConnectorManifest, IngestSource, PublishChannel } from '@diplodesk/connector-sdk';
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
 * Instantiates every definition whose env is configured. An unconfigured platform is simply
 * absent, so a deployment without X keys never offers X.
 */
export function createConnectorRegistry(definitions: readonly ConnectorDefinition[], env: Record<string, string | undefined>): ConnectorRegistry {
  const cleanEnv = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  const byId = new Map<string, ConfiguredConnector>();
  for (const def of definitions) {
    if (byId.has(def.manifest.id)) throw new Error(`connector "${def.manifest.id}" is registered twice`);
    if (!def.isConfigured(cleanEnv)) continue;
    byId.set(def.manifest.id, { manifest: def.manifest, publish: def.implementations.publish?.(cleanEnv) ?? null, ingest: def.implementations.ingest?.(cleanEnv) ?? null });
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
