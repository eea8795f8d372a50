import { Alert, List, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconClockHour4 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type ComingArea, areaIcons } from '../app/navigation.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { PageHeader } from '../ui/PageHeader.tsx';

const plannedCapabilities = ['first', 'second', 'third'] as const;

/** An honest placeholder: what the area will do, and that this version does not do it yet. */
export function ComingAreaPage({ area }: { area: ComingArea }) {
  const { t } = useTranslation();
  const title = t(`areas.${area}.title`);
  const Icon = areaIcons[area];
  usePageTitle(title);

  return (
    <Stack gap="lg" maw={820}>
      <PageHeader mb={0} title={title} description={t(`areas.${area}.summary`)} />
      <Alert color="navy" variant="light" icon={<IconClockHour4 size={18} aria-hidden />} title={t('coming.title')}>
        {t('coming.notYet')}
      </Alert>
      <Paper p="lg" component="section" aria-labelledby="coming-plan">
        <Stack gap="sm">
          <Text component="h2" fw={650} size="lg" id="coming-plan">
            {t('coming.whatItWillDo')}
          </Text>
          <List
            spacing="xs"
            size="sm"
            icon={
              <ThemeIcon size={22} radius="xl" variant="light">
                <Icon size={14} aria-hidden />
              </ThemeIcon>
            }
          >
            {plannedCapabilities.map((item) => (
              <List.Item key={item}>{t(`areas.${area}.plan.${item}`)}</List.Item>
            ))}
          </List>
        </Stack>
      </Paper>
    </Stack>
  );
}
