import { Badge, Button, Checkbox, Group, Paper, Stack, Table, Text, Textarea, Title, VisuallyHidden } from '@mantine/core';
import { IconMessage } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { LoadingBlock } from '../../../ui/LoadingBlock.tsx';
import { useFormatInstant } from '../hooks/use-format.ts';
import { useAddComment, useStatementComments, useStatementDiff, useStatementVersions } from '../hooks/use-statements.ts';
import { textDirection } from '../utils/languages.ts';

const fieldKeys: Record<string, 'statements.versions.fields.title' | 'statements.versions.fields.body' | 'statements.versions.fields.variant' | 'statements.versions.fields.attachments'> = {
  title: 'statements.versions.fields.title',
  body: 'statements.versions.fields.body',
  variant: 'statements.versions.fields.variant',
  attachments: 'statements.versions.fields.attachments',
};

/** History: pick two versions for a word diff; comments hang on the version they were made on. */
export function VersionsPanel({ statementId, currentVersion, canComment }: { statementId: string; currentVersion: number; canComment: boolean }) {
  const { t } = useTranslation();
  const formatInstant = useFormatInstant();
  const versions = useStatementVersions(statementId);
  const [picked, setPicked] = useState<number[]>([]);
  // Default comparison: the latest version against the one before it.
  useEffect(() => {
    if (picked.length === 0 && currentVersion > 1) setPicked([currentVersion - 1, currentVersion]);
  }, [currentVersion, picked.length]);
  const sorted = [...picked].sort((a, b) => a - b);
  const from = sorted.length === 2 ? (sorted[0] ?? null) : null;
  const to = sorted.length === 2 ? (sorted[1] ?? null) : null;
  const toggle = (n: number, on: boolean) => setPicked((current) => (on ? [...current.filter((x) => x !== n), n].slice(-2) : current.filter((x) => x !== n)));

  if (versions.isPending) return <LoadingBlock />;
  return (
    <Stack gap="lg">
      <ErrorAlert error={versions.error} />
      <Table.ScrollContainer minWidth={520}>
        <Table striped verticalSpacing="xs">
          <Table.Caption>{t('statements.versions.pickTwo')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('statements.versions.compare')}</Table.Th>
              <Table.Th>{t('statements.versions.version')}</Table.Th>
              <Table.Th>{t('statements.versions.author')}</Table.Th>
              <Table.Th>{t('statements.versions.time')}</Table.Th>
              <Table.Th>{t('statements.versions.note')}</Table.Th>
              <Table.Th>{t('statements.versions.comments')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...(versions.data?.items ?? [])]
              .sort((a, b) => b.number - a.number)
              .map((v) => (
                <Table.Tr key={v.number}>
                  <Table.Td>
                    <Checkbox
                      aria-label={t('statements.versions.pick', { version: v.number })}
                      checked={picked.includes(v.number)}
                      onChange={(event) => toggle(v.number, event.currentTarget.checked)}
                    />
                  </Table.Td>
                  <Table.Td>
                    {v.number}
                    {v.number === currentVersion ? (
                      <Badge ml={6} size="xs" variant="light">
                        {t('statements.versions.current')}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{v.authorName}</Table.Td>
                  <Table.Td>{formatInstant(v.createdAt)}</Table.Td>
                  <Table.Td dir="auto">{v.note ?? '—'}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <IconMessage size={14} aria-hidden />
                      {String(v.comments)}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {from !== null && to !== null ? <DiffView statementId={statementId} from={from} to={to} /> : null}
      <CommentsSection statementId={statementId} currentVersion={currentVersion} canComment={canComment} />
    </Stack>
  );
}

function DiffView({ statementId, from, to }: { statementId: string; from: number; to: number }) {
  const { t } = useTranslation();
  const diff = useStatementDiff(statementId, from, to);
  return (
    <section aria-labelledby="diff-heading">
      <Title order={3} size="h4" mb="sm" id="diff-heading">
        {t('statements.versions.diffTitle', { from, to })}
      </Title>
      {diff.isPending ? <LoadingBlock minHeight={60} /> : null}
      <ErrorAlert error={diff.error} />
      {diff.data && !diff.data.fields.some((f) => f.changed) ? <Text size="sm">{t('statements.versions.noChanges')}</Text> : null}
      <Stack gap="sm">
        {diff.data?.fields
          .filter((f) => f.changed)
          .map((f) => (
            <Paper key={`${f.field}-${f.language ?? ''}`} p="sm" withBorder>
              <Text size="sm" fw={600} mb={4}>
                {t(fieldKeys[f.field.startsWith('variant:') ? 'variant' : f.field] ?? 'statements.versions.fields.variant')}
                {f.language ? ` · ${f.language}` : ''}
              </Text>
              <Text component="div" size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} dir={f.language ? textDirection(f.language) : 'auto'} lang={f.language ?? undefined} data-testid="diff">
                {f.segments.map((s, i) => {
                  // biome-ignore-start lint/suspicious/noArrayIndexKey: segments are positional
                  if (s.op === 'insert')
                    return (
                      <ins key={i} style={{ background: 'var(--mantine-color-green-1)', color: 'var(--mantine-color-black)' }}>
                        <VisuallyHidden>{t('statements.versions.added')}</VisuallyHidden>
                        {s.text}
                      </ins>
                    );
                  if (s.op === 'delete')
                    return (
                      <del key={i} style={{ background: 'var(--mantine-color-red-1)', color: 'var(--mantine-color-black)' }}>
                        <VisuallyHidden>{t('statements.versions.removed')}</VisuallyHidden>
                        {s.text}
                      </del>
                    );
                  return <span key={i}>{s.text}</span>;
                  // biome-ignore-end lint/suspicious/noArrayIndexKey: segments are positional
                })}
              </Text>
            </Paper>
          ))}
      </Stack>
    </section>
  );
}

function CommentsSection({ statementId, currentVersion, canComment }: { statementId: string; currentVersion: number; canComment: boolean }) {
  const { t } = useTranslation();
  const formatInstant = useFormatInstant();
  const comments = useStatementComments(statementId);
  const add = useAddComment(statementId);
  const [body, setBody] = useState('');
  const byVersion = new Map<number, NonNullable<typeof comments.data>['items']>();
  for (const c of comments.data?.items ?? []) byVersion.set(c.version, [...(byVersion.get(c.version) ?? []), c]);
  return (
    <section aria-labelledby="comments-heading">
      <Title order={3} size="h4" mb="sm" id="comments-heading">
        {t('statements.comments.title')}
      </Title>
      <ErrorAlert error={comments.error} />
      {comments.data?.items.length === 0 ? (
        <Text size="sm" c="dimmed" mb="sm">
          {t('statements.comments.none')}
        </Text>
      ) : null}
      <Stack gap="sm" mb="md">
        {[...byVersion.entries()]
          .sort((a, b) => b[0] - a[0])
          .map(([version, items]) => (
            <div key={version}>
              <Text size="xs" fw={700} c="dimmed" tt="uppercase">
                {t('statements.comments.onVersion', { version })}
              </Text>
              <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: 'none' }}>
                {items.map((c) => (
                  <Paper component="li" key={c.id} p="xs" withBorder>
                    <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
                      {c.body}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {c.authorName} · {formatInstant(c.createdAt)}
                    </Text>
                  </Paper>
                ))}
              </Stack>
            </div>
          ))}
      </Stack>
      {canComment ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (!body.trim()) return;
            add.mutate({ version: currentVersion, body: body.trim() }, { onSuccess: () => setBody('') });
          }}
        >
          <Stack gap="xs">
            <Textarea
              label={t('statements.comments.add', { version: currentVersion })}
              value={body}
              onChange={(event) => setBody(event.currentTarget.value)}
              autosize
              minRows={2}
              maxLength={5000}
              dir="auto"
            />
            <ErrorAlert error={add.error} />
            <Group justify="flex-end">
              <Button type="submit" variant="light" loading={add.isPending} disabled={!body.trim()}>
                {t('statements.comments.post')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </section>
  );
}
