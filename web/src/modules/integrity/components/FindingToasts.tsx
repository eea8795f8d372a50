import { integrityLiveEvents } from '@diplodesk/contracts';
import { Anchor } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconShieldExclamation } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { liveEventName } from '../../live/components/LiveUpdatesProvider.tsx';
import { detectorLabelKey, severityColor } from '../utils/finding-labels.ts';

type LiveEventDetail = { type: string; data: Record<string, unknown> };

/** A toast wherever the person is in the app when a finding of their units is raised. */
export function FindingToasts({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  useEffect(() => {
    if (!enabled) return;
    const onEvent = (event: Event) => {
      const detail = (event as CustomEvent<LiveEventDetail>).detail;
      if (detail?.type !== integrityLiveEvents.findingRaised) return;
      const id = typeof detail.data.findingId === 'string' ? detail.data.findingId : null;
      const detector = typeof detail.data.detector === 'string' ? detail.data.detector : '';
      const severity = typeof detail.data.severity === 'string' ? detail.data.severity : 'medium';
      notifications.show({
        color: severityColor(severity),
        autoClose: 15_000,
        icon: <IconShieldExclamation size={18} aria-hidden />,
        title: t('integrity.findings.toastTitle', { detector: t(detectorLabelKey(detector)), severity: t(`integrity.severity.${severity}`, { defaultValue: severity }) }),
        message: (
          <Anchor component="button" type="button" size="sm" onClick={() => navigate(id ? `/integrity/findings/${id}` : '/integrity')}>
            {t('integrity.findings.toastOpen')}
          </Anchor>
        ),
        closeButtonProps: { 'aria-label': t('common.close') },
      });
    };
    window.addEventListener(liveEventName, onEvent);
    return () => window.removeEventListener(liveEventName, onEvent);
  }, [enabled, t, navigate]);
  return null;
}
