import type { TextMeasure } from '@diplodesk/connector-sdk';
import { Box, Group, Text, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatNumber, toUiLocale } from '../../../lib/intl.ts';
import { unitKeys } from '../utils/variants.ts';

/** used/limit as the platform counts, with words (not only red) when the text is too long. */
export function VariantCounter({ measure, id }: { measure: TextMeasure; id: string }) {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.language);
  const over = measure.over;
  return (
    <Box id={id} aria-live="polite">
      <Group gap={6} wrap="wrap">
        {over ? <IconAlertTriangle size={16} color="var(--mantine-color-red-7)" aria-hidden /> : <IconCheck size={16} color="var(--mantine-color-green-8)" aria-hidden />}
        <Text size="sm" fw={600} c={over ? 'red.8' : undefined} data-testid="variant-counter">
          {formatNumber(measure.used, locale)} / {formatNumber(measure.limit, locale)}
        </Text>
        <Text size="xs" c="dimmed">
          {t(unitKeys[measure.unit])}
        </Text>
      </Group>
      {over ? (
        <Text size="sm" c="red.8" role="alert">
          {t('statements.variants.overBy', { count: measure.used - measure.limit })}
        </Text>
      ) : null}
      {measure.details?.problems?.map((problem) => (
        <Text key={problem} size="sm" c="red.8">
          {problem}
        </Text>
      ))}
    </Box>
  );
}

/** The text with the part past the limit marked, so the writer sees where to cut. */
export function OverflowPreview({ text, from, dir }: { text: string; from: number; dir: 'ltr' | 'rtl' }) {
  const { t } = useTranslation();
  return (
    <Box p="xs" bg="gray.0" style={{ borderRadius: 4, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', maxHeight: 160, overflow: 'auto' }} dir={dir}>
      <Text size="xs" c="dimmed" mb={4} dir="auto">
        {t('statements.variants.overflowPreview')}
      </Text>
      <Text size="sm" component="div">
        {text.slice(0, from)}
        <mark style={{ background: 'var(--mantine-color-red-1)', color: 'var(--mantine-color-red-9)', textDecoration: 'line-through' }}>
          <VisuallyHidden>{t('statements.variants.overflowStart')}</VisuallyHidden>
          {text.slice(from)}
        </mark>
      </Text>
    </Box>
  );
}
