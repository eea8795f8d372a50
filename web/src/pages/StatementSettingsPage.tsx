import { Stack } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../lib/use-page-title.ts';
import { ChainsSection } from '../modules/channels/components/ChainsSection.tsx';
import { TemplatesSection } from '../modules/channels/components/TemplatesSection.tsx';
import { UnitPicker } from '../modules/channels/components/UnitPicker.tsx';
import { useUnitChoice } from '../modules/channels/hooks/use-unit-choice.ts';
import { StatementsAreaNav } from '../modules/statements/components/StatementsAreaNav.tsx';
import { useUnits } from '../modules/units/hooks/use-units.ts';
import { ForbiddenNotice } from '../ui/ForbiddenNotice.tsx';
import { LoadingBlock } from '../ui/LoadingBlock.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';

/** The unit and the units above it: their templates apply to it. */
function lineage(units: { id: string; parentId: string | null }[], unitId: string): Set<string> {
  const byId = new Map(units.map((u) => [u.id, u]));
  const out = new Set<string>();
  let current = byId.get(unitId);
  while (current && !out.has(current.id)) {
    out.add(current.id);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return out;
}

export function StatementSettingsPage() {
  const { t } = useTranslation();
  usePageTitle(t('channels.settings.title'));
  const choice = useUnitChoice('statement.read');
  const units = useUnits();
  const unitIds = useMemo(() => (choice.unitId ? lineage(units.data?.items ?? [], choice.unitId) : new Set<string>()), [units.data, choice.unitId]);

  return (
    <>
      <StatementsAreaNav active="settings" />
      <PageHeader title={t('channels.settings.title')} description={t('channels.settings.intro')} />
      {choice.isPending ? <LoadingBlock /> : null}
      {!choice.isPending && choice.options.length === 0 ? <ForbiddenNotice /> : null}
      {choice.unitId ? (
        <Stack gap="lg">
          <UnitPicker options={choice.options} value={choice.unitId} onChange={choice.setUnitId} />
          <ChainsSection unitId={choice.unitId} />
          <TemplatesSection unitId={choice.unitId} unitIds={unitIds} />
        </Stack>
      ) : null}
    </>
  );
}
