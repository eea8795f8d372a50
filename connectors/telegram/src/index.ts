// Telegram: publishing to a channel through the Bot API with a bot that administers it, and
// reading public channels the bot was added to.
import { defineConnector } from '@diplodesk/connector-sdk';
import { createTelegramChannel } from './telegram-channel.ts';
import { createTelegramChannelSource } from './telegram-channel-source.ts';

export { createTelegramChannel, telegramMethodFor } from './telegram-channel.ts';
export { createTelegramChannelSource, TELEGRAM_MAX_ROUNDS } from './telegram-channel-source.ts';
export type { TelegramChannelBatch, TelegramChannelSource } from './telegram-channel-source.ts';

export default defineConnector(
  {
    id: 'telegram',
    name: 'Telegram',
    capabilities: ['publish', 'ingest'],
    auth: 'bot-token',
    // The bot token is per account (typed into the connect form), so the only setting is the API host.
    env: [
      { key: 'TELEGRAM_API_BASE_URL', required: false, secret: false, description: 'Bot API base URL (default https://api.telegram.org; a local Bot API server also works)' },
      { key: 'TELEGRAM_POLL_TIMEOUT_S', required: false, secret: false, description: 'Long-poll wait of one getUpdates when reading channels, 0–5 seconds (default 2)' },
    ],
    docsUrl: 'https://core.telegram.org/bots/api',
  },
  { publish: (env, { outbound }) => createTelegramChannel(env, outbound), ingest: (env, { outbound }) => createTelegramChannelSource(env, outbound) },
);
