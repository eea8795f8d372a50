import { Code, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const forms = ['word', 'prefix', 'phrase', 'exact'] as const;

/** How a keyword matches, with one example of each form. */
export function KeywordSyntaxHelp() {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Table withRowBorders={false} verticalSpacing={4} horizontalSpacing="xs" layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="35%">{t('listeningTopics.syntax.keyword')}</Table.Th>
            <Table.Th>{t('listeningTopics.syntax.matches')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {forms.map((form) => (
            <Table.Tr key={form}>
              <Table.Td style={{ verticalAlign: 'top' }}>
                <Code>{t(`listeningTopics.syntax.examples.${form}`)}</Code>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t(`listeningTopics.syntax.${form}`)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed">
        {t('listeningTopics.syntax.languages')}
      </Text>
    </Stack>
  );
}
