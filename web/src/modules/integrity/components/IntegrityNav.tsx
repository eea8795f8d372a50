import { Badge, Button, Group } from '@mantine/core';
import { IconAdjustments, IconBuildingBank, IconInbox, IconListSearch, IconShare } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrentMe } from '../../session/hooks/use-me.ts';
import { useFindingCounts } from '../hooks/use-integrity.ts';

export type IntegrityArea = 'findings' | 'claims' | 'accounts' | 'sharing' | 'settings';

const areas: { area: IntegrityArea; to: string; icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean }>; label: string; permission?: 'integrity.manage' }[] = [
  { area: 'findings', to: '/integrity', icon: IconInbox, label: 'integrity.nav.findings' },
  { area: 'claims', to: '/integrity/claims', icon: IconListSearch, label: 'integrity.nav.claims' },
  { area: 'accounts', to: '/integrity/accounts', icon: IconBuildingBank, label: 'integrity.nav.accounts' },
  // Threat sharing is staff work: only those who manage integrity see it.
  { area: 'sharing', to: '/integrity/sharing', icon: IconShare, label: 'integrity.nav.sharing', permission: 'integrity.manage' },
  { area: 'settings', to: '/integrity/settings', icon: IconAdjustments, label: 'integrity.nav.settings' },
];

/** Switches between the integrity areas; the findings button shows how many are open. */
export function IntegrityNav({ active }: { active: IntegrityArea }) {
  const { t } = useTranslation();
  const open = useFindingCounts().data?.open ?? 0;
  const permissions = useCurrentMe().permissions;
  return (
    <Group component="nav" aria-label={t('integrity.nav.label')} gap="xs">
      {areas.filter((a) => !a.permission || permissions.includes(a.permission)).map(({ area, to, icon: Icon, label }) => (
        <Button
          key={area}
          component={Link}
          to={to}
          size="xs"
          variant={active === area ? 'filled' : 'default'}
          leftSection={<Icon size={14} aria-hidden />}
          // The space keeps the visible text "Findings 2", which the name "Findings, 2 open" holds word for word.
          rightSection={
            area === 'findings' && open > 0 ? (
              <>
                {' '}
                <Badge size="xs" color="red" circle aria-hidden>
                  {open}
                </Badge>
              </>
            ) : undefined
          }
          aria-current={active === area ? 'page' : undefined}
          aria-label={area === 'findings' && open > 0 ? `${t(label)}, ${t('integrity.nav.openCount', { count: open })}` : undefined}
        >
          {t(label)}
        </Button>
      ))}
    </Group>
  );
}
