import type { ClaimDto } from '@diplodesk/contracts';
import { Anchor, Badge, Button, FileButton, Group, List, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDownload, IconPlus, IconUpload } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../lib/api-client.ts';
import { unitIdsWithPermission } from '../lib/unit-access.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { claimsExportHref, type Narrative } from '../modules/integrity/api/integrity.api.ts';
import { ClaimFeedsPanel } from '../modules/integrity/components/ClaimFeedsPanel.tsx';
import { ClaimFormModal } from '../modules/integrity/components/ClaimFormModal.tsx';
import { IntegrityNav } from '../modules/integrity/components/IntegrityNav.tsx';
import { useClaims, useImportClaims, useNarratives, useSaveNarrative } from '../modules/integrity/hooks/use-integrity.ts';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { useUnits } from '../modules/units/hooks/use-units.ts';
import { flattenUnitTree } from '../modules/units/utils/unit-tree.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ForbiddenNotice } from '../ui/ForbiddenNotice.tsx';
import { LoadingBlock } from '../ui/LoadingBlock.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { importProblemText } from '../modules/integrity/utils/finding-title.ts';

const PAGE = 50;

/** Reasons the server gave for each refused entry of an import (422 details). */
function importProblems(error: unknown): { index: number; reason: string; code?: string; params?: Record<string, string | number> }[] {
  if (!isApiError(error) || error.code !== 'integrity-claims.invalid-file') return [];
  const list = (error.details as { problems?: unknown } | null)?.problems;
  if (!Array.isArray(list)) return [];
  return list.flatMap((d: unknown) => {
    if (typeof d !== 'object' || d === null || typeof (d as { index?: unknown }).index !== 'number') return [];
    const { index, reason, code, params } = d as { index: number; reason?: unknown; code?: unknown; params?: unknown };
    return [{ index, reason: String(reason ?? ''), ...(typeof code === 'string' ? { code } : {}), ...(typeof params === 'object' && params !== null ? { params: params as Record<string, string | number> } : {}) }];
  });
}

function NarrativesPanel({ narratives, canCreate, unitId }: { narratives: Narrative[]; canCreate: boolean; unitId: string | null }) {
  const { t } = useTranslation();
  const save = useSaveNarrative();
  const [name, setName] = useState('');
  const [editing, setEditing] = useState<{ id: string; name: string } | null>(null);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="narratives-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="narratives-heading">
          {t('integrity.narratives.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('integrity.narratives.intro')}
        </Text>
        {narratives.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('integrity.narratives.none')}
          </Text>
        ) : null}
        <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {narratives.map((n) => (
            <Group key={n.id} component="li" gap="xs" wrap="nowrap" justify="space-between">
              {editing?.id === n.id ? (
                <form
                  style={{ flex: 1 }}
                  onSubmit={(event) => {
                    event.preventDefault();
                    if (editing.name.trim()) save.mutate({ id: n.id, unitId: n.unitId, name: editing.name.trim() }, { onSuccess: () => setEditing(null) });
                  }}
                >
                  <Group gap="xs" wrap="nowrap">
                    <TextInput aria-label={t('integrity.narratives.newName', { name: n.name })} value={editing.name} onChange={(e) => setEditing({ id: n.id, name: e.currentTarget.value })} size="xs" style={{ flex: 1 }} />
                    <Button type="submit" size="xs" loading={save.isPending}>
                      {t('integrity.narratives.save')}
                    </Button>
                  </Group>
                </form>
              ) : (
                <>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {n.name}{' '}
                    <Text span size="xs" c="dimmed">
                      {t('integrity.narratives.claims', { count: n.claims })}
                    </Text>
                  </Text>
                  {n.policies.update ? (
                    <Button size="compact-xs" variant="subtle" aria-label={t('integrity.narratives.rename', { name: n.name })} onClick={() => setEditing({ id: n.id, name: n.name })}>
                      {t('integrity.narratives.renameShort')}
                    </Button>
                  ) : null}
                </>
              )}
            </Group>
          ))}
        </Stack>
        {canCreate && unitId ? (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (name.trim()) save.mutate({ id: null, unitId, name: name.trim() }, { onSuccess: () => setName('') });
            }}
          >
            <Group gap="xs" align="flex-end" wrap="nowrap">
              <TextInput label={t('integrity.narratives.add')} value={name} onChange={(e) => setName(e.currentTarget.value)} size="xs" style={{ flex: 1 }} />
              <Button type="submit" size="xs" variant="default" disabled={name.trim() === ''} loading={save.isPending && save.variables?.id === null}>
                {t('integrity.narratives.create')}
              </Button>
            </Group>
          </form>
        ) : null}
        <ErrorAlert error={save.error} />
      </Stack>
    </Paper>
  );
}

