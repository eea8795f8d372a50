import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { MatchMode } from '../utils/search-state.ts';

/** Whole words (stemmed, the default) or any part of the text: partial words, names, Chinese, Thai, Japanese. */
export function MatchModeSwitch({ value, onChange }: { value: MatchMode; onChange: (mode: MatchMode) => void }) {
  const { t } = useTranslation();
  const labelId = useId();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id={labelId}>
        {t('listeningLive.match.label')}
      </Text>
      <SegmentedControl
        aria-labelledby={labelId}
        value={value}
        onChange={(mode) => onChange(mode as MatchMode)}
        data={[
          { value: 'words', label: t('listeningLive.match.words') },
          { value: 'contains', label: t('listeningLive.match.contains') },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
    </Stack>
  );
}
