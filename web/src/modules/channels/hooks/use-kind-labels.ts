import type { StatementKind } from '@diplodesk/contracts';
import { useTranslation } from 'react-i18next';

export type TemplatePurpose = 'condolence' | 'congratulation' | 'travel-advisory' | 'rapid-rebuttal' | 'other';

/** Words for statement kinds and template purposes, as literal keys so the catalogue check sees them. */
export function useKindLabels() {
  const { t } = useTranslation();
  const kinds: Record<StatementKind, string> = {
    'press-release': t('channels.kinds.pressRelease'),
    statement: t('channels.kinds.statement'),
    speech: t('channels.kinds.speech'),
    'social-post': t('channels.kinds.socialPost'),
    reply: t('channels.kinds.reply'),
  };
  const purposes: Record<TemplatePurpose, string> = {
    condolence: t('channels.purposes.condolence'),
    congratulation: t('channels.purposes.congratulation'),
    'travel-advisory': t('channels.purposes.travelAdvisory'),
    'rapid-rebuttal': t('channels.purposes.rapidRebuttal'),
    other: t('channels.purposes.other'),
  };
  return { kinds, purposes };
}
