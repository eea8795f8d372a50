import { Anchor } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconClockExclamation } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { liveEventName } from '../../live/components/LiveUpdatesProvider.tsx';
import { useMe } from '../../session/hooks/use-me.ts';

type LiveEventDetail = { type: string; data: Record<string, unknown> };

/**
 * Tells the person who drafted a statement, wherever they are in the app, that its clearance was
 * still pending at the scheduled time and it was therefore not published.
 */
export function ExpiryNotices() {
  const { t } = useTranslation();
  const me = useMe();
  const userId = me.data?.user.id;
  // Notifications render outside the router: the link navigates through this component's router.
  const navigate = useNavigate();
  useEffect(() => {
    if (!userId) return;
    const onEvent = (event: Event) => {
      const detail = (event as CustomEvent<LiveEventDetail>).detail;
      if (detail?.type !== 'statements.statement-changed') return;
      const data = detail.data;
      if (data.change !== 'expired' || data.ownerId !== userId || typeof data.statementId !== 'string') return;
      notifications.show({
        color: 'orange',
        autoClose: false,
        icon: <IconClockExclamation size={18} aria-hidden />,
        title: t('statements.live.expiredTitle'),
        message: (
          <Anchor component="button" type="button" size="sm" onClick={() => navigate(`/statements/${data.statementId}`)}>
            {t('statements.live.expiredBody', { title: typeof data.title === 'string' ? data.title : '' })}
          </Anchor>
        ),
        closeButtonProps: { 'aria-label': t('common.close') },
      });
    };
    window.addEventListener(liveEventName, onEvent);
    return () => window.removeEventListener(liveEventName, onEvent);
  }, [userId, t, navigate]);
  return null;
}
