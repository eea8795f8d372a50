import type { AttachmentDto, ChannelAccountDto, StatementText } from '@diplodesk/contracts';
import { Alert, Anchor, Button, Group, Paper, Select, Stack, Switch, Text, TextInput, Textarea } from '@mantine/core';
import { IconWand } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { textDirection } from '../utils/languages.ts';
import { bodyChannel, deriveVariant, hasTitle, measureVariant } from '../utils/variants.ts';
import { platformName } from '../../channels/utils/platforms.ts';
import { isPlatformTarget, unconnectedPlatforms } from '../utils/platform-targets.ts';
import { PostPreview } from './PostPreview.tsx';
import { OverflowPreview, VariantCounter } from './VariantCounter.tsx';

export interface VariantDraft {
  channelAccountId: string;
  language: string;
  text: string;
  title: string | null;
}

export interface VariantsEditorProps {
  accounts: ChannelAccountDto[];
  variants: VariantDraft[];
  texts: StatementText[];
  primaryLanguage: string;
  /** Who the preview shows as posting when no account is connected. */
  unitName: string;
  attachments: AttachmentDto[];
  withImage: boolean;
  readOnly: boolean;
  onChange: (variants: VariantDraft[]) => void;
}

/**
 * One toggle and text per connected account, and per platform no account is connected on yet,
 * counted live the way that platform counts, with a preview of the post.
 */
export function VariantsEditor({ accounts: connected, variants, texts, primaryLanguage, unitName, attachments, withImage, readOnly, onChange }: VariantsEditorProps) {
  const { t } = useTranslation();
  const accounts = [...connected, ...unconnectedPlatforms(connected, new Date(0).toISOString())];
  const textFor = (language: string) => texts.find((x) => x.language === language) ?? texts[0];
  const replace = (accountId: string, next: VariantDraft | null) => {
    const others = variants.filter((v) => v.channelAccountId !== accountId);
    onChange(next ? [...others, next] : others);
  };

  return (
    <Stack gap="md">
      {accounts.map((account) => {
        const channel = bodyChannel(account);
        const variant = variants.find((v) => v.channelAccountId === account.id);
        const enabled = Boolean(variant);
        const unconnected = isPlatformTarget(account.id);
        const accountLabel = unconnected ? t('statements.variants.platformLabel', { platform: platformName(account.platform) }) : `${account.displayName ?? account.handle} · ${account.platform}`;
        const derive = (language: string): VariantDraft => {
          const source = textFor(language);
          return {
            channelAccountId: account.id,
            language,
            text: channel ? deriveVariant(channel, account, hasTitle(account) ? '' : (source?.title ?? ''), source?.body ?? '', withImage) : (source?.body ?? ''),
            title: hasTitle(account) ? (source?.title ?? '').slice(0, 100) : null,
          };
        };
        const measure = channel && variant ? measureVariant(channel, account, variant.text, withImage) : null;
        const titleMeasure = variant && hasTitle(account) ? measureVariant('youtube-title', account, variant.title ?? '', false) : null;
        const dir = textDirection(variant?.language ?? primaryLanguage);
        const counterId = `variant-count-${account.id}`;
        return (
          <Paper key={account.id} p="md" withBorder component="fieldset" style={{ margin: 0 }} data-testid={`variant-${account.platform}`}>
            <Text component="legend" fw={600} px={4}>
              {accountLabel}
            </Text>
            <Stack gap="sm">
              <Group justify="space-between" wrap="wrap" gap="sm">
                <Switch
                  label={unconnected ? t('statements.variants.prepareHere', { platform: platformName(account.platform) }) : t('statements.variants.postHere')}
                  checked={enabled}
                  disabled={readOnly || account.status !== 'active'}
                  onChange={(event) => replace(account.id, event.currentTarget.checked ? derive(primaryLanguage) : null)}
                />
                {account.status !== 'active' ? (
                  <Text size="sm" c="orange.8">
                    {t('statements.variants.accountInactive')}
                  </Text>
                ) : null}
              </Group>
              {unconnected && variant ? (
                <Alert color="orange" variant="light" p="xs">
                  <Text size="sm">
                    {t('statements.variants.notConnected', { platform: platformName(account.platform) })}{' '}
                    <Anchor component={Link} to="/statements/channels" underline="always" size="sm">
                      {t('statements.variants.connectLink')}
                    </Anchor>
                  </Text>
                </Alert>
              ) : null}
              {variant ? (
                <>
                  <Group gap="sm" align="flex-end" wrap="wrap">
                    <Select
                      label={t('statements.variants.language')}
                      data={texts.map((x) => x.language)}
                      value={variant.language}
                      onChange={(value) => value && replace(account.id, { ...variant, language: value })}
                      allowDeselect={false}
                      disabled={readOnly}
                      w={140}
                    />
                    {readOnly ? null : (
                      <Button variant="light" leftSection={<IconWand size={16} aria-hidden />} onClick={() => replace(account.id, derive(variant.language))}>
                        {t('statements.variants.derive')}
                      </Button>
                    )}
                  </Group>
                  {hasTitle(account) ? (
                    <>
                      <TextInput
                        label={t('statements.variants.videoTitle')}
                        value={variant.title ?? ''}
                        dir={dir}
                        readOnly={readOnly}
                        onChange={(event) => replace(account.id, { ...variant, title: event.currentTarget.value })}
                        aria-describedby={`${counterId}-title`}
                        error={titleMeasure?.over ? true : undefined}
                      />
                      {titleMeasure ? <VariantCounter measure={titleMeasure} id={`${counterId}-title`} /> : null}
                    </>
                  ) : null}
                  <Textarea
                    label={t('statements.variants.text', { account: accountLabel })}
                    value={variant.text}
                    dir={dir}
                    lang={variant.language}
                    readOnly={readOnly}
                    autosize
                    minRows={3}
                    maxRows={12}
                    onChange={(event) => replace(account.id, { ...variant, text: event.currentTarget.value })}
                    aria-describedby={counterId}
                    aria-invalid={measure?.over ? true : undefined}
                    styles={measure?.over ? { input: { borderColor: 'var(--mantine-color-red-7)' } } : undefined}
                  />
                  {measure ? <VariantCounter measure={measure} id={counterId} /> : null}
                  {measure?.over && measure.details?.overflowFrom !== undefined ? (
                    <OverflowPreview text={variant.text} from={measure.details.overflowFrom} dir={dir} />
                  ) : null}
                  <PostPreview
                    platform={account.platform}
                    name={unconnected ? unitName : (account.displayName ?? account.handle)}
                    handle={unconnected ? null : account.handle}
                    text={variant.text}
                    title={hasTitle(account) ? variant.title : null}
                    measure={measure}
                    attachments={attachments}
                    dir={dir}
                  />
                </>
              ) : null}
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}
