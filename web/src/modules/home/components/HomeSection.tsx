import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';

export interface HomeSectionProps {
  id: string;
  title: string;
  /** Where the whole section leads (e.g. the inbox), with its label. */
  to: string;
  linkLabel: string;
  error?: unknown;
  loading?: boolean;
  children: ReactNode;
}

/** One card of the home dashboard: a heading, a link to the full view, and what needs the person now. */
export function HomeSection({ id, title, to, linkLabel, error, loading, children }: HomeSectionProps) {
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Group justify="space-between" align="baseline" wrap="wrap" gap="xs">
          <Title order={2} size="h4" id={id}>
            {title}
          </Title>
          <Anchor component={Link} to={to} size="sm">
            {linkLabel}
          </Anchor>
        </Group>
        {error ? <ErrorAlert error={error} /> : loading ? <Text size="sm" c="dimmed" aria-busy>…</Text> : children}
      </Stack>
    </Card>
  );
}

/** What to do when a section is empty: a sentence and the link that starts it. */
export function EmptyHint({ text, to, action }: { text: string; to?: string; action?: string }) {
  return (
    <Text size="sm" c="dimmed">
      {text}{' '}
      {to && action ? (
        <Anchor component={Link} to={to} size="sm" underline="always">
          {action}
        </Anchor>
      ) : null}
    </Text>
  );
}
