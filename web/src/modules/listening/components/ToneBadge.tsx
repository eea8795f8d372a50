import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { signedScore, toneKind } from '../utils/labels.ts';

const colours = { positive: 'teal', negative: 'red', neutral: 'gray' } as const;
const words = { positive: 'listening.tone.positive', negative: 'listening.tone.negative', neutral: 'listening.tone.neutral' } as const;

/** Tone as a word and a signed number, so it reads without colour. */
export function ToneBadge({ score }: { score: number | null }) {
  const { t, i18n } = useTranslation();
  if (score === null) {
    return (
      <Badge variant="outline" color="gray" size="sm">
        {t('listening.tone.label')}: {t('listening.tone.unknown')}
      </Badge>
    );
  }
  const kind = toneKind(score);
  return (
    <Badge variant="light" color={colours[kind]} size="sm" style={{ textTransform: 'none' }}>
      {t('listening.tone.label')}: {t(words[kind])} ({signedScore(score, i18n.language)})
    </Badge>
  );
}
