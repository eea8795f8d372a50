import type { ChannelAccountDto, StatementText } from '@diplodesk/contracts';
import { Anchor, Button, Group, Paper, Select, Stack, Switch, Text, TextInput, Textarea } from '@mantine/core';
import { IconWand } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { textDirection } from '../utils/languages.ts';
import { bodyChannel, deriveVariant, hasTitle, measureVariant } from '../utils/variants.ts';
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
  withImage: boolean;
  readOnly: boolean;
  onChange: (variants: VariantDraft[]) => void;
}

/** One toggle and text per connected account, counted live the way that platform counts. */
export function VariantsEditor({ accounts, variants, texts, primaryLanguage, withImage, readOnly, onChange }: VariantsEditorProps) {
  const { t } = useTranslation();
  if (accounts.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('statements.variants.noAccounts')}{' '}
        <Anchor component={Link} to="/statements/channels" underline="always">
          {t('statements.variants.connectLink')}
        </Anchor>
      </Text>
    );
  }
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
        const accountLabel = `${account.displayName ?? account.handle} · ${account.platform}`;
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
                  label={t('statements.variants.postHere')}
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
                </>
              ) : null}
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}
