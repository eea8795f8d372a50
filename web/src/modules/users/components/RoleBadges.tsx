import type { MembershipDto } from '@diplodesk/contracts';
import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NotSet } from '../../../ui/NotSet.tsx';

/** "Editor · Embassy in Tokyo" for each membership. */
export function RoleBadges({ memberships }: { memberships: readonly MembershipDto[] }) {
  const { t } = useTranslation();
  if (memberships.length === 0) return <NotSet />;
  return (
    <Group gap={4}>
      {memberships.map((membership) => (
        <Badge key={membership.id} variant="default" radius="sm" tt="none" fw={500} maw={260}>
          {t(`roles.${membership.role}`)} · {membership.unitName}
        </Badge>
      ))}
    </Group>
  );
}
