import { Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export interface PageHeaderProps {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  /** Pages use h1; a tab inside a page uses h2. */
  order?: 1 | 2;
  /** Space below; pages that lay out with a Stack gap pass 0. */
  mb?: 0 | 'md' | 'lg';
}

export function PageHeader({ title, description, actions, order = 1, mb = 'lg' }: PageHeaderProps) {
  return (
    <Group justify="space-between" align="flex-start" gap="md" mb={mb} wrap="wrap">
      <Stack gap={4} style={{ flex: '1 1 18rem', minWidth: 0 }}>
        <Title order={order} style={{ overflowWrap: 'anywhere' }}>
          {title}
        </Title>
        {description ? (
          <Text c="dimmed" size="sm" maw={720}>
            {description}
          </Text>
        ) : null}
      </Stack>
      {actions ? <Group gap="sm">{actions}</Group> : null}
    </Group>
  );
}
