import type { UnitDto } from '@diplodesk/contracts';
import { describe, expect, it } from 'vitest';
import { flattenUnitTree, subtreeIds } from './unit-tree.ts';

function unit(id: string, parentId: string | null, kind: UnitDto['kind'], name: string): UnitDto {
  const at = '2025-01-01T00:00:00.000Z';
  return { id, parentId, kind, name, code: id, timeZone: 'UTC', countryCode: null, city: null, createdAt: at, updatedAt: at, policies: {} };
}

const units = [
  unit('m1', 'hq', 'mission', 'Embassy in Tokyo'),
  unit('d1', 'hq', 'directorate', 'Directorate of Public Diplomacy'),
  unit('hq', null, 'ministry', 'Ministry of Foreign Affairs'),
  unit('o1', 'm1', 'office', 'Consular office Osaka'),
  unit('m0', 'hq', 'mission', 'Embassy in Canberra'),
];

describe('flattenUnitTree', () => {
  it('orders parents before children, directorates before missions, names alphabetically', () => {
    const rows = flattenUnitTree(units);
    expect(rows.map((row) => [row.unit.id, row.depth])).toEqual([
      ['hq', 0],
      ['d1', 1],
      ['m0', 1],
      ['m1', 1],
      ['o1', 2],
    ]);
    expect(rows[4]?.path).toEqual(['Ministry of Foreign Affairs', 'Embassy in Tokyo', 'Consular office Osaka']);
  });

  it('treats a unit whose parent is not visible as a root', () => {
    const rows = flattenUnitTree(units.filter((u) => u.id !== 'hq'));
    expect(rows.filter((row) => row.depth === 0).map((row) => row.unit.id)).toEqual(['d1', 'm0', 'm1']);
  });
});

describe('subtreeIds', () => {
  it('collects a unit and all its descendants', () => {
    expect([...subtreeIds(units, 'm1')].sort()).toEqual(['m1', 'o1']);
  });
});
