import { useMemo } from 'react';
import { unitIdsWithPermission } from '../../../lib/unit-access.ts';
import { useCurrentMe } from '../../session/hooks/use-me.ts';
import { useUnits } from '../../units/hooks/use-units.ts';

/** The units query, and the units where the person may manage insights (alert rules, monitors) as a form's choices. */
export function useManageableUnits() {
  const me = useCurrentMe();
  const units = useUnits();
  const manageable = useMemo(() => {
    const ids = unitIdsWithPermission(units.data?.items ?? [], me.user.memberships, 'insight.manage');
    return (units.data?.items ?? []).filter((u) => ids.has(u.id)).map((u) => ({ value: u.id, label: u.name }));
  }, [units.data, me.user.memberships]);
  return { units, manageable };
}
