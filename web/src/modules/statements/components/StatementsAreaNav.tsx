import { Badge, Group, ScrollArea, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconCalendar, IconInbox, IconListDetails, IconPlugConnected, IconSettings } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useClearanceInbox } from '../hooks/use-statements.ts';

export type StatementsArea = 'statements' | 'inbox' | 'calendar' | 'channels' | 'settings';

/** Works out which tab a location belongs to, so pages need not pass it. */
function areaOf(pathname: string, search: string): StatementsArea {
  if (pathname.startsWith('/statements/calendar')) return 'calendar';
  if (pathname.startsWith('/statements/channels')) return 'channels';
  if (pathname.startsWith('/statements/settings')) return 'settings';
  if (new URLSearchParams(search).get('view') === 'inbox') return 'inbox';
  return 'statements';
}

/**
 * The tab bar at the top of every Statements desk page: Statements · My clearances · Calendar ·
 * Channels · Settings. "My clearances" carries the number of statements waiting for my decision.
 */
export function StatementsAreaNav({ active }: { active?: StatementsArea }) {
  const { t } = useTranslation();
  const location = useLocation();
  const current = active ?? areaOf(location.pathname, location.search);
  const inbox = useClearanceInbox();
  const awaiting = inbox.data?.counts.awaitingMe ?? 0;

  const items = [
    { key: 'statements', to: '/statements', label: t('statements.areaNav.statements'), Icon: IconListDetails },
    { key: 'inbox', to: '/statements?view=inbox', label: t('statements.areaNav.inbox'), Icon: IconInbox },
    { key: 'calendar', to: '/statements/calendar', label: t('statements.areaNav.calendar'), Icon: IconCalendar },
    { key: 'channels', to: '/statements/channels', label: t('statements.areaNav.channels'), Icon: IconPlugConnected },
    { key: 'settings', to: '/statements/settings', label: t('statements.areaNav.settings'), Icon: IconSettings },
  ] as const;

  return (
    <ScrollArea type="never" mb="md">
      <Group component="nav" aria-label={t('statements.areaNav.label')} gap={4} wrap="nowrap">
        {items.map(({ key, to, label, Icon }) => {
          const isCurrent = key === current;
          return (
            <UnstyledButton
              key={key}
              component={Link}
              to={to}
              aria-current={isCurrent ? 'page' : undefined}
              px="sm"
              py={6}
              style={{
                borderRadius: 'var(--mantine-radius-sm)',
                whiteSpace: 'nowrap',
                display: 'inline-flex',
                alignItems: 'center',
                gap: 6,
                fontSize: 'var(--mantine-font-size-sm)',
                fontWeight: isCurrent ? 700 : 500,
                background: isCurrent ? 'var(--mantine-color-navy-0, var(--mantine-color-blue-0))' : undefined,
                color: isCurrent ? 'var(--mantine-color-navy-9, var(--mantine-color-blue-9))' : 'var(--mantine-color-text)',
                borderBottom: isCurrent ? '2px solid var(--mantine-color-navy-7, var(--mantine-color-blue-7))' : '2px solid transparent',
              }}
            >
              <Icon size={16} stroke={1.7} aria-hidden />
              {label}
              {key === 'inbox' && awaiting > 0 ? (
                <>
                  <Badge size="sm" circle color="red" aria-hidden>
                    {awaiting}
                  </Badge>
                  <VisuallyHidden>{t('statements.areaNav.awaitingBadge', { count: awaiting })}</VisuallyHidden>
                </>
              ) : null}
            </UnstyledButton>
          );
        })}
      </Group>
    </ScrollArea>
  );
}
