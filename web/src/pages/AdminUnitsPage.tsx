import type { UnitDto } from '@diplodesk/contracts';
import { Button, Paper } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../lib/use-page-title.ts';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import type { UnitFormMode } from '../modules/units/components/UnitForm.tsx';
import { UnitFormModal } from '../modules/units/components/UnitFormModal.tsx';
import { UnitsTable } from '../modules/units/components/UnitsTable.tsx';
import { useUnits } from '../modules/units/hooks/use-units.ts';
import { flattenUnitTree } from '../modules/units/utils/unit-tree.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ForbiddenNotice } from '../ui/ForbiddenNotice.tsx';
import { LoadingBlock } from '../ui/LoadingBlock.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';

export function AdminUnitsPage() {
  const { t } = useTranslation();
  const { permissions } = useCurrentMe();
  const canRead = permissions.includes('unit.read');
  const units = useUnits(canRead);
  const [mode, setMode] = useState<UnitFormMode | null>(null);
  usePageTitle(`${t('admin.tabs.units')} · ${t('areas.administration.title')}`);

  const items = units.data?.items;
  const rows = useMemo(() => flattenUnitTree(items ?? []), [items]);
  const canCreateSomewhere = rows.some((row) => row.unit.policies.createChild === true);

  if (!canRead) return <ForbiddenNotice />;

  return (
    <section aria-labelledby="units-heading">
      <PageHeader
        order={2}
        title={<span id="units-heading">{t('units.title')}</span>}
        description={t('units.intro')}
        actions={
          canCreateSomewhere ? (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setMode({ type: 'create', parentId: rows[0]?.unit.id ?? null })}>
              {t('units.createTitle')}
            </Button>
          ) : null
        }
      />
      <Paper p={0}>
        {units.isPending ? <LoadingBlock /> : null}
        {units.error ? <ErrorAlert error={units.error} onRetry={() => void units.refetch()} /> : null}
        {units.data ? (
          <UnitsTable
            rows={rows}
            onCreateChild={(parent: UnitDto) => setMode({ type: 'create', parentId: parent.id })}
            onEdit={(unit: UnitDto) => setMode({ type: 'edit', unit })}
          />
        ) : null}
      </Paper>
      <UnitFormModal mode={mode} units={items ?? []} onClose={() => setMode(null)} />
    </section>
  );
}
