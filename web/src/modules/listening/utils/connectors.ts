/**
 * Connectors offered when adding a source, with the settings each one asks for. The server decides
 * which are installed; one that is not answers `listening-source.connector-unavailable`.
 */
export type ConnectorId = 'rss' | 'gdelt' | 'import' | 'mastodon' | 'bluesky' | 'x' | 'youtube' | 'telegram';

export interface ConnectorField {
  key: string;
  /** Translation key of the label. */
  label: string;
  /** Translation key of a short hint, if any. */
  hint?: string;
  kind: 'text' | 'url' | 'secret' | 'select' | 'json';
  required?: boolean;
  options?: { value: string; label: string }[];
  /** What the connector does when the setting is absent, shown as the select's initial choice (not sent unless changed). */
  defaultValue?: string;
}

export interface ConnectorSpec {
  id: ConnectorId;
  label: string;
  /** Translation key of a one-line description. */
  description: string;
  fields: ConnectorField[];
  /** False: shown for existing sources only. File imports are uploaded (or run by the operator), never pointed at a server path. */
  creatable?: boolean;
}

export const connectorSpecs: ConnectorSpec[] = [
  {
    id: 'rss',
    label: 'listening.connectors.rss.name',
    description: 'listening.connectors.rss.description',
    fields: [
      { key: 'url', label: 'listening.fields.feedUrl', kind: 'url', required: true },
      {
        // The connector fetches article pages only for 'on'; an absent setting means off.
        key: 'fullArticle',
        label: 'listening.fields.fullArticle',
        hint: 'listening.fields.fullArticleHint',
        kind: 'select',
        defaultValue: 'off',
        options: [
          { value: 'off', label: 'listening.fields.fullArticleOff' },
          { value: 'on', label: 'listening.fields.fullArticleOn' },
        ],
      },
    ],
  },
  {
    id: 'gdelt',
    label: 'listening.connectors.gdelt.name',
    description: 'listening.connectors.gdelt.description',
    fields: [
      {
        key: 'mode',
        label: 'listening.fields.gdeltMode',
        kind: 'select',
        required: true,
        options: [
          { value: 'live', label: 'listening.fields.gdeltLive' },
          { value: 'file', label: 'listening.fields.gdeltFile' },
        ],
      },
      { key: 'path', label: 'listening.fields.filePath', hint: 'listening.fields.filePathHint', kind: 'text' },
    ],
  },
  {
    id: 'import',
    label: 'listening.connectors.import.name',
    description: 'listening.connectors.import.description',
    creatable: false,
    fields: [
      { key: 'path', label: 'listening.fields.filePath', hint: 'listening.fields.filePathHint', kind: 'text', required: true },
      { key: 'mapping', label: 'listening.fields.mapping', hint: 'listening.fields.mappingHint', kind: 'json' },
    ],
  },
  {
    id: 'mastodon',
    label: 'listening.connectors.mastodon.name',
    description: 'listening.connectors.mastodon.description',
    fields: [
      { key: 'instanceUrl', label: 'listening.fields.instanceUrl', kind: 'url', required: true },
      { key: 'hashtag', label: 'listening.fields.hashtag', kind: 'text' },
      { key: 'account', label: 'listening.fields.account', kind: 'text' },
      { key: 'accessToken', label: 'listening.fields.accessToken', hint: 'listening.fields.secretHint', kind: 'secret' },
    ],
  },
  {
    id: 'bluesky',
    label: 'listening.connectors.bluesky.name',
    description: 'listening.connectors.bluesky.description',
    fields: [{ key: 'keywords', label: 'listening.fields.keywords', kind: 'text', required: true }],
  },
  {
    id: 'x',
    label: 'listening.connectors.x.name',
    description: 'listening.connectors.x.description',
    fields: [
      { key: 'query', label: 'listening.fields.query', kind: 'text', required: true },
      { key: 'bearerToken', label: 'listening.fields.bearerToken', hint: 'listening.fields.secretHint', kind: 'secret', required: true },
    ],
  },
  {
    id: 'youtube',
    label: 'listening.connectors.youtube.name',
    description: 'listening.connectors.youtube.description',
    fields: [
      { key: 'channelId', label: 'listening.fields.channelId', kind: 'text', required: true },
      { key: 'apiKey', label: 'listening.fields.apiKey', hint: 'listening.fields.secretHint', kind: 'secret', required: true },
    ],
  },
  {
    id: 'telegram',
    label: 'listening.connectors.telegram.name',
    description: 'listening.connectors.telegram.description',
    fields: [
      { key: 'chat', label: 'listening.fields.chat', kind: 'text', required: true },
      { key: 'botToken', label: 'listening.fields.botToken', hint: 'listening.fields.secretHint', kind: 'secret', required: true },
    ],
  },
];

export function connectorSpec(id: string): ConnectorSpec | undefined {
  return connectorSpecs.find((c) => c.id === id);
}

/** Intervals offered between polls, in seconds. */
export const pollIntervals = [300, 900, 1800, 3600, 21_600, 86_400] as const;
