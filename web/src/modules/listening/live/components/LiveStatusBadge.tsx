import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LiveConnection } from '../hooks/use-live-stream.ts';

const colours = { live: 'teal', connecting: 'gray', reconnecting: 'orange', paused: 'gray' } as const;

/** Whether the stream is live, paused or reconnecting — in words, not only a colour. */
export function LiveStatusBadge({ connection, paused }: { connection: LiveConnection; paused: boolean }) {
  const { t } = useTranslation();
  const state = connection === 'live' && paused ? 'paused' : connection;
  return (
    <Badge role="status" variant="dot" color={colours[state]} size="lg" style={{ textTransform: 'none' }}>
      {t(`listeningLive.status.${state}`)}
    </Badge>
  );
}
