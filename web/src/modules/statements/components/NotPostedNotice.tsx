import type { StatementDto } from '@diplodesk/contracts';
import { Alert } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { platformName } from '../../channels/utils/platforms.ts';
import { useChannelAccounts } from '../hooks/use-statements.ts';
import { platformsNotPosted } from '../utils/platform-targets.ts';

const afterDraft: ReadonlySet<StatementDto['status']> = new Set(['in-clearance', 'cleared', 'scheduled', 'published']);

/** Told to approvers and to whoever publishes: texts prepared for platforms without an account do not go out. */
export function NotPostedNotice({ statement }: { statement: StatementDto }) {
  const { t, i18n } = useTranslation();
  const accounts = useChannelAccounts(statement.platformTexts.length > 0 ? statement.unitId : undefined);
  if (!afterDraft.has(statement.status) || statement.platformTexts.length === 0 || !accounts.data) return null;
  const variantPlatforms = statement.variants.flatMap((v) => accounts.data.items.find((a) => a.id === v.channelAccountId)?.platform ?? []);
  const missing = platformsNotPosted(statement.platformTexts, variantPlatforms);
  if (missing.length === 0) return null;
  const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(missing.map(platformName));
  return (
    <Alert color="orange" variant="light" title={t('statements.variants.notPostedTitle')} icon={<IconAlertTriangle size={18} aria-hidden />}>
      {t('statements.variants.notPosted', { platforms: list })}
    </Alert>
  );
}
