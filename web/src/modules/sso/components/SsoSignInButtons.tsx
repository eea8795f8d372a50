import { ssoFailureReasons } from '@diplodesk/contracts';
import { Alert, Button, Divider, Stack } from '@mantine/core';
import { IconAlertCircle, IconKey } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { safeNextPath } from '../../../lib/safe-next.ts';
import { usePublicSsoProviders } from '../hooks/use-sso.ts';

/** "Sign in with <provider>" links (full-page navigations: the provider's page takes over) and the reason a single sign-on failed. */
export function SsoSignInButtons() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const providers = usePublicSsoProviders();
  const error = params.get('sso_error');
  const reason = ssoFailureReasons.find((r) => r === error);
  const next = safeNextPath(params.get('next'));
  const items = providers.data?.items ?? [];

  return (
    <Stack gap="sm">
      {error ? (
        <Alert color="red" icon={<IconAlertCircle size={18} aria-hidden />} title={t('sso.login.failedTitle')} role="alert">
          {t(`sso.login.errors.${reason ?? 'provider-error'}`)}
        </Alert>
      ) : null}
      {items.length > 0 ? (
        <>
          <Divider label={t('sso.login.or')} labelPosition="center" />
          {items.map((p) => (
            <Button key={p.key} component="a" href={`${p.loginUrl}?next=${encodeURIComponent(next)}`} variant="default" leftSection={<IconKey size={16} aria-hidden />} fullWidth>
              {t('sso.login.signInWith', { name: p.displayName })}
            </Button>
          ))}
        </>
      ) : null}
    </Stack>
  );
}
