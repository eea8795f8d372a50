import type { Permission } from '@diplodesk/contracts';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useCurrentMe } from '../../session/hooks/use-me.ts';
import { useUnits } from '../../units/hooks/use-units.ts';
import { flattenUnitTree } from '../../units/utils/unit-tree.ts';
import { unitsWithPermission } from '../../../lib/unit-access.ts';

/**
 * The unit a Statements desk page works on: one of the units where the person holds `permission`,
 * kept in the address (`?unit=`) so a reload or a shared link shows the same unit.
 */
export function useUnitChoice(...permissions: Permission[]) {
  const me = useCurrentMe();
  const units = useUnits();
  const [params, setParams] = useSearchParams();
  const permissionList = permissions.join(',');
  const options = useMemo(() => {
    const items = units.data?.items ?? [];
    const wantedPermissions = permissionList.split(',') as Permission[];
    const allowed = new Set(wantedPermissions.flatMap((permission) => unitsWithPermission(items, me.user.memberships, permission).map((u) => u.id)));
    return flattenUnitTree(items)
      .filter((row) => allowed.has(row.unit.id))
      .map((row) => ({ value: row.unit.id, label: row.path.join(' › '), unit: row.unit }));
  }, [units.data, me.user.memberships, permissionList]);
  const wanted = params.get('unit');
  const current = options.find((o) => o.value === wanted) ?? options[0] ?? null;
  const setUnitId = (unitId: string | null) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (unitId) next.set('unit', unitId);
        else next.delete('unit');
        return next;
      },
      { replace: true },
    );
  };
  return { options, unitId: current?.value ?? null, unit: current?.unit ?? null, setUnitId, isPending: units.isPending, error: units.error };
}