/** The claims registry: known false or misleading claims with their debunks, grouped by narrative. */
export function IntegrityClaimsPage() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const navigate = useNavigate();
  const canRead = me.permissions.includes('integrity.read');
  usePageTitle(t('integrity.claims.title'));
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(q, 300);
  const narrativeId = params.get('narrative');
  const [page, setPage] = useState(0);
  const claims = useClaims({ q: debounced.trim() || undefined, narrativeId: narrativeId ?? undefined, limit: PAGE, offset: page * PAGE }, canRead);
  const narratives = useNarratives(canRead);
  const units = useUnits();
  const importFile = useImportClaims();
  const [formOpen, setFormOpen] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const manageable = useMemo(() => unitIdsWithPermission(units.data?.items ?? [], me.user.memberships, 'integrity.manage'), [units.data, me.user.memberships]);
  const unitOptions = useMemo(() => flattenUnitTree(units.data?.items ?? []).filter((row) => manageable.has(row.unit.id)).map((row) => ({ value: row.unit.id, label: row.path.join(' › ') })), [units.data, manageable]);
  const [importUnit, setImportUnit] = useState<string | null>(null);
  const targetUnit = importUnit ?? unitOptions[0]?.value ?? null;
  if (!canRead) return <ForbiddenNotice />;
  const policies = claims.data?.policies ?? {};
  const narrativeName = new Map((narratives.data?.items ?? []).map((n) => [n.id, n.name]));
  const problems = importProblems(importFile.error);
  const total = claims.data?.total ?? 0;

  const onFile = async (file: File | null) => {
    setFileError(null);
    importFile.reset();
    if (!file || !targetUnit) return;
    let document: unknown;
    try {
      document = JSON.parse(await file.text());
    } catch {
      setFileError(t('integrity.claims.notJson', { name: file.name }));
      return;
    }
    importFile.mutate({ unitId: targetUnit, document });
  };

  return (
    <Stack gap="lg">
      <PageHeader
        mb={0}
        title={t('integrity.claims.title')}
        description={t('integrity.claims.intro')}
        actions={
          <>
            <Button component="a" href={claimsExportHref(narrativeId)} download variant="default" leftSection={<IconDownload size={16} aria-hidden />}>
              {t('integrity.claims.export')}
            </Button>
            {policies.create && unitOptions.length > 0 ? (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setFormOpen(true)}>
                {t('integrity.claims.new')}
              </Button>
            ) : null}
          </>
        }
      />
      <IntegrityNav active="claims" />
      <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="lg">
        <Stack gap="md" style={{ gridColumn: 'span 2' }}>
          <Group gap="sm" wrap="wrap" align="flex-end" role="search" aria-label={t('integrity.claims.searchLabel')}>
            <TextInput label={t('integrity.claims.search')} value={q} onChange={(e) => { setQ(e.currentTarget.value); setPage(0); }} style={{ flex: '1 1 16rem' }} />
            <Select
              label={t('integrity.claims.narrative')}
              data={(narratives.data?.items ?? []).map((n) => ({ value: n.id, label: n.name }))}
              value={narrativeId}
              onChange={(v) => { setPage(0); setParams(v ? { narrative: v } : {}, { replace: true }); }}
              placeholder={t('integrity.claims.allNarratives')}
              clearable
              clearButtonProps={{ 'aria-label': t('common.clearField') }}
              w={220}
            />
          </Group>
          <ErrorAlert error={claims.error} />
          {claims.isPending ? <LoadingBlock /> : null}
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('integrity.claims.count', { count: total })}
          </Text>
          {claims.data && claims.data.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('integrity.claims.none')}
            </Text>
          ) : null}
          <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {(claims.data?.items ?? []).map((c: ClaimDto) => (
              <Paper key={c.id} component="li" withBorder p="sm">
                <Stack gap={4}>
                  <Group gap="xs" wrap="wrap">
                    <Badge color="red" variant="light">
                      {c.reviewRating.alternateName}
                    </Badge>
                    {c.narrativeId && narrativeName.get(c.narrativeId) ? <Badge variant="outline">{narrativeName.get(c.narrativeId)}</Badge> : null}
                    <Text size="xs" c="dimmed">
                      {t('integrity.claims.linkCounts', { linked: c.links.auto + c.links.confirmed, suggested: c.links.suggested })}
                      {c.reviewAuthor ? ` · ${c.reviewAuthor}` : ''}
                    </Text>
                  </Group>
                  <Anchor component={Link} to={`/integrity/claims/${c.id}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {c.claimReviewed}
                  </Anchor>
                </Stack>
              </Paper>
            ))}
          </Stack>
          {total > PAGE ? (
            <Group gap="xs">
              <Button variant="default" size="xs" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>
                {t('integrity.claims.previous')}
              </Button>
              <Button variant="default" size="xs" disabled={(page + 1) * PAGE >= total} onClick={() => setPage((p) => p + 1)}>
                {t('integrity.claims.next')}
              </Button>
            </Group>
          ) : null}
        </Stack>
        <Stack gap="md">
          {policies.import && unitOptions.length > 0 ? (
            <Paper withBorder p="md" component="section" aria-labelledby="import-heading">
              <Stack gap="sm">
                <Title order={2} size="h4" id="import-heading">
                  {t('integrity.claims.importTitle')}
                </Title>
                <Text size="sm" c="dimmed">
                  {t('integrity.claims.importIntro')}
                </Text>
                {unitOptions.length > 1 ? <Select label={t('integrity.claims.importUnit')} data={unitOptions} value={targetUnit} onChange={setImportUnit} allowDeselect={false} /> : null}
                <FileButton onChange={(file) => void onFile(file)} accept=".json,.jsonld,application/ld+json,application/json">
                  {(props) => (
                    <Button {...props} variant="default" leftSection={<IconUpload size={16} aria-hidden />} loading={importFile.isPending} style={{ alignSelf: 'flex-start' }}>
                      {t('integrity.claims.import')}
                    </Button>
                  )}
                </FileButton>
                {importFile.data ? (
                  <Text size="sm" role="status">
                    {t('integrity.claims.imported', { created: importFile.data.created, updated: importFile.data.updated })}
                  </Text>
                ) : null}
                {fileError ? (
                  <Text size="sm" c="red.8" role="alert">
                    {fileError}
                  </Text>
                ) : null}
                <ErrorAlert error={importFile.error} />
                {problems.length > 0 ? (
                  <List size="sm" aria-label={t('integrity.claims.problems')}>
                    {problems.map((p) => (
                      <List.Item key={`${p.index}-${p.reason}`}>{importProblemText(t, p)}</List.Item>
                    ))}
                  </List>
                ) : null}
              </Stack>
            </Paper>
          ) : null}
          <ClaimFeedsPanel unitOptions={unitOptions} timeZone={me.user.timeZone} />
          <NarrativesPanel narratives={narratives.data?.items ?? []} canCreate={narratives.data?.policies.create === true} unitId={unitOptions[0]?.value ?? null} />
        </Stack>
      </SimpleGrid>
      {formOpen ? (
        <ClaimFormModal
          opened
          onClose={() => setFormOpen(false)}
          claim={null}
          unitOptions={unitOptions}
          narratives={narratives.data?.items ?? []}
          onSaved={(claim) => {
            setFormOpen(false);
            navigate(`/integrity/claims/${claim.id}`);
          }}
        />
      ) : null}
    </Stack>
  );
}
