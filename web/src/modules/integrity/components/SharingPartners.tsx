import { Alert, Badge, Button, Code, CopyButton, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, toUiLocale } from '../../../lib/intl.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import type { IssuedToken, SharingPartner, TokenAccess } from '../api/sharing.api.ts';
import { useCreatePartner, useIssueToken, useRevokeToken, useUpdatePartner } from '../hooks/use-sharing.ts';
import { SharingSection } from './SharingSection.tsx';

/** A just-issued token's secret: shown once, with a copy button, until the person closes it. */
function SecretOnce({ issued, onClose }: { issued: IssuedToken; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" title={t('integrity.sharing.secretTitle', { name: issued.token.name })} withCloseButton closeButtonLabel={t('common.close')} onClose={onClose} role="status">
      <Stack gap="xs">
        <Text size="sm">{t('integrity.sharing.secretOnce')}</Text>
        <Code block style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }} aria-label={t('integrity.sharing.secretLabel')}>
          {issued.secret}
        </Code>
        <CopyButton value={issued.secret}>
          {({ copied, copy }) => (
            <Button size="xs" variant="default" onClick={copy} style={{ alignSelf: 'flex-start' }}>
              {copied ? t('integrity.sharing.copied') : t('integrity.sharing.copy')}
            </Button>
          )}
        </CopyButton>
      </Stack>
    </Alert>
  );
}

function PartnerCard({ partner, timeZone }: { partner: SharingPartner; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const update = useUpdatePartner();
  const issue = useIssueToken();
  const revoke = useRevokeToken();
  const [tokenName, setTokenName] = useState('');
  const [access, setAccess] = useState<TokenAccess>('read');
  const [issued, setIssued] = useState<IssuedToken | null>(null);
  const headingId = `partner-${partner.id}`;
  return (
    <Paper withBorder p="sm" component="li" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Stack gap={0}>
            <Group gap="xs">
              <Title order={3} size="h5" id={headingId} style={{ overflowWrap: 'anywhere' }}>
                {partner.name}
              </Title>
              <Badge color={partner.enabled ? 'green' : 'gray'} variant="light">
                {partner.enabled ? t('integrity.sharing.enabled') : t('integrity.sharing.disabled')}
              </Badge>
            </Group>
            {partner.contact ? (
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {partner.contact}
              </Text>
            ) : null}
          </Stack>
          <Button
            size="xs"
            variant="default"
            color={partner.enabled ? 'red' : undefined}
            loading={update.isPending}
            aria-label={partner.enabled ? t('integrity.sharing.disableOne', { name: partner.name }) : t('integrity.sharing.enableOne', { name: partner.name })}
            onClick={() => update.mutate({ id: partner.id, enabled: !partner.enabled })}
          >
            {partner.enabled ? t('integrity.sharing.disable') : t('integrity.sharing.enable')}
          </Button>
        </Group>
        <ErrorAlert error={update.error ?? issue.error ?? revoke.error} />
        {issued ? <SecretOnce issued={issued} onClose={() => setIssued(null)} /> : null}
        {partner.tokens.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('integrity.sharing.noTokens')}
          </Text>
        ) : (
          <Stack gap={6} component="ul" aria-label={t('integrity.sharing.tokensOf', { name: partner.name })} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {partner.tokens.map((token) => (
              <Group key={token.id} component="li" gap="xs" justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Group gap={6} wrap="wrap">
                    <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                      {token.name}
                    </Text>
                    <Code>{token.prefix}…</Code>
                    <Badge size="sm" variant="light" color="gray">
                      {token.scopes.some((s) => s.includes('write')) ? t('integrity.sharing.readWrite') : t('integrity.sharing.readOnly')}
                    </Badge>
                  </Group>
                  <Text size="xs" c="dimmed">
                    {t('integrity.sharing.tokenDates', {
                      expires: token.expiresAt ? formatDate(token.expiresAt, locale, timeZone) : t('integrity.sharing.never'),
                      used: token.lastUsedAt ? formatDate(token.lastUsedAt, locale, timeZone) : t('integrity.sharing.notUsed'),
                    })}
                  </Text>
                </Stack>
                <Button size="compact-xs" variant="subtle" color="red" c="red.9" loading={revoke.isPending && revoke.variables?.tokenId === token.id} aria-label={t('integrity.sharing.revokeOne', { name: token.name })} onClick={() => revoke.mutate({ partnerId: partner.id, tokenId: token.id })}>
                  {t('integrity.sharing.revoke')}
                </Button>
              </Group>
            ))}
          </Stack>
        )}
        {partner.enabled ? (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (tokenName.trim())
                issue.mutate(
                  { partnerId: partner.id, name: tokenName.trim(), access, expiresInDays: 365 },
                  {
                    onSuccess: (result) => {
                      setIssued(result);
                      setTokenName('');
                    },
                  },
                );
            }}
          >
            <Group gap="xs" align="flex-end" wrap="wrap">
              <TextInput size="xs" label={t('integrity.sharing.newTokenName', { name: partner.name })} value={tokenName} onChange={(e) => setTokenName(e.currentTarget.value)} style={{ flex: '1 1 12rem' }} />
              <Select
                size="xs"
                label={t('integrity.sharing.tokenAccessFor', { name: partner.name })}
                data={[
                  { value: 'read', label: t('integrity.sharing.readOnly') },
                  { value: 'read-write', label: t('integrity.sharing.readWrite') },
                ]}
                value={access}
                onChange={(v) => v && setAccess(v as TokenAccess)}
                allowDeselect={false}
                w={170}
              />
              <Button type="submit" size="xs" variant="default" leftSection={<IconKey size={14} aria-hidden />} disabled={tokenName.trim() === ''} loading={issue.isPending}>
                {t('integrity.sharing.issue')}
              </Button>
            </Group>
          </form>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** Partner organisations: add one, disable it, issue and revoke its TAXII tokens. */
export function SharingPartners({ partners, timeZone }: { partners: SharingPartner[]; timeZone: string }) {
  const { t } = useTranslation();
  const create = useCreatePartner();
  return (
    <SharingSection
      headingId="partners-heading"
      title={t('integrity.sharing.partnersTitle')}
      intro={t('integrity.sharing.partnersIntro')}
      emptyText={t('integrity.sharing.noPartners')}
      isEmpty={partners.length === 0}
      fields={[
        { name: 'name', label: t('integrity.sharing.partnerName'), flex: '1 1 12rem' },
        { name: 'contact', label: t('integrity.sharing.partnerContact'), flex: '1 1 12rem' },
      ]}
      addLabel={t('integrity.sharing.addPartner')}
      adding={create.isPending}
      addError={create.error}
      onAdd={(v, done) => create.mutate({ name: v.name ?? '', contact: v.contact ?? null }, { onSuccess: done })}
    >
      {partners.map((p) => (
        <PartnerCard key={p.id} partner={p} timeZone={timeZone} />
      ))}
    </SharingSection>
  );
}
