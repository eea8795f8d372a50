import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface DebunkView {
  claimReviewed: string;
  rating: string;
  url: string | null;
  reviewAuthor: string | null;
  disproof: string | null;
}

/** A claim as registered and its debunk: the verdict, who reviewed it, the disproof and its address. */
export function ClaimDebunk({ claim }: { claim: DebunkView }) {
  const { t } = useTranslation();
  return (
    <Stack gap={6}>
      <Group gap="xs" wrap="wrap">
        <Badge color="red" variant="light">
          {claim.rating}
        </Badge>
        {claim.reviewAuthor ? (
          <Text size="sm" c="dimmed">
            {t('integrity.claim.reviewedBy', { author: claim.reviewAuthor })}
          </Text>
        ) : null}
      </Group>
      <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
        {claim.claimReviewed}
      </Text>
      {claim.disproof ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {claim.disproof}
        </Text>
      ) : null}
      {claim.url ? (
        <Anchor href={claim.url} target="_blank" rel="noreferrer noopener" size="sm" style={{ overflowWrap: 'anywhere' }}>
          {t('integrity.claim.readDebunk')}
        </Anchor>
      ) : null}
    </Stack>
  );
}
