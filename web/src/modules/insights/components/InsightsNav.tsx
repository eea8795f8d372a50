import { Badge, Button, Group } from '@mantine/core';
import { IconBell, IconChartLine, IconListCheck, IconRadar } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAlerts } from '../hooks/use-insights.ts';

export type InsightsArea = 'trends' | 'alerts' | 'rules' | 'monitors';

const areas: { area: InsightsArea; to: string; icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean }> }[] = [
  { area: 'trends', to: '/insights', icon: IconChartLine },
  { area: 'alerts', to: '/insights/alerts', icon: IconBell },
  { area: 'rules', to: '/insights/rules', icon: IconListCheck },
  { area: 'monitors', to: '/insights/monitors', icon: IconRadar },
];

/** Switches between the insights areas; the alerts button shows how many are open. */
export function InsightsNav({ active }: { active: InsightsArea }) {
  const { t } = useTranslation();
  const open = useAlerts('open').data?.open ?? 0;
  return (
    <Group component="nav" aria-label={t('insights.nav.label')} gap="xs">
      {areas.map(({ area, to, icon: Icon }) => (
        <Button
          key={area}
          component={Link}
          to={to}
          size="xs"
          variant={active === area ? 'filled' : 'default'}
          leftSection={<Icon size={14} aria-hidden />}
          rightSection={area === 'alerts' && open > 0 ? <Badge size="xs" color="red" circle aria-hidden>{open}</Badge> : undefined}
          aria-current={active === area ? 'page' : undefined}
          aria-label={area === 'alerts' && open > 0 ? t('insights.nav.alertsOpen', { count: open }) : undefined}
        >
          {area === 'monitors' ? t('insightsMonitors.nav') : t(`insights.nav.${area}`)}
        </Button>
      ))}
    </Group>
  );
}
