import type { ImageGroup } from '@diplodesk/contracts';
import { Anchor, Box, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { signedScore } from '../../listening/utils/labels.ts';

export interface ImageGroupTableProps {
  caption: string;
  firstColumn: string;
  groups: ImageGroup[];
  locale: string;
  labelOf(key: string): string;
  hrefOf(group: ImageGroup): string;
}

/** A bar from the scale's centre (tone 0) towards −1 or +1: its direction and length are the mean. */
function ToneBar({ tone }: { tone: number | null }) {
  if (tone === null) return null;
  const width = Math.min(50, Math.abs(tone) * 50);
  return (
    <Box pos="relative" h={8} w={72} bg="gray.1" style={{ borderRadius: 4 }} aria-hidden>
      <Box pos="absolute" top={0} h={8} bg={tone >= 0 ? 'teal.6' : 'red.6'} style={{ left: tone >= 0 ? '50%' : `${50 - width}%`, width: `${width}%`, borderRadius: 4 }} />
      <Box pos="absolute" top={-2} left="50%" h={12} w={1} bg="gray.6" />
    </Box>
  );
}

/** One split of the image index (by source country, language or topic): items, mean tone and its 95 % interval, each row opening its items. */
export function ImageGroupTable({ caption, firstColumn, groups, locale, labelOf, hrefOf }: ImageGroupTableProps) {
  const { t } = useTranslation();
  const tone = (v: number | null) => (v === null ? '–' : signedScore(v, locale));
  return (
    <Table.ScrollContainer minWidth={400}>
      <Table striped>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{firstColumn}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('insightsImage.table.items')}
            </Table.Th>
            <Table.Th scope="col">{t('insightsImage.table.tone')}</Table.Th>
            <Table.Th scope="col">{t('insightsImage.table.interval')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {groups.map((g) => (
            <Table.Tr key={g.key}>
              <Table.Th scope="row" fw={500}>
                <Anchor component={Link} to={hrefOf(g)}>
                  {labelOf(g.key)}
                </Anchor>
              </Table.Th>
              <Table.Td ta="right">{new Intl.NumberFormat(locale).format(g.items)}</Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm" w={48}>
                    {tone(g.tone)}
                  </Text>
                  <ToneBar tone={g.tone} />
                </Group>
              </Table.Td>
              <Table.Td>
                {g.low === null || g.high === null ? (
                  <Text size="sm" c="dimmed">
                    {t('insightsImage.table.tooFew')}
                  </Text>
                ) : (
                  `${tone(g.low)} … ${tone(g.high)}`
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
