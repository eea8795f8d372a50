// Telegram: publishing to a channel through the Bot API with a bot that administers it.
import { defineConnector } from '@diplodesk/connector-sdk';
import { createTelegramChannel } from './telegram-channel.ts';

export { createTelegramChannel, telegramMethodFor } from './telegram-channel.ts';

export default defineConnector(
  {
    id: 'telegram',
    name: 'Telegram',
    capabilities: ['publish'],
    auth: 'bot-token',
    // The bot token is per account (typed into the connect form), so the only setting is the API host.
    env: [{ key: 'TELEGRAM_API_BASE_URL', required: false, secret: false, description: 'Bot API base URL (default https://api.telegram.org; a local Bot API server also works)' }],
    docsUrl: 'https://core.telegram.org/bots/api',
  },
  { publish: (env) => createTelegramChannel(env) },
);
