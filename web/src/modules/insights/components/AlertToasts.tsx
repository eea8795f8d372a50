import { Anchor } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBellRinging } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { toUiLocale } from '../../../lib/intl.ts';
import { liveEventName } from '../../live/components/LiveUpdatesProvider.tsx';

type LiveEventDetail = { type: string; data: Record<string, unknown> };

/** A toast wherever the person is in the app when an alert of their units is raised (not in its quiet hours). */
export function AlertToasts({ enabled }: { enabled: boolean }) {
  const { t, i18n } = useTranslation();
  // Notifications render outside the router: the link navigates through this component's router.
  const navigate = useNavigate();
  useEffect(() => {
    if (!enabled) return;
    const onEvent = (event: Event) => {
      const detail = (event as CustomEvent<LiveEventDetail>).detail;
      if (detail?.type !== 'insights.alert-raised') return;
      const labels = detail.data.ruleLabels as { en: string; id: string } | null | undefined;
      // A seeded monitor's warning carries its name in both languages.
      const name = labels ? labels[toUiLocale(i18n.resolvedLanguage)] : typeof detail.data.ruleName === 'string' ? detail.data.ruleName : '';
      notifications.show({
        color: 'red',
        autoClose: 15_000,
        icon: <IconBellRinging size={18} aria-hidden />,
        title: t('insights.alerts.toastTitle', { name }),
        message: (
          <Anchor component="button" type="button" size="sm" onClick={() => navigate('/insights/alerts')}>
            {t('insights.alerts.toastOpen')}
          </Anchor>
        ),
        closeButtonProps: { 'aria-label': t('common.close') },
      });
    };
    window.addEventListener(liveEventName, onEvent);
    return () => window.removeEventListener(liveEventName, onEvent);
  }, [enabled, t, i18n, navigate]);
  return null;
}
