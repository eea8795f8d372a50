import { type FakeStatementEvidence as Evidence, fakeStatementEvidence } from '@diplodesk/contracts';
import { Anchor, Badge, Code, Group, List, Paper, SimpleGrid, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle, IconExternalLink } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, intlLocale, toUiLocale } from '../../../lib/intl.ts';

/** The evidence of a fake-statement finding, when it has the stored shape; null otherwise (the generic list shows it). */
export function fakeStatementEvidenceOf(evidence: Record<string, unknown>): Evidence | null {
  const parsed = fakeStatementEvidence.safeParse(evidence);
  return parsed.success ? parsed.data : null;
}

/** The evidence keys this view shows (the generic list leaves them out). */
export const fakeStatementEvidenceKeys = Object.keys(fakeStatementEvidence.shape);

const dir = (language: string) => (/^(ar|he|fa|ur|ps|dv|yi)(-|$)/i.test(language) ? 'rtl' : 'ltr');

/** Word diff, genuine → item: removed words struck through, added ones underlined, each also named for screen readers and in print. */
function WordDiff({ diff, language }: { diff: NonNullable<Evidence['diff']>; language: string }) {
  const { t } = useTranslation();
  return (
    <Text component="div" size="sm" lang={language} dir={dir(language)} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', lineHeight: 1.7 }} data-testid="fake-statement-diff">
      {diff.map((part, i) => {
        // biome-ignore-start lint/suspicious/noArrayIndexKey: parts are positional
        if (part.op === 'removed')
          return (
            <del key={i} style={{ background: 'var(--mantine-color-red-1)', color: 'var(--mantine-color-black)', textDecorationThickness: 2, padding: '0 2px', marginInline: 1 }}>
              <VisuallyHidden>{t('integrity.fakeStatement.removedMark')} </VisuallyHidden>
              <span aria-hidden>[−] </span>
              {part.text}
              <VisuallyHidden> {t('integrity.fakeStatement.endMark')}</VisuallyHidden>
            </del>
          );
        if (part.op === 'added')
          return (
            <ins key={i} style={{ background: 'var(--mantine-color-green-1)', color: 'var(--mantine-color-black)', textDecorationThickness: 2, padding: '0 2px', marginInline: 1 }}>
              <VisuallyHidden>{t('integrity.fakeStatement.addedMark')} </VisuallyHidden>
              <span aria-hidden>[+] </span>
              {part.text}
              <VisuallyHidden> {t('integrity.fakeStatement.endMark')}</VisuallyHidden>
            </ins>
          );
        return <span key={i}>{part.text}</span>;
        // biome-ignore-end lint/suspicious/noArrayIndexKey: parts are positional
      })}
    </Text>
  );
}

/**
 * A fake-statement finding: the verdict in words, why the item reads as an official statement, the
 * item beside the signed statement it was checked against, and the word diff between them.
 */
