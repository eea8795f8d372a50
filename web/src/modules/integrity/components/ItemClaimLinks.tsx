import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconShieldExclamation } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { fetchItemClaimLinks } from '../api/integrity.api.ts';
import { useDecideClaimLink } from '../hooks/use-integrity.ts';
import { ClaimDebunk } from './ClaimDebunk.tsx';

/** On an item's page: the known false claims it repeats, each with its debunk, to confirm or reject. Nothing when it repeats none. */
export function ItemClaimLinks({ itemId }: { itemId: string }) {
  const { t } = useTranslation();
  const links = useQuery({ queryKey: ['integrity', 'claims', 'item', itemId], queryFn: ({ signal }) => fetchItemClaimLinks(itemId, signal) });
  const decide = useDecideClaimLink();
  const shown = (links.data?.items ?? []).filter((l) => l.state !== 'rejected');
  if (shown.length === 0) return <ErrorAlert error={links.error} />;
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} bg="var(--mantine-color-red-0)" component="section" aria-labelledby="item-claims-heading">
      <Stack gap="sm">
        <Group gap="xs">
          <IconShieldExclamation size={20} aria-hidden color="var(--mantine-color-red-8)" />
          <Title order={2} size="h4" id="item-claims-heading">
            {t('integrity.itemClaims.title', { count: shown.length })}
          </Title>
        </Group>
        {shown.map((l) => (
          <Stack key={l.id} gap="xs">
            <Group gap="xs">
              <Badge variant="outline" color="dark">
                {t(`integrity.linkState.${l.state}`)}
              </Badge>
            </Group>
            <ClaimDebunk claim={l.claim} />
            <Group gap="sm">
              <Anchor component={Link} to={`/integrity/claims/${l.claimId}`} size="sm">
                {t('integrity.finding.openClaim')}
              </Anchor>
              {l.policies.confirm ? (
                <Button size="xs" color="green" variant="light" loading={decide.isPending && decide.variables?.id === l.id} onClick={() => decide.mutate({ id: l.id, verb: 'confirm' })}>
                  {t('integrity.claim.confirm')}
                </Button>
              ) : null}
              {l.policies.reject ? (
                <Button size="xs" color="gray" variant="light" loading={decide.isPending && decide.variables?.id === l.id} onClick={() => decide.mutate({ id: l.id, verb: 'reject' })}>
                  {t('integrity.claim.reject')}
                </Button>
              ) : null}
            </Group>
          </Stack>
        ))}
        <ErrorAlert error={decide.error} />
        {shown.length > 0 ? (
          <Text size="xs" c="dimmed">
            {t('integrity.itemClaims.note')}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
