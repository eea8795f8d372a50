import type { ImportPreviewDto } from '@diplodesk/contracts';
import { Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { notifyInfo } from '../lib/notify.ts';
import { unitIdsWithPermission } from '../lib/unit-access.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { ListeningNav } from '../modules/listening/components/ListeningNav.tsx';
import { ImportProgressCard } from '../modules/listening/import/ImportProgressCard.tsx';
import { ImportSummary } from '../modules/listening/import/ImportSummary.tsx';
import { MappingReview } from '../modules/listening/import/MappingReview.tsx';
import { RecentImports } from '../modules/listening/import/RecentImports.tsx';
import { UploadPanel } from '../modules/listening/import/UploadPanel.tsx';
import { importsQueryKey } from '../modules/listening/import/import.api.ts';
import { useImport, useImports } from '../modules/listening/import/use-imports.ts';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { useUnits } from '../modules/units/hooks/use-units.ts';
import { flattenUnitTree } from '../modules/units/utils/unit-tree.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ForbiddenNotice } from '../ui/ForbiddenNotice.tsx';
import { LoadingBlock } from '../ui/LoadingBlock.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';

/** One import: the mapping screen while it waits, progress while it runs, then its summary. */
function ImportView({ id, preview, timeZone, onClose }: { id: string; preview: ImportPreviewDto | null; timeZone: string; onClose: () => void }) {
  const { t } = useTranslation();
  const item = useImport(id);
  if (item.isPending) return <LoadingBlock />;
  if (!item.data) return <ErrorAlert error={item.error} onRetry={() => void item.refetch()} />;
  const current = item.data;
  if (current.status === 'ready') {
    if (!current.policies.start) return <ImportSummary item={current} onAnother={onClose} />;
    return (
      <MappingReview
        item={current}
        initial={preview}
        timeZone={timeZone}
        onDiscarded={() => {
          notifyInfo(t('listeningImport.review.discarded'));
          onClose();
        }}
      />
    );
  }
  if (current.status === 'running') return <ImportProgressCard item={current} />;
  return <ImportSummary item={current} onAnother={onClose} />;
}

export function ListeningImportPage() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  usePageTitle(t('listeningImport.title'));
  const canRead = me.permissions.includes('listening.read');
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('import');
  // The preview that came with an upload, so the mapping screen shows at once without asking again.
  const [uploaded, setUploaded] = useState<{ id: string; preview: ImportPreviewDto } | null>(null);
  const imports = useImports(canRead);
  const queryClient = useQueryClient();
  const units = useUnits(me.permissions.includes('unit.read'));

  const rows = useMemo(() => flattenUnitTree(units.data?.items ?? []), [units.data]);
  const manageable = useMemo(() => unitIdsWithPermission(units.data?.items ?? [], me.user.memberships, 'listening.manage'), [units.data, me.user.memberships]);
  const unitOptions = rows.filter((row) => manageable.has(row.unit.id)).map((row) => ({ value: row.unit.id, label: row.path.join(' › ') }));
  const unitLabel = (id: string) => rows.find((row) => row.unit.id === id)?.path.join(' › ') ?? '';

  if (!canRead) return <ForbiddenNotice />;
  const canImport = imports.data?.policies.create ?? me.permissions.includes('listening.manage');

  return (
    <>
      <ListeningNav active="import" />
      <PageHeader title={t('listeningImport.title')} description={t('listeningImport.intro')} />
      <Stack gap="lg">
        {selectedId ? (
          <ImportView key={selectedId} id={selectedId} preview={uploaded?.id === selectedId ? uploaded.preview : null} timeZone={me.user.timeZone} onClose={() => setParams({})} />
        ) : canImport ? (
          units.isPending ? (
            <LoadingBlock />
          ) : (
            <UploadPanel
              unitOptions={unitOptions}
              onUploaded={(result) => {
                setUploaded({ id: result.import.id, preview: result.preview });
                void queryClient.invalidateQueries({ queryKey: importsQueryKey });
                setParams({ import: result.import.id });
              }}
            />
          )
        ) : null}
        <ErrorAlert error={imports.error} onRetry={() => void imports.refetch()} />
        {imports.data ? <RecentImports items={imports.data.items} unitLabel={unitLabel} timeZone={me.user.timeZone} currentId={selectedId} /> : null}
      </Stack>
    </>
  );
}
