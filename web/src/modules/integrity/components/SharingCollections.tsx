import { Badge, Button, Checkbox, Code, FileButton, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api-client.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import type { SharingCollection, SharingPartner } from '../api/sharing.api.ts';
import { useCreateCollection, useImportBundle, useSetAccess } from '../hooks/use-sharing.ts';
import { SharingSection } from './SharingSection.tsx';

/** Per-object reasons the server gave for refusing a bundle (the error's details). */
export function bundleFailures(error: unknown): { id: string; message: string }[] {
  if (!isApiError(error) || error.code !== 'sharing-bundle.invalid') return [];
  const list = (error.details as { failures?: unknown } | null)?.failures;
  if (!Array.isArray(list)) return [];
  return list.flatMap((d: unknown) => (typeof d === 'object' && d !== null ? [{ id: String((d as { id?: unknown }).id ?? ''), message: String((d as { message?: unknown }).message ?? '') }] : []));
}

function CollectionCard({ collection, partners }: { collection: SharingCollection; partners: SharingPartner[] }) {
  const { t } = useTranslation();
  const setAccess = useSetAccess();
  const importFile = useImportBundle();
  const [fileError, setFileError] = useState<string | null>(null);
  const access = new Map(collection.access.map((a) => [a.partnerId, a]));
  const failures = bundleFailures(importFile.error);
  const headingId = `collection-${collection.id}`;

  const onFile = async (file: File | null) => {
    setFileError(null);
    importFile.reset();
    if (!file) return;
    let bundle: unknown;
    try {
      bundle = JSON.parse(await file.text());
    } catch {
      setFileError(t('integrity.sharing.notJson', { name: file.name }));
      return;
    }
    importFile.mutate({ collectionId: collection.id, bundle });
  };

  return (
    <Paper withBorder p="sm" component="li" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group gap="xs" wrap="wrap">
          <Title order={3} size="h5" id={headingId} style={{ overflowWrap: 'anywhere' }}>
            {collection.title}
          </Title>
          {collection.alias ? <Code>{collection.alias}</Code> : null}
          <Badge variant="light">{t('integrity.sharing.objects', { count: collection.objectCount })}</Badge>
        </Group>
        {collection.description ? (
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {collection.description}
          </Text>
        ) : null}
        {partners.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('integrity.sharing.accessNoPartners')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={360}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('integrity.sharing.partner')}</Table.Th>
                  <Table.Th scope="col">{t('integrity.sharing.canRead')}</Table.Th>
                  <Table.Th scope="col">{t('integrity.sharing.canWrite')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {partners.map((p) => {
                  const a = access.get(p.id);
                  const canRead = a?.canRead ?? false;
                  const canWrite = a?.canWrite ?? false;
                  const busy = setAccess.isPending && setAccess.variables?.partnerId === p.id;
                  return (
                    <Table.Tr key={p.id}>
                      <Table.Th scope="row" style={{ overflowWrap: 'anywhere' }}>
                        {p.name}
                      </Table.Th>
                      <Table.Td>
                        <Checkbox
                          aria-label={t('integrity.sharing.readAccess', { partner: p.name, collection: collection.title })}
                          checked={canRead}
                          disabled={busy}
                          // Writing needs reading: taking read away takes write too.
                          onChange={(e) => setAccess.mutate({ collectionId: collection.id, partnerId: p.id, canRead: e.currentTarget.checked, canWrite: e.currentTarget.checked ? canWrite : false })}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Checkbox
                          aria-label={t('integrity.sharing.writeAccess', { partner: p.name, collection: collection.title })}
                          checked={canWrite}
                          disabled={busy}
                          onChange={(e) => setAccess.mutate({ collectionId: collection.id, partnerId: p.id, canRead: e.currentTarget.checked ? true : canRead, canWrite: e.currentTarget.checked })}
                        />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <ErrorAlert error={setAccess.error} />
        <FileButton onChange={(file) => void onFile(file)} accept=".json,application/json,application/stix+json">
          {(props) => (
            <Button {...props} size="xs" variant="default" leftSection={<IconUpload size={14} aria-hidden />} loading={importFile.isPending} style={{ alignSelf: 'flex-start' }} aria-label={t('integrity.sharing.importInto', { collection: collection.title })}>
              {t('integrity.sharing.import')}
            </Button>
          )}
        </FileButton>
        {importFile.data ? (
          <Text size="sm" role="status">
            {t('integrity.sharing.imported', { stored: importFile.data.stored, present: importFile.data.alreadyPresent, total: importFile.data.total })}
          </Text>
        ) : null}
        {fileError ? (
          <Text size="sm" c="red.8" role="alert">
            {fileError}
          </Text>
        ) : null}
        <ErrorAlert error={importFile.error} />
        {failures.length > 0 ? (
          <List size="sm" aria-label={t('integrity.sharing.problems')}>
            {failures.map((f) => (
              <List.Item key={`${f.id}-${f.message}`} style={{ overflowWrap: 'anywhere' }}>
                {t('integrity.sharing.problem', { id: f.id || '?', reason: f.message })}
              </List.Item>
            ))}
          </List>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** TAXII collections: add one, set each partner's read / write access, upload a partner's bundle into it. */
export function SharingCollections({ collections, partners }: { collections: SharingCollection[]; partners: SharingPartner[] }) {
  const { t } = useTranslation();
  const create = useCreateCollection();
  return (
    <SharingSection
      headingId="collections-heading"
      title={t('integrity.sharing.collectionsTitle')}
      intro={t('integrity.sharing.collectionsIntro')}
      emptyText={t('integrity.sharing.noCollections')}
      isEmpty={collections.length === 0}
      fields={[
        { name: 'title', label: t('integrity.sharing.collectionTitle'), flex: '1 1 12rem' },
        { name: 'alias', label: t('integrity.sharing.collectionAlias'), description: t('integrity.sharing.aliasHint'), flex: '1 1 10rem' },
      ]}
      addLabel={t('integrity.sharing.addCollection')}
      adding={create.isPending}
      addError={create.error}
      onAdd={(v, done) => create.mutate({ title: v.title ?? '', alias: v.alias ?? null, description: null }, { onSuccess: done })}
    >
      {collections.map((c) => (
        <CollectionCard key={c.id} collection={c} partners={partners} />
      ))}
    </SharingSection>
  );
}
