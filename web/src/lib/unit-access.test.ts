import type { UnitDto } from '@diplodesk/contracts';
import { describe, expect, it } from 'vitest';
import { unitsWithPermission } from './unit-access.ts';

const unit = (id: string, parentId: string | null): UnitDto => ({
  id,
  parentId,
  kind: parentId ? 'mission' : 'ministry',
  name: id,
  code: id,
  timeZone: 'UTC',
  countryCode: null,
  city: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  policies: {},
});

describe('unitsWithPermission', () => {
  const units = [unit('hq', null), unit('tokyo', 'hq'), unit('tokyo-office', 'tokyo'), unit('paris', 'hq')];

  it('includes the unit a role is held on and everything under it', () => {
    const ids = unitsWithPermission(units, [{ unitId: 'tokyo', role: 'editor' }], 'statement.draft').map((u) => u.id);
    expect(ids).toEqual(['tokyo', 'tokyo-office']);
  });

  it('ignores roles without the permission', () => {
    expect(unitsWithPermission(units, [{ unitId: 'hq', role: 'viewer' }], 'statement.draft')).toEqual([]);
    expect(unitsWithPermission(units, [{ unitId: 'hq', role: 'admin' }], 'statement.approve')).toHaveLength(4);
  });
});
