import { Button, Group } from '@mantine/core';
import { IconRss, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** Switches between search and sources; the current one is marked for assistive technology. */
export function ListeningNav({ active }: { active: 'search' | 'sources' }) {
  const { t } = useTranslation();
  return (
    <Group component="nav" aria-label={t('listening.nav.label')} gap="xs" mb="md">
      <Button component={Link} to="/listening" size="xs" variant={active === 'search' ? 'filled' : 'default'} leftSection={<IconSearch size={14} aria-hidden />} aria-current={active === 'search' ? 'page' : undefined}>
        {t('listening.nav.search')}
      </Button>
      <Button component={Link} to="/listening/sources" size="xs" variant={active === 'sources' ? 'filled' : 'default'} leftSection={<IconRss size={14} aria-hidden />} aria-current={active === 'sources' ? 'page' : undefined}>
        {t('listening.nav.sources')}
      </Button>
    </Group>
  );
}
