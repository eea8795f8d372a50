import { Alert, Group, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck, IconPlugConnectedX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { usePageTitle } from '../lib/use-page-title.ts';
import { ConnectPlatforms } from '../modules/channels/components/ConnectPlatforms.tsx';
import { ChannelAccountsList } from '../modules/channels/components/ChannelAccountsList.tsx';
import { UnitPicker } from '../modules/channels/components/UnitPicker.tsx';
import { useChannelAccounts, usePlatforms } from '../modules/channels/hooks/use-channels.ts';
import { useUnitChoice } from '../modules/channels/hooks/use-unit-choice.ts';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { platformName } from '../modules/channels/utils/platforms.ts';
import { unitsWithPermission } from '../lib/unit-access.ts';
import { StatementsAreaNav } from '../modules/statements/components/StatementsAreaNav.tsx';
import { useUnits } from '../modules/units/hooks/use-units.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ForbiddenNotice } from '../ui/ForbiddenNotice.tsx';
import { LoadingBlock } from '../ui/LoadingBlock.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';

/** What the OAuth callback reports in `?connected=`: a platform id on success, else a failure word. */
function ReturnNotice({ value, onClose }: { value: string; onClose: () => void }) {
  const { t } = useTranslation();
  const failures: Record<string, string> = {
    error: t('channels.return.error'),
    expired: t('channels.return.expired'),
    denied: t('channels.return.denied'),
  };
  const failure = failures[value];
  return (
    <Alert
      color={failure ? 'red' : 'green'}
      variant="light"
      role={failure ? 'alert' : 'status'}
      icon={failure ? <IconAlertCircle size={18} aria-hidden /> : <IconCircleCheck size={18} aria-hidden />}
      withCloseButton
      closeButtonLabel={t('common.close')}
      onClose={onClose}
      mb="md"
    >
      {failure ?? t('channels.return.connected', { platform: platformName(value) })}
    </Alert>
  );
}

export function StatementChannelsPage() {
  const { t } = useTranslation();
  usePageTitle(t('channels.title'));
  const me = useCurrentMe();
  const units = useUnits();
  const choice = useUnitChoice('statement.draft', 'statement.approve');
  const platforms = usePlatforms();
  const accounts = useChannelAccounts(choice.unitId);
  const [params, setParams] = useSearchParams();
  const returned = params.get('connected') ?? (params.get('error') ? 'error' : null);

  const canManage =
    choice.unitId !== null && unitsWithPermission(units.data?.items ?? [], me.user.memberships, 'statement.approve').some((u) => u.id === choice.unitId);
  const items = (accounts.data?.items ?? []).filter((a) => a.status !== 'disconnected');

  const dismissReturn = () =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.delete('connected');
        next.delete('error');
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <StatementsAreaNav active="channels" />
      <PageHeader title={t('channels.title')} description={t('channels.intro')} />
      {returned ? <ReturnNotice value={returned} onClose={dismissReturn} /> : null}
      {choice.isPending ? <LoadingBlock /> : null}
      {choice.error ? <ErrorAlert error={choice.error} /> : null}
      {!choice.isPending && choice.options.length === 0 ? (
        <ForbiddenNotice />
      ) : null}
      {choice.unitId ? (
        <Stack gap="xl">
          <UnitPicker options={choice.options} value={choice.unitId} onChange={choice.setUnitId} />
          <section aria-labelledby="channel-accounts-heading">
            <Title order={2} size="h3" id="channel-accounts-heading" mb="sm">
              {t('channels.accounts.title')}
            </Title>
            {accounts.isPending ? <LoadingBlock minHeight={80} /> : null}
            {accounts.error ? <ErrorAlert error={accounts.error} onRetry={() => void accounts.refetch()} /> : null}
            {accounts.data && items.length === 0 ? (
              <Group gap="sm" c="dimmed" p="md">
                <IconPlugConnectedX size={20} aria-hidden />
                <Text size="sm">{t('channels.accounts.empty')}</Text>
              </Group>
            ) : null}
            {items.length > 0 ? <ChannelAccountsList accounts={items} canManage={canManage} /> : null}
          </section>
          <section aria-labelledby="channel-connect-heading">
            <Title order={2} size="h3" id="channel-connect-heading" mb={4}>
              {t('channels.connect.title')}
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              {canManage ? t('channels.connect.intro') : t('channels.connect.readOnly')}
            </Text>
            {platforms.error ? <ErrorAlert error={platforms.error} onRetry={() => void platforms.refetch()} /> : null}
            {platforms.isPending ? <LoadingBlock minHeight={80} /> : null}
            {platforms.data ? <ConnectPlatforms unitId={choice.unitId} configured={platforms.data.items} canManage={canManage} /> : null}
          </section>
        </Stack>
      ) : null}
    </>
  );
}
