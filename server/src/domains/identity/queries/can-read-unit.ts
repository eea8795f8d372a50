import { type Principal, can } from '../../../platform/authz/principal.ts';
import type { Db } from '../../../platform/db/index.ts';
import { listUnits } from '../identity.repo.ts';

/**
 * A cached unit-id → path lookup for per-recipient checks on the live stream, where every event
 * is checked against every connected user. Refreshed when units change.
 */
export function canReadUnitId(db: Db) {
  let paths: Map<string, string> | null = null;
  return {
    invalidate() {
      paths = null;
    },
    async check(p: Principal, unitId: string | null): Promise<boolean> {
      paths ??= new Map((await listUnits(db)).map((u) => [u.id, u.path]));
      // An event tied to no unit concerns the whole organisation: only readers of the top unit see it.
      if (unitId === null) return [...paths.values()].some((path) => path.split('/').length === 3 && can(p, 'unit.read', path));
      let path = paths.get(unitId);
      if (path === undefined) {
        paths = new Map((await listUnits(db)).map((u) => [u.id, u.path]));
        path = paths.get(unitId);
      }
      return path !== undefined && can(p, 'unit.read', path);
    },
  };
}