export function FakeStatementEvidence({ evidence, timeZone }: { evidence: Evidence; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const ui = toUiLocale(i18n.language);
  const locale = intlLocale(ui);
  const g = evidence.genuine;
  const fakeLinks = evidence.newsroomLinks.filter((l) => !l.found);
  const percent = (v: number) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(v);
  const changes = evidence.diff?.filter((d) => d.op !== 'equal') ?? [];
  return (
    <Stack gap="md">
      <Paper withBorder p="md" bg="var(--mantine-color-orange-0)" role="note" aria-labelledby="fake-statement-verdict">
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <IconAlertTriangle size={22} aria-hidden style={{ flexShrink: 0 }} />
          <Stack gap={4}>
            <Title order={3} size="h5" id="fake-statement-verdict">
              {t(`integrity.fakeStatement.verdict.${evidence.kind}`)}
            </Title>
            <Text size="sm">
              {evidence.kind === 'withdrawn' && evidence.withdrawn?.at
                ? t('integrity.fakeStatement.explain.withdrawnOn', { date: formatDateTime(evidence.withdrawn.at, ui, timeZone) })
                : t(`integrity.fakeStatement.explain.${evidence.kind}`)}
            </Text>
            {evidence.kind === 'withdrawn' && evidence.withdrawn?.reason ? <Text size="sm">{t('integrity.fakeStatement.withdrawReason', { reason: evidence.withdrawn.reason })}</Text> : null}
            {fakeLinks.length > 0 ? <Text size="sm">{t('integrity.fakeStatement.explain.fakeLink', { count: fakeLinks.length })}</Text> : null}
          </Stack>
        </Group>
      </Paper>

      <Stack gap={4}>
        <Group gap="xs">
          <Title order={3} size="h5">
            {t('integrity.fakeStatement.cuesTitle')}
          </Title>
          <Badge variant="light" color={evidence.cueStrength === 'strong' ? 'red' : 'gray'} c={evidence.cueStrength === 'strong' ? 'red.9' : 'dark.7'}>
            {t(`integrity.fakeStatement.cueStrength.${evidence.cueStrength}`)}
          </Badge>
        </Group>
        <List size="sm" spacing={2}>
          {evidence.cues.map((c) => (
            <List.Item key={`${c.kind}:${c.text}`}>
              {t(`integrity.fakeStatement.cue.${c.kind}`)}: <Code style={{ overflowWrap: 'anywhere' }}>{c.text}</Code>
            </List.Item>
          ))}
        </List>
      </Stack>

      <SimpleGrid cols={{ base: 1, md: g ? 2 : 1 }} spacing="md">
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('integrity.fakeStatement.itemTitle')}
          </Title>
          <Paper withBorder p="sm" bg="var(--mantine-color-red-0)">
            <Text size="sm" lang={evidence.itemLanguage} dir={dir(evidence.itemLanguage)} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {evidence.checkedText}
            </Text>
          </Paper>
        </Stack>
        {g ? (
          <Stack gap="xs">
            <Title order={3} size="h5">
              {t('integrity.fakeStatement.genuineTitle')}
            </Title>
            <Paper withBorder p="sm" bg="var(--mantine-color-green-0)">
              <Stack gap={6}>
                <Text fw={700} lang={g.language} dir={dir(g.language)}>
                  {g.title}
                </Text>
                <Text size="sm">{t('integrity.fakeStatement.publishedAt', { date: formatDateTime(g.publishedAt, ui, timeZone) })}</Text>
                <Text size="sm">
                  {t('integrity.fakeStatement.signedWith')} <Code>{g.kid}</Code>
                </Text>
                {evidence.similarity !== null ? <Text size="sm">{t('integrity.fakeStatement.similarity', { value: percent(evidence.similarity) })}</Text> : null}
                <Anchor href={g.url} target="_blank" rel="noopener noreferrer" size="sm">
                  <Group gap={4} component="span" wrap="nowrap">
                    {t('integrity.fakeStatement.openEntry')}
                    <IconExternalLink size={14} aria-hidden />
                    <VisuallyHidden>{t('integrity.fakeStatement.opensNewTab')}</VisuallyHidden>
                  </Group>
                </Anchor>
              </Stack>
            </Paper>
          </Stack>
        ) : null}
      </SimpleGrid>

      {evidence.diff && changes.length > 0 ? (
        <section aria-labelledby="fake-statement-diff-heading">
          <Stack gap={6}>
            <Title order={3} size="h5" id="fake-statement-diff-heading">
              {t('integrity.fakeStatement.diffTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('integrity.fakeStatement.diffLegend')}
            </Text>
            <Paper withBorder p="sm">
              <WordDiff diff={evidence.diff} language={g?.language ?? evidence.itemLanguage} />
            </Paper>
          </Stack>
        </section>
      ) : null}

      {evidence.newsroomLinks.length > 0 ? (
        <Stack gap={4}>
          <Title order={3} size="h5">
            {t('integrity.fakeStatement.linksTitle')}
          </Title>
          <List size="sm" spacing={2}>
            {evidence.newsroomLinks.map((l) => (
              <List.Item key={l.url}>
                <Code style={{ overflowWrap: 'anywhere' }}>{l.url}</Code> — {t(l.found ? 'integrity.fakeStatement.linkFound' : 'integrity.fakeStatement.linkMissing')}
              </List.Item>
            ))}
          </List>
        </Stack>
      ) : null}
    </Stack>
  );
}
