import type { UnitDto, UnitKind } from '@diplodesk/contracts';

export interface UnitTreeRow {
  unit: UnitDto;
  depth: number;
  /** Names from the top of the visible tree down to this unit. */
  path: string[];
}

const kindOrder: Record<UnitKind, number> = { ministry: 0, directorate: 1, mission: 2, office: 3 };

function compareUnits(a: UnitDto, b: UnitDto): number {
  return kindOrder[a.kind] - kindOrder[b.kind] || a.name.localeCompare(b.name);
}

/**
 * Depth-first rows of the flat list the API returns. A unit whose parent the caller cannot see
 * starts a tree of its own, so people who hold roles only at a mission still see their subtree.
 */
export function flattenUnitTree(units: readonly UnitDto[]): UnitTreeRow[] {
  const ids = new Set(units.map((unit) => unit.id));
  const children = new Map<string | null, UnitDto[]>();
  for (const unit of units) {
    const parent = unit.parentId !== null && ids.has(unit.parentId) ? unit.parentId : null;
    const siblings = children.get(parent) ?? [];
    siblings.push(unit);
    children.set(parent, siblings);
  }
  const rows: UnitTreeRow[] = [];
  const visit = (parent: string | null, depth: number, path: string[]) => {
    for (const unit of [...(children.get(parent) ?? [])].sort(compareUnits)) {
      const unitPath = [...path, unit.name];
      rows.push({ unit, depth, path: unitPath });
      visit(unit.id, depth + 1, unitPath);
    }
  };
  visit(null, 0, []);
  return rows;
}

/** The unit and everything under it: the places it cannot be moved to. */
export function subtreeIds(units: readonly UnitDto[], rootId: string): Set<string> {
  const result = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const unit of units) {
      if (unit.parentId !== null && result.has(unit.parentId) && !result.has(unit.id)) {
        result.add(unit.id);
        grew = true;
      }
    }
  }
  return result;
}
