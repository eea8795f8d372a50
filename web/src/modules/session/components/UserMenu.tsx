import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrentMe } from '../hooks/use-me.ts';
import { useSignOut } from '../hooks/use-sign-out.ts';
import { initialsOf } from '../utils/initials.ts';

export function UserMenu() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const signOut = useSignOut();
  const name = me.user.displayName;

  return (
    // Without Mantine's initial-focus placeholder: it is a role="presentation" node inside
    // role="menu", which screen readers and axe reject. Focus goes to the first item instead.
    <Menu position="bottom-end" shadow="md" width={220} withInitialFocusPlaceholder={false}>
      <Menu.Target>
        {/* Named "<name>, account menu": the visible name leads the accessible one (WCAG 2.5.3). The
            initials are drawn by CSS (global.css), so they are not text the name would have to hold. */}
        <UnstyledButton aria-label={`${name}, ${t('userMenu.what')}`} c="white" px={6} py={4} style={{ borderRadius: 4 }}>
          <Group gap={8} wrap="nowrap">
            <Avatar size={30} radius="xl" color="navy.1" variant="filled" aria-hidden>
              <Text span size="xs" fw={700} c="navy.9" className="dd-initials" data-initials={initialsOf(name)} />
            </Avatar>
            <Text span size="sm" fw={500} visibleFrom="sm" maw={180} truncate="end">
              {name}
            </Text>
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        {/* A disabled item, not Menu.Label: role="menu" may only hold menu items (axe). */}
        <Menu.Item disabled>
          <Text size="xs" truncate="end">
            {me.user.email}
          </Text>
        </Menu.Item>
        <Menu.Item component={Link} to="/profile" leftSection={<IconUserCircle size={16} aria-hidden />}>
          {t('userMenu.profile')}
        </Menu.Item>
        <Menu.Item
          leftSection={<IconLogout size={16} aria-hidden />}
          onClick={() => signOut.mutate()}
          disabled={signOut.isPending}
        >
          {t('userMenu.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
