import { Badge, Button, Group } from '@mantine/core';
import { IconBell, IconChartLine, IconListCheck, IconNews, IconRadar, IconUsersGroup, IconWorld } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAlerts } from '../hooks/use-insights.ts';

export type InsightsArea = 'trends' | 'image' | 'alerts' | 'rules' | 'monitors' | 'brief' | 'cooperation';

const areas: { area: InsightsArea; to: string; icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean }>; label: string }[] = [
  { area: 'trends', to: '/insights', icon: IconChartLine, label: 'insights.nav.trends' },
  { area: 'image', to: '/insights/image', icon: IconWorld, label: 'insightsImage.nav' },
  { area: 'alerts', to: '/insights/alerts', icon: IconBell, label: 'insights.nav.alerts' },
  { area: 'rules', to: '/insights/rules', icon: IconListCheck, label: 'insights.nav.rules' },
  { area: 'monitors', to: '/insights/monitors', icon: IconRadar, label: 'insightsMonitors.nav' },
  { area: 'brief', to: '/insights/brief', icon: IconNews, label: 'insightsBrief.nav' },
  { area: 'cooperation', to: '/insights/cooperation', icon: IconUsersGroup, label: 'insightsCooperation.nav' },
];

/** Switches between the insights areas; the alerts button shows how many are open. */
export function InsightsNav({ active }: { active: InsightsArea }) {
  const { t } = useTranslation();
  const open = useAlerts('open').data?.open ?? 0;
  return (
    <Group component="nav" aria-label={t('insights.nav.label')} gap="xs">
      {areas.map(({ area, to, icon: Icon, label }) => {
        const count = area === 'alerts' && open > 0 ? open : null;
        return (
          <Button
            key={area}
            component={Link}
            to={to}
            size="xs"
            variant={active === area ? 'filled' : 'default'}
            leftSection={<Icon size={14} aria-hidden />}
            rightSection={count === null ? undefined : <Badge size="xs" color="red" circle aria-hidden>{count}</Badge>}
            aria-current={active === area ? 'page' : undefined}
            aria-label={count === null ? undefined : t('insights.nav.alertsOpen', { count })}
          >
            {t(label)}
            {/* The space keeps the label and the badge two words ("Alerts 3", not "Alerts3") for whoever
                reads the visible text — speech input, axe's label-in-name check — so the name "Alerts,
                3 open" holds them; at the end of the line it takes no room. */}
            {count === null ? null : ' '}
          </Button>
        );
      })}
    </Group>
  );
}
