import { Badge, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { intlLocale, toUiLocale } from '../../../lib/intl.ts';

type Account = { platform?: unknown; handle?: unknown; displayName?: unknown; origin?: unknown };
type Signals = { confusableSkeleton?: unknown; confusableCharacters?: unknown; mixedScripts?: unknown; editDistance?: unknown; addedWords?: unknown; invisibleCharacters?: unknown };

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
const list = (v: unknown) => (Array.isArray(v) ? v : []);

/** Whether a finding's evidence is an impersonation comparison this view can show. */
export function isImpersonationEvidence(evidence: Record<string, unknown>): boolean {
  const o = evidence.official as Account | undefined;
  const l = evidence.lookAlike as Account | undefined;
  return typeof o?.handle === 'string' && typeof l?.handle === 'string';
}

function AccountCard({ title, account, tone, skeleton }: { title: string; account: Account; tone: 'official' | 'lookAlike'; skeleton: string | null }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" bg={tone === 'official' ? 'var(--mantine-color-green-0)' : 'var(--mantine-color-red-0)'}>
      <Stack gap={4}>
        <Text size="xs" fw={700} tt="uppercase">
          {title}
        </Text>
        <Text fw={700} size="lg" style={{ overflowWrap: 'anywhere', fontFamily: 'var(--mantine-font-family-monospace)' }}>
          @{str(account.handle)}
        </Text>
        {str(account.displayName) ? <Text size="sm" style={{ overflowWrap: 'anywhere' }}>{str(account.displayName)}</Text> : null}
        <Group gap={6}>
          <Badge variant="outline" color="gray">
            {str(account.platform)}
          </Badge>
          {account.origin === 'channel' ? (
            <Badge variant="light" color="gray">
              {t('integrity.officialAccounts.fromChannel')}
            </Badge>
          ) : null}
        </Group>
        {skeleton ? (
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {t('integrity.impersonation.skeleton', { skeleton })}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** An impersonation finding: the official account and its look-alike side by side, and the signals that tie them. */
export function ImpersonationEvidence({ evidence }: { evidence: Record<string, unknown> }) {
  const { t, i18n } = useTranslation();
  const locale = intlLocale(toUiLocale(i18n.language));
  const official = evidence.official as Account;
  const lookAlike = evidence.lookAlike as Account;
  const signals = (evidence.signals ?? {}) as Signals;
  const skeletons = (evidence.skeletons ?? null) as { seen?: { handle?: unknown }; official?: { handle?: unknown } } | null;
  const score = typeof evidence.score === 'number' ? new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(evidence.score) : null;
  const characters = list(signals.confusableCharacters).flatMap((c) => (typeof c === 'object' && c !== null && typeof (c as { char?: unknown }).char === 'string' ? [c as { char: string; codePoint?: string; looksLike?: string }] : []));
  const found: string[] = [];
  if (signals.confusableSkeleton === true) found.push(t('integrity.impersonation.sameSkeleton'));
  if (characters.length > 0) found.push(t('integrity.impersonation.confusables', { list: characters.map((c) => `${c.char} (${c.codePoint ?? ''}) → ${c.looksLike ?? ''}`).join(', ') }));
  if (list(signals.mixedScripts).length > 0) found.push(t('integrity.impersonation.mixedScripts', { list: list(signals.mixedScripts).join(', ') }));
  if (typeof signals.editDistance === 'number') found.push(t('integrity.impersonation.editDistance', { count: signals.editDistance }));
  if (list(signals.addedWords).length > 0) found.push(t('integrity.impersonation.addedWords', { list: list(signals.addedWords).map((w) => `“${String(w)}”`).join(', ') }));
  if (signals.invisibleCharacters === true) found.push(t('integrity.impersonation.invisible'));

  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <AccountCard title={t('integrity.impersonation.official')} account={official} tone="official" skeleton={str(skeletons?.official?.handle)} />
        <AccountCard title={t('integrity.impersonation.lookAlike')} account={lookAlike} tone="lookAlike" skeleton={str(skeletons?.seen?.handle)} />
      </SimpleGrid>
      <Stack gap={4}>
        <Title order={3} size="h5">
          {score ? t('integrity.impersonation.signalsScore', { score }) : t('integrity.impersonation.signals')}
        </Title>
        {found.length > 0 ? (
          <List size="sm">
            {found.map((s) => (
              <List.Item key={s} style={{ overflowWrap: 'anywhere' }}>
                {s}
              </List.Item>
            ))}
          </List>
        ) : (
          <Text size="sm" c="dimmed">
            {t('integrity.impersonation.noSignals')}
          </Text>
        )}
      </Stack>
    </Stack>
  );
}
