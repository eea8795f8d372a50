import { integrityLiveEvents } from '@diplodesk/contracts';
import { Anchor } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconShieldExclamation, IconUserCheck } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { liveEventName } from '../../live/components/LiveUpdatesProvider.tsx';
import { detectorLabelKey, severityColor } from '../utils/finding-labels.ts';

type LiveEventDetail = { type: string; data: Record<string, unknown> };

/**
 * A toast wherever the person is in the app when a finding of their units is raised, and when
 * someone else assigns a finding to them.
 */
export function FindingToasts({ enabled, userId }: { enabled: boolean; userId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  useEffect(() => {
    if (!enabled) return;
    const onEvent = (event: Event) => {
      const detail = (event as CustomEvent<LiveEventDetail>).detail;
      const id = typeof detail?.data.findingId === 'string' ? detail.data.findingId : null;
      if (detail?.type === integrityLiveEvents.findingChanged && detail.data.action === 'assign' && detail.data.assigneeId === userId && detail.data.assignedBy !== userId) {
        notifications.show({
          color: 'blue',
          autoClose: 15_000,
          icon: <IconUserCheck size={18} aria-hidden />,
          title: t('integrity.finding.assignedToastTitle'),
          message: (
            <Anchor component="button" type="button" size="sm" onClick={() => navigate(id ? `/integrity/findings/${id}` : '/integrity')}>
              {t('integrity.findings.toastOpen')}
            </Anchor>
          ),
          closeButtonProps: { 'aria-label': t('common.close') },
        });
        return;
      }
      if (detail?.type !== integrityLiveEvents.findingRaised) return;
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
  }, [enabled, userId, t, navigate]);
  return null;
}
