import { Button, Group } from '@mantine/core';
import { IconBroadcast, IconFileImport, IconRss, IconSearch, IconTags } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export type ListeningArea = 'search' | 'live' | 'sources' | 'import' | 'topics';

const areas: { area: ListeningArea; to: string; icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean }> }[] = [
  { area: 'search', to: '/listening', icon: IconSearch },
  { area: 'live', to: '/listening/live', icon: IconBroadcast },
  { area: 'sources', to: '/listening/sources', icon: IconRss },
  { area: 'import', to: '/listening/import', icon: IconFileImport },
  { area: 'topics', to: '/listening/topics', icon: IconTags },
];

/** Switches between the listening areas; the current one is marked for assistive technology. */
export function ListeningNav({ active }: { active: ListeningArea }) {
  const { t } = useTranslation();
  return (
    <Group component="nav" aria-label={t('listening.nav.label')} gap="xs" mb="md">
      {areas.map(({ area, to, icon: Icon }) => (
        <Button key={area} component={Link} to={to} size="xs" variant={active === area ? 'filled' : 'default'} leftSection={<Icon size={14} aria-hidden />} aria-current={active === area ? 'page' : undefined}>
          {t(`listening.nav.${area}`)}
        </Button>
      ))}
    </Group>
  );
}
