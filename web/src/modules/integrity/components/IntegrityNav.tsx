import { Badge, Button, Group } from '@mantine/core';
import { IconAdjustments, IconInbox, IconListSearch } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFindingCounts } from '../hooks/use-integrity.ts';

export type IntegrityArea = 'findings' | 'claims' | 'settings';

const areas: { area: IntegrityArea; to: string; icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean }>; label: string }[] = [
  { area: 'findings', to: '/integrity', icon: IconInbox, label: 'integrity.nav.findings' },
  { area: 'claims', to: '/integrity/claims', icon: IconListSearch, label: 'integrity.nav.claims' },
  { area: 'settings', to: '/integrity/settings', icon: IconAdjustments, label: 'integrity.nav.settings' },
];

/** Switches between the integrity areas; the findings button shows how many are open. */
export function IntegrityNav({ active }: { active: IntegrityArea }) {
  const { t } = useTranslation();
  const open = useFindingCounts().data?.open ?? 0;
  return (
    <Group component="nav" aria-label={t('integrity.nav.label')} gap="xs">
      {areas.map(({ area, to, icon: Icon, label }) => (
        <Button
          key={area}
          component={Link}
          to={to}
          size="xs"
          variant={active === area ? 'filled' : 'default'}
          leftSection={<Icon size={14} aria-hidden />}
          rightSection={area === 'findings' && open > 0 ? <Badge size="xs" color="red" circle aria-hidden>{open}</Badge> : undefined}
          aria-current={active === area ? 'page' : undefined}
          aria-label={area === 'findings' && open > 0 ? `${t(label)} (${t('integrity.nav.openCount', { count: open })})` : undefined}
        >
          {t(label)}
        </Button>
      ))}
    </Group>
  );
}
